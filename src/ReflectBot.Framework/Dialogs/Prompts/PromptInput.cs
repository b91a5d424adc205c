using System.Text.Json;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>
/// The one place that reads what the user answered. A typed message carries <c>text</c>; an Adaptive Card
/// <c>Action.Submit</c> arrives with <c>value</c> and no text. Our cards put the answer in
/// <c>value.choice</c> (choice buttons) or <c>value.text</c> (text inputs); failing those, the first string
/// property of <c>value</c> is taken.
/// </summary>
public static class PromptInput
{
    public const string ChoiceKey = "choice";
    public const string TextKey = "text";

    /// <summary>The user's answer as text, or null when the activity carries none.</summary>
    public static string? GetText(Activity? activity)
    {
        if (activity is null)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(activity.Text))
        {
            return activity.Text;
        }

        if (Payload.AsElement(activity.Value) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return NonBlank(value.GetString());
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (StringProperty(value, ChoiceKey) is { } choice)
        {
            return choice;
        }

        if (StringProperty(value, TextKey) is { } text)
        {
            return text;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && NonBlank(property.Value.GetString()) is { } first)
            {
                return first;
            }
        }

        return null;
    }

    private static string? StringProperty(JsonElement value, string name) =>
        value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? NonBlank(p.GetString()) : null;

    private static string? NonBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
