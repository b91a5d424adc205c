using System.Text.Json.Serialization;

namespace ReflectBot.Framework.Dialogs;

/// <summary>One entry of the dialog stack: which dialog, its version and its own state.</summary>
public sealed class DialogInstance
{
    public DialogInstance() { }

    public DialogInstance(string id, IDictionary<string, object?>? state = null)
    {
        Id = id;
        State = state ?? new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    public string Id { get; set; } = "";

    /// <summary>The <see cref="Dialog.Version"/> this instance was started with.</summary>
    [JsonConverter(typeof(DialogVersionConverter))]
    public string? Version { get; set; }

    /// <summary>
    /// The dialog's own state, saved with the stack. Values are JSON primitives, JsonNodes, or types registered with
    /// <see cref="State.StateJson"/> (read back as the same type after a restart).
    /// </summary>
    [JsonConverter(typeof(DialogInstanceStateConverter))]
    public IDictionary<string, object?> State { get; set; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Its saved state could not be read by this build (see <see cref="DialogStateConverter"/>): it cannot be resumed.</summary>
    internal bool Unreadable { get; set; }
}

/// <summary>The dialog stack, persisted in conversation state so a conversation survives a restart.</summary>
[JsonConverter(typeof(DialogStateConverter))]
public sealed class DialogState
{
    public DialogState() { }

    /// <summary>A state over an existing stack (shared, not copied), as a waterfall step's context uses.</summary>
    public DialogState(List<DialogInstance>? stack) => DialogStack = stack ?? [];

    public List<DialogInstance> DialogStack { get; set; } = [];
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DialogState))]
[JsonSerializable(typeof(Prompts.PromptOptions))]
[JsonSerializable(typeof(Choices.FoundChoice))]
public sealed partial class DialogJson : JsonSerializerContext;
