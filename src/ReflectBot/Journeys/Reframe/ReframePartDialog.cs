using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;

namespace ReflectBot.Journeys.Reframe;

/// <summary>
/// The shared base of the four parts of a statement: a step that keeps getting a judgement or a vague wish is
/// turned back with a hint, and after its last try moves on kindly with the user's own words.
/// </summary>
public abstract class ReframePartDialog(string dialogId, ReframeContent content) : JourneyDialog(dialogId)
{
    private const string MovedOnKey = "ReflectBot.Reframe.MovedOn";

    protected ReframeContent Content { get; } = content;

    /// <summary>Accepts a good answer; after the last try accepts any answer (and says so next); otherwise shows the hint.</summary>
    protected async Task<bool> AcceptOrHintAsync(PromptValidatorContext<string> prompt, bool ok, string? hint, CancellationToken cancellationToken)
    {
        if (ok)
        {
            return true;
        }

        if (prompt.AttemptCount >= Content.MaxTries)
        {
            prompt.Context.TurnState[MovedOnKey] = true;
            return true;
        }

        if (hint is not null)
        {
            await prompt.Context.SendActivityAsync(hint, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>Says "let's keep your words and go on" when the answer was taken after its last try.</summary>
    protected async Task SayIfMovedOnAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.Context.TurnState.Remove(MovedOnKey))
        {
            await SayAsync(dc, Content.MovingOn, cancellationToken).ConfigureAwait(false);
        }
    }
}
