using ReflectBot.Content;
using ReflectBot.Framework.Dialogs.Choices;

namespace ReflectBot.Safety;

/// <summary>Which help lines a crisis reply lists.</summary>
public enum LinesShown
{
    Crisis,
    Abuse,
    Both,
}

/// <summary>
/// Everything the bot says on the safety path (dialogs/en-US/safety.yaml), read and checked once at start-up:
/// every crisis category has a reply, every placeholder is one the bot fills, every answer key is known.
/// </summary>
[Content(File = "safety.yaml")]
public sealed partial record SafetyContent
{
    /// <summary>Answer keys of the "are you safe right now?" question and the check-in.</summary>
    public static class Answers
    {
        public const string Safe = "safe";
        public const string NotSafe = "not-safe";
        public const string Unsure = "unsure";
        public const string Pause = "pause";
        public const string Back = "back";
        public const string Ok = "ok";
        public const string Struggling = "struggling";
        public const string Yes = "yes";
        public const string No = "no";
    }

    public required HelpLineFormat Line { get; init; }

    /// <summary>The first message of a crisis reply, by the category's wire name (see <see cref="ReplyFor"/>).</summary>
    public required IReadOnlyDictionary<string, CrisisReplyText> Replies { get; init; }
    public required SafeQuestionTexts Question { get; init; }
    public required CrisisTexts Crisis { get; init; }
    public required CheckInTexts CheckIn { get; init; }

    /// <summary>Someone worried about another person; written ahead of the screener's who/when work, not said yet.</summary>
    public required ForOtherTexts ForOther { get; init; }

    /// <summary>After a past attempt or past self-harm; written ahead of the screener's who/when work, not said yet.</summary>
    public required FollowUpTexts FollowUp { get; init; }

    /// <summary>The reply for a crisis category; every one is there (checked at start-up).</summary>
    public CrisisReplyText ReplyFor(SafetyCategory category) => Replies[category.WireName()];

    /// <summary>The safe / not safe / not sure / pause / go back choices.</summary>
    public IReadOnlyList<Choice> QuestionChoices => field ??= [.. Question.Choices.Select(c => c.ToChoice())];

    /// <summary>The pause / go back choices, taken from the question's choices.</summary>
    public IReadOnlyList<Choice> PauseOrBackChoices => field ??= [.. QuestionChoices.Where(c => c.Value is Answers.Pause or Answers.Back)];

    /// <summary>The safe / not safe / not sure choices, for asking again.</summary>
    public IReadOnlyList<Choice> SafeChoices => field ??= [.. QuestionChoices.Where(c => c.Value is Answers.Safe or Answers.NotSafe or Answers.Unsure)];

    public IReadOnlyList<Choice> CheckInChoices => field ??= [.. CheckIn.Choices.Select(c => c.ToChoice())];

    public IReadOnlyList<Choice> TherapistOfferChoices => field ??= [CheckIn.OfferYes.ToChoice(Answers.Yes), CheckIn.OfferNo.ToChoice(Answers.No)];

    /// <summary>A reply for every crisis category, and nothing else under <c>replies</c>.</summary>
    private void Validate(ContentNode node)
    {
        var replies = node.Get("replies");
        var crisis = SafetyCategories.All.Where(c => c.IsCrisis()).Select(c => c.WireName()).ToList();
        foreach (var key in crisis)
        {
            _ = replies.Get(key);
        }

        foreach (var key in replies.Keys.Where(k => !crisis.Contains(k)))
        {
            throw replies.Get(key).Error($"'{key}' is not a crisis category (expected: {string.Join(", ", crisis)})");
        }
    }
}

/// <summary>How a help line is written (safety.yaml <c>line</c>).</summary>
[Content]
public sealed partial record HelpLineFormat
{
    [Fills("name", "ways")]
    public required string Item { get; init; }

    [Fills("number")]
    public required string Call { get; init; }

    [Fills("number")]
    public required string Text { get; init; }

    [Fills("number")]
    public required string CallOrText { get; init; }

    [Fills("website")]
    public required string Website { get; init; }

    [Fills("first", "next")]
    public required string Join { get; init; }

    [Fills("ways", "note")]
    public required string WithNote { get; init; }

    [Fills("name", "ways")]
    public required string InSentence { get; init; }
}

/// <summary>The first message of a crisis reply for one category (safety.yaml <c>replies</c>).</summary>
[Content]
public sealed partial record CrisisReplyText
{
    [Fills("emergency")]
    public string? Open { get; init; }

    [Fills("emergency")]
    public required string Compassion { get; init; }

    [Fills("emergency")]
    public required string Help { get; init; }
    public required LinesShown Lines { get; init; }
}

[Content]
public sealed partial record SafeQuestionTexts
{
    public required string Text { get; init; }

    [Keys(SafetyContent.Answers.Safe, SafetyContent.Answers.NotSafe, SafetyContent.Answers.Unsure, SafetyContent.Answers.Pause, SafetyContent.Answers.Back)]
    public required IReadOnlyList<ChoiceItem> Choices { get; init; }
}

/// <summary>The conversation after a crisis reply (see CrisisDialog).</summary>
[Content]
public sealed partial record CrisisTexts
{
    public required string Safe { get; init; }

    [Fills("emergency", "line")]
    public required string NotSafe { get; init; }

    [Fills("emergency", "line")]
    public required string Unsure { get; init; }
    public required string Reask { get; init; }
    public required string PauseOrBack { get; init; }
    public required string Paused { get; init; }
    public required string WelcomeBack { get; init; }
    public required string Back { get; init; }
}

/// <summary>The gentle check-in (see CheckInDialog).</summary>
[Content]
public sealed partial record CheckInTexts
{
    public required string Question { get; init; }

    [Keys(SafetyContent.Answers.Ok, SafetyContent.Answers.Struggling, SafetyContent.Answers.NotSafe)]
    public required IReadOnlyList<ChoiceItem> Choices { get; init; }
    public required string Ok { get; init; }

    [Fills("line")]
    public required string Struggling { get; init; }

    [Fills("line")]
    public required string Shared { get; init; }
    public required string TherapistOffer { get; init; }
    public required ChoiceWords OfferYes { get; init; }
    public required ChoiceWords OfferNo { get; init; }
    public required string TherapistDeclined { get; init; }
}
