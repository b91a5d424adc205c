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

/// <summary>The first message of a crisis reply for one category (safety.yaml <c>replies</c>).</summary>
public sealed record CrisisReplyText(string? Open, string Compassion, string Help, LinesShown Lines);

/// <summary>How a help line is written (safety.yaml <c>line</c>).</summary>
public sealed record HelpLineFormat(string Item, string Call, string Text, string CallOrText, string Website, string Join, string WithNote, string InSentence);

/// <summary>
/// Everything the bot says on the safety path (dialogs/en-US/safety.yaml), read and checked once at start-up:
/// every crisis category has a reply, every placeholder is one the bot fills, every answer key is known.
/// </summary>
public sealed class SafetyContent : IBotContent
{
    public const string FileName = "safety.yaml";

    /// <summary>Answer keys of the "are you safe right now?" question.</summary>
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

    public required HelpLineFormat LineFormat { get; init; }
    public required IReadOnlyDictionary<SafetyCategory, CrisisReplyText> Replies { get; init; }
    public required string QuestionText { get; init; }
    public required IReadOnlyList<Choice> QuestionChoices { get; init; }
    public required string CrisisSafe { get; init; }
    public required string CrisisNotSafe { get; init; }
    public required string CrisisUnsure { get; init; }
    public required string CrisisReask { get; init; }
    public required string CrisisPauseOrBack { get; init; }
    public required string CrisisPaused { get; init; }
    public required string CrisisWelcomeBack { get; init; }
    public required string CrisisBack { get; init; }
    public required string CheckInQuestion { get; init; }
    public required IReadOnlyList<Choice> CheckInChoices { get; init; }
    public required string CheckInOk { get; init; }
    public required string CheckInStruggling { get; init; }
    public required string CheckInShared { get; init; }
    public required string TherapistOffer { get; init; }
    public required string TherapistDeclined { get; init; }
    public required IReadOnlyList<Choice> TherapistOfferChoices { get; init; }

    /// <summary>The pause / go back choices, taken from the question's choices.</summary>
    public IReadOnlyList<Choice> PauseOrBackChoices => [.. QuestionChoices.Where(c => c.Value is Answers.Pause or Answers.Back)];

    /// <summary>The safe / not safe / not sure choices, for asking again.</summary>
    public IReadOnlyList<Choice> SafeChoices => [.. QuestionChoices.Where(c => c.Value is Answers.Safe or Answers.NotSafe or Answers.Unsure)];

