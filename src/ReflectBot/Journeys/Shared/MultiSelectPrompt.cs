using System.Text.Json.Nodes;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;

namespace ReflectBot.Journeys;

/// <summary>
/// Asks the user to pick any number of <see cref="PromptOptions.Choices"/> at once, and returns the picked keys
/// (possibly none). The prompt activity is a <see cref="JourneyCards.Checklist"/>, whose submission is read
/// directly; typed answers work too: "1, 4 and 7", "2 5", titles or plain words per item, or a "none" word.
/// </summary>
public sealed class MultiSelectPrompt(string dialogId, IEnumerable<string> noneWords) : Prompt<List<string>>(dialogId)
{
    private static readonly char[] Separators = [',', ';', '&', '+', '/', '\n'];
    private readonly Phrase.Set _none = new(noneWords);

    protected override async Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default)
    {
        // The retry is a short text; the card stays above it in the conversation.
        if (PromptActivity(options, isRetry) is { } activity)
        {
            await turnContext.SendActivityAsync(AsPrompt(activity), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override Task<PromptRecognizerResult<List<string>>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default)
    {
        var choices = options.Choices ?? [];
        var picked = JourneyCards.ReadChecklist(turnContext.Activity, choices) ?? RecognizeTyped(PromptInput.GetText(turnContext.Activity), choices);
        return Task.FromResult(picked is null ? new PromptRecognizerResult<List<string>>() : new PromptRecognizerResult<List<string>>(picked));
    }

    /// <summary>Every part of the reply must name an item; one part that names none means asking again rather than guessing.</summary>
    private List<string>? RecognizeTyped(string? text, IList<Choice> choices)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (_none.Matches(text))
        {
            return [];
        }

        var picked = new List<string>();
        foreach (var part in SplitParts(text))
        {
            if (ChoiceRecognizer.Recognize(part, choices) is not { } found)
            {
                return null;
            }

            if (!picked.Contains(found.Value))
            {
                picked.Add(found.Value);
            }
        }

        // Keep the list's order, whatever order they were typed in.
        return picked.Count == 0 ? null : choices.Select(c => c.Value).Where(picked.Contains).ToList();
    }

    /// <summary>"1, 4 and 7" → "1", "4", "7"; "2 5" → "2", "5"; "the one about work and 3" → two parts.</summary>
    private static IEnumerable<string> SplitParts(string text)
    {
        foreach (var chunk in text.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var part in chunk.Split(" and ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length > 1 && words.All(w => w.All(char.IsDigit)))
                {
                    foreach (var number in words)
                    {
                        yield return number;
                    }
                }
                else if (part.Length > 0)
                {
                    yield return part;
                }
            }
        }
    }
}
