using System.Text.Json;
using System.Text.Json.Nodes;
using ReflectBot.Framework.Dialogs.Prompts;

namespace ReflectBot.Framework.Dialogs;

/// <summary>Where a prompt keeps its options in its instance state.</summary>
internal static class PromptStateKeys
{
    public const string Options = "options";
}

/// <summary>
/// Looks down a dialog stack to the dialog that is actually waiting for the user, through every component dialog's
/// inner stack: an interruption at the top (help, small talk, a question) can then tell which question is open and
/// whether the message already answers it.
/// </summary>
public static class ActiveDialogs
{
    /// <summary>The innermost active dialog instance below <paramref name="dc"/>'s active dialog, or null when the stack is empty.</summary>
    public static DialogInstance? Innermost(DialogContext dc)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog;
        while (instance is not null && instance.State.TryGetValue(InnerStackKey, out var inner) && inner is DialogState { DialogStack.Count: > 0 } stack)
        {
            instance = stack.DialogStack[0];
        }

        return instance;
    }

    /// <summary>The options a waiting prompt was begun with (its choices and its question), or null when <paramref name="instance"/> is not a prompt.</summary>
    public static PromptOptions? PromptOptionsOf(DialogInstance? instance) =>
        instance is null || !instance.State.TryGetValue(PromptStateKeys.Options, out var saved) ? null : saved switch
        {
            PromptOptions options => options,
            JsonObject json => json.Deserialize(DialogJson.Default.PromptOptions),
            _ => null,
        };

    // Where ComponentDialog keeps its inner stack.
    private const string InnerStackKey = "dialogs";
}