    public static SafetyContent Load(ContentSource source)
    {
        var root = source.LocaleFile(FileName);
        var line = root.Get("line");
        var replies = root.Get("replies");
        var question = root.Get("question");
        var crisis = root.Get("crisis");
        var checkIn = root.Get("checkIn");

        var byCategory = new Dictionary<SafetyCategory, CrisisReplyText>();
        foreach (var category in SafetyCategories.All.Where(c => c.IsCrisis()))
        {
            var node = replies.Get(category.WireName());
            var linesNode = node.Get("lines");
            var lines = linesNode.Text() switch
            {
                "crisis" => LinesShown.Crisis,
                "abuse" => LinesShown.Abuse,
                "both" => LinesShown.Both,
                var other => throw linesNode.Error($"'{other}' is not one of crisis, abuse, both"),
            };
            byCategory[category] = new CrisisReplyText(
                node.TryGet("open") is { } open ? Checked(open, "emergency") : null,
                Checked(node.Get("compassion"), "emergency"),
                Checked(node.Get("help"), "emergency"),
                lines);
        }

        foreach (var key in replies.Keys)
        {
            if (!SafetyCategories.TryParse(key, out var category) || !category.IsCrisis())
            {
                throw replies.Get(key).Error($"'{key}' is not a crisis category (expected: {string.Join(", ", SafetyCategories.All.Where(c => c.IsCrisis()).Select(c => c.WireName()))})");
            }
        }

        return new SafetyContent
        {
            LineFormat = new HelpLineFormat(
                Checked(line.Get("item"), "name", "ways"),
                Checked(line.Get("call"), "number"),
                Checked(line.Get("text"), "number"),
                Checked(line.Get("callOrText"), "number"),
                Checked(line.Get("website"), "website"),
                Checked(line.Get("join"), "first", "next"),
                Checked(line.Get("withNote"), "ways", "note"),
                Checked(line.Get("inSentence"), "name", "ways")),
            Replies = byCategory,
            QuestionText = Checked(question.Get("text")),
            QuestionChoices = ReadChoices(question.Get("choices"), Answers.Safe, Answers.NotSafe, Answers.Unsure, Answers.Pause, Answers.Back),
            CrisisSafe = Checked(crisis.Get("safe")),
            CrisisNotSafe = Checked(crisis.Get("notSafe"), "emergency", "line"),
            CrisisUnsure = Checked(crisis.Get("unsure"), "emergency", "line"),
            CrisisReask = Checked(crisis.Get("reask")),
            CrisisPauseOrBack = Checked(crisis.Get("pauseOrBack")),
            CrisisPaused = Checked(crisis.Get("paused")),
            CrisisWelcomeBack = Checked(crisis.Get("welcomeBack")),
            CrisisBack = Checked(crisis.Get("back")),
            CheckInQuestion = Checked(checkIn.Get("question")),
            CheckInChoices = ReadChoices(checkIn.Get("choices"), Answers.Ok, Answers.Struggling, Answers.NotSafe),
            CheckInOk = Checked(checkIn.Get("ok")),
            CheckInStruggling = Checked(checkIn.Get("struggling"), "line"),
            CheckInShared = Checked(checkIn.Get("shared"), "line"),
            TherapistOffer = Checked(checkIn.Get("therapistOffer")),
            TherapistDeclined = Checked(checkIn.Get("therapistDeclined")),
            TherapistOfferChoices =
            [
                new Choice(Answers.Yes) { Title = checkIn.Get("offerYes").Get("title").Text(), Synonyms = [.. checkIn.Get("offerYes").Get("synonyms").Texts()] },
                new Choice(Answers.No) { Title = checkIn.Get("offerNo").Get("title").Text(), Synonyms = [.. checkIn.Get("offerNo").Get("synonyms").Texts()] },
            ],
        };
    }

    /// <summary>
    /// Choices with exactly the given keys, in file order: a missing or unknown key stops start-up, because the
    /// dialog could otherwise never act on that answer.
    /// </summary>
    internal static IReadOnlyList<Choice> ReadChoices(ContentNode list, params string[] keys)
    {
        var choices = new List<Choice>();
        foreach (var item in list.Items())
        {
            var keyNode = item.Get("key");
            var key = keyNode.Text();
            if (Array.IndexOf(keys, key) < 0)
            {
                throw keyNode.Error($"unknown answer key '{key}' (expected: {string.Join(", ", keys)})");
            }

            if (choices.Exists(c => c.Value == key))
            {
                throw keyNode.Error($"answer key '{key}' is used twice");
            }

            choices.Add(new Choice(key) { Title = item.Get("title").Text(), Synonyms = [.. item.TryGet("synonyms")?.Texts() ?? []] });
        }

        foreach (var key in keys)
        {
            if (!choices.Exists(c => c.Value == key))
            {
                throw list.Error($"the answer with key '{key}' is missing");
            }
        }

        return choices;
    }

    /// <summary>
    /// The node's text, after checking that every <c>{placeholder}</c> in it is one the bot fills: a misspelt
    /// placeholder would otherwise reach a person in crisis as "{emergancy}".
    /// </summary>
    internal static string Checked(ContentNode node, params string[] allowed)
    {
        var text = node.Text();
        for (var open = text.IndexOf('{'); open >= 0; open = text.IndexOf('{', open + 1))
        {
            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                throw node.Error("a '{' is never closed");
            }

            var name = text[(open + 1)..close];
            if (Array.IndexOf(allowed, name) < 0)
            {
                throw node.Error(allowed.Length == 0
                    ? $"'{{{name}}}' cannot be filled here (this text takes no placeholders)"
                    : $"'{{{name}}}' cannot be filled here (expected: {string.Join(", ", allowed.Select(a => "{" + a + "}"))})");
            }
        }

        return text;
    }
}
