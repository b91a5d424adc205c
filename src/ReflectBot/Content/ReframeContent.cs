using ReflectBot.Dialogs.Journey;

namespace ReflectBot.Content;

/// <summary>The "Say it with "I feel"" conversation (<c>reframe.yaml</c>); hints on wording come from the analyser's files.</summary>
public sealed class ReframeContent : IBotContent
{
    public required string Intro { get; init; }
    public required string DraftPrompt { get; init; }
    public required string DraftRetry { get; init; }
    public required string NoticedIntro { get; init; }
    public required string Bullet { get; init; }
    public required int MaxNotes { get; init; }
    public required string Gentle { get; init; }
    public required string NoticedNext { get; init; }
    public required int MaxTries { get; init; }
    public required string MovingOn { get; init; }
    public required string ObservationPrompt { get; init; }
    public required string ObservationRetry { get; init; }
    public required string FeelingPrompt { get; init; }
    public required string FeelingFamilyPrompt { get; init; }
    public required int ShowWords { get; init; }
    public required string NeedPrompt { get; init; }
    public required string NeedSuggestedPrompt { get; init; }
    public required string NeedGroupPrompt { get; init; }
    public required int ShowNeeds { get; init; }
    public required IReadOnlyList<string> NeedDropPrefixes { get; init; }
    public required string RequestPrompt { get; init; }
    public required string RequestRetry { get; init; }
    public required IReadOnlyList<string> RequestOpeners { get; init; }
    public required IReadOnlyList<string> QuestionOpeners { get; init; }
    public required string RequestWrapped { get; init; }
    public required string StatementText { get; init; }
    public required string And { get; init; }
    public required string StatementIntro { get; init; }
    public required string StatementTitle { get; init; }
    public required IReadOnlyDictionary<string, string> PartLabels { get; init; }
    public required string ReviewPrompt { get; init; }
    public required string ReviewRetry { get; init; }
    public required IReadOnlyList<ChoiceItem> ReviewChoices { get; init; }
    public required string Saved { get; init; }
    public required string NextPrompt { get; init; }
    public required string NextRetry { get; init; }
    public required IReadOnlyList<ChoiceItem> NextChoices { get; init; }

    /// <summary>The four parts of a statement, in the order they are built; also the keys of the review's "change" choices.</summary>
    public static readonly string[] Parts = ["observation", "feeling", "need", "request"];

    /// <summary>The review choice that saves rather than changes a part.</summary>
    public const string SaveKey = "save";

    public static ReframeContent Load(ContentSource source) => Read(source.LocaleFile("reframe.yaml"));

    public static ReframeContent Read(ContentNode root)
    {
        var draft = root.Get("draft");
        var noticed = root.Get("noticed");
        var observation = root.Get("observation");
        var feeling = root.Get("feeling");
        var need = root.Get("need");
        var request = root.Get("request");
        var statement = root.Get("statement");
        var review = root.Get("review");
        var next = root.Get("next");

        var partsNode = statement.Get("parts");
        var reviewNode = review.Get("choices");
        var reviewChoices = reviewNode.ReadChoices();
        foreach (var key in Parts.Append(SaveKey).Where(k => reviewChoices.All(c => c.Key != k)))
        {
            throw reviewNode.Error($"the choices need one with key '{key}'");
        }

        return new ReframeContent
        {
            Intro = root.Get("intro").Text(),
            DraftPrompt = draft.Get("prompt").Text(),
            DraftRetry = draft.Get("retry").Text(),
            NoticedIntro = noticed.Get("intro").Text(),
            Bullet = noticed.Get("bullet").Text() + " ",
            MaxNotes = Positive(noticed.Get("maxNotes")),
            Gentle = noticed.Get("gentle").Text(),
            NoticedNext = noticed.Get("next").Text(),
            MaxTries = Positive(root.Get("maxTries")),
            MovingOn = root.Get("movingOn").Text(),
            ObservationPrompt = observation.Get("prompt").Text(),
            ObservationRetry = observation.Get("retry").Text(),
            FeelingPrompt = feeling.Get("prompt").Text(),
            FeelingFamilyPrompt = feeling.Get("familyPrompt").Text(),
            ShowWords = Positive(feeling.Get("showWords")),
            NeedPrompt = need.Get("prompt").Text(),
            NeedSuggestedPrompt = need.Get("suggestedPrompt").Text(),
            NeedGroupPrompt = need.Get("groupPrompt").Text(),
            ShowNeeds = Positive(need.Get("showNeeds")),
            NeedDropPrefixes = need.Get("dropPrefixes").Texts(),
            RequestPrompt = request.Get("prompt").Text(),
            RequestRetry = request.Get("retry").Text(),
            RequestOpeners = request.Get("openers").Texts(),
            QuestionOpeners = request.Get("questionOpeners").Texts(),
            RequestWrapped = request.Get("wrapped").Template("request"),
            StatementText = statement.Get("text").Template("feeling", "observation", "need", "request"),
            And = statement.Get("and").Text(),
            StatementIntro = statement.Get("intro").Text(),
            StatementTitle = statement.Get("title").Text(),
            PartLabels = Parts.ToDictionary(p => p, p => partsNode.Get(p).Text(), StringComparer.Ordinal),
            ReviewPrompt = review.Get("prompt").Text(),
            ReviewRetry = review.Get("retry").Text(),
            ReviewChoices = reviewChoices,
            Saved = root.Get("saved").Text(),
            NextPrompt = next.Get("prompt").Text(),
            NextRetry = next.Get("retry").Text(),
            NextChoices = next.Get("choices").ReadChoices(),
        };
    }

    private static int Positive(ContentNode node)
    {
        var n = node.Int();
        return n >= 1 ? n : throw node.Error("expected a whole number of at least 1");
    }
}
