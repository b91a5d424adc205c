using System.Text.RegularExpressions;
using ReflectBot.Content;
using ReflectBot.Journeys.Learn;
using ReflectBot.Journeys.Toolkit;
using ReflectBot.Privacy;

namespace ReflectBot.Understanding.Recognition;

/// <summary>
/// Everything the recognizer learned from the content, built once at start-up: the exact phrases, the intent
/// classifier, the Learn index and the entity lists. <see cref="Read"/> turns one message into a
/// <see cref="RecognizedMessage"/>, asking for the sentence embedding only when the cheap look did not settle it.
/// </summary>
public sealed partial class RecognitionModel
{
    /// <summary>Main-menu keys and the intent that starts each.</summary>
    public static readonly IReadOnlyDictionary<string, string> IntentByMenuKey = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["signs"] = IntentNames.StartSigns,
        ["reframe"] = IntentNames.StartReframe,
        ["plan"] = IntentNames.StartPlan,
        ["rehearse"] = IntentNames.StartRehearse,
        ["therapist"] = IntentNames.FindTherapist,
        ["toolkit"] = IntentNames.MyToolkit,
        ["learn"] = IntentNames.StartLearn,
    };

    private readonly ExactMatcher _exact;
    private readonly IntentClassifier _intents;
    private readonly LearnIndex _learn;
    private readonly EntityExtractor _entities;
    private readonly RecognitionOptions _options;

    public RecognitionModel(ExactMatcher exact, IntentClassifier intents, LearnIndex learn, EntityExtractor entities, RecognitionOptions options)
    {
        _exact = exact;
        _intents = intents;
        _learn = learn;
        _entities = entities;
        _options = options;
    }

    /// <summary>Whether meaning is read from sentence embeddings (false: from words alone).</summary>
    public bool UsesEmbeddings => _intents.UsesEmbeddings;

    public RecognitionOptions Options => _options;

    /// <summary>
    /// The exact phrases, by precedence: the global commands, then menu words and button titles, then intents.yaml's
    /// examples (the same words in two places keep the first place's meaning).
    /// </summary>
    public static ExactMatcher ExactPhrases(CommonContent common, IEnumerable<ChoiceItem> menu, PrivacyContent privacy, ToolkitContent toolkit, IntentsContent intents) =>
        new([
            [
                .. common.Commands.Help.Select(p => (IntentNames.Help, p)),
                .. common.Commands.Menu.Select(p => (IntentNames.Menu, p)),
                .. common.Commands.StartOver.Select(p => (IntentNames.StartOver, p)),
                .. common.Commands.Cancel.Select(p => (IntentNames.Cancel, p)),
                .. privacy.Commands.Select(p => (IntentNames.DeleteMyData, p)),
                .. toolkit.Commands.Select(p => (IntentNames.MyToolkit, p)),
            ],
            [
                .. menu.Where(m => IntentByMenuKey.ContainsKey(m.Key))
                    .SelectMany(m => m.Synonyms.Append(m.Title).Select(p => (IntentByMenuKey[m.Key], p))),
            ],
            [.. intents.Intents.SelectMany(i => i.Examples.Select(e => (i.Name, e)))],
        ]);

    /// <summary>
    /// What <paramref name="text"/> means. <paramref name="embedding"/> is asked for only when the exact look does not
    /// settle it; it returns empty when no model is loaded or the model failed on this message.
    /// </summary>
    public RecognizedMessage Read(string? text, Func<ReadOnlyMemory<float>> embedding)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return RecognizedMessage.Nothing;
        }

        if (IsNumber(text))
        {
            return RecognizedMessage.Answer;
        }

        // A question word for word still needs the model, to find its Learn entry.
        var exact = _exact.Match(text);
        if (exact is not null && exact != IntentNames.LearnQuestion)
        {
            return new RecognizedMessage(exact, 1, Certainty.Exact, [new RankedIntent(exact, 1)], _entities.Extract(text, exact), [], false);
        }

        var vector = embedding();
        var words = TextFeatures.Extract(text);
        var (ranked, closeness) = _intents.Classify(vector.Span, words);
        var top = ranked[0];
        var alternatives = ranked.Take(3).Where(r => r.Intent != IntentNames.None).ToList();

        // Any question may be one the Learn entries answer, so they are matched whenever learn_question is in the running.
        var learn = exact == IntentNames.LearnQuestion || ranked.Take(3).Any(r => r.Intent == IntentNames.LearnQuestion)
            ? _learn.Match(vector.Span, words)
            : [];

        Certainty certainty;
        string intent;
        if (exact is not null)
        {
            (certainty, intent) = (Certainty.Exact, exact);
        }
        else if (top.Intent == IntentNames.None || (closeness < _options.InScopeFrom && !OutweighsDistance(top, learn)))
        {
            (certainty, intent) = (Certainty.OutOfScope, IntentNames.None);
        }
        else
        {
            intent = top.Intent;
            certainty = top.Score >= _options.SureFrom ? Certainty.Sure
                : top.Score >= _options.AskFrom ? Certainty.Unsure
                : Certainty.Unknown;
        }

        return new RecognizedMessage(intent, top.Score, certainty, alternatives, _entities.Extract(text, intent), learn, !vector.IsEmpty);
    }

    /// <summary>
    /// Far from every example, the bot still acts when the classifier is very sure (the words name a conversation
    /// outright: "i want to take the test for my boyfriend"); for a question, only when a Learn entry also fits well, so
    /// "how do I file for divorce?" is not answered with whatever entry is least far.
    /// </summary>
    private bool OutweighsDistance(RankedIntent top, IReadOnlyList<LearnMatch> learn) =>
        top.Score >= _options.SureDespiteDistanceFrom
        && (top.Intent != IntentNames.LearnQuestion || (learn.Count > 0 && learn[0].Probability >= _options.SureDespiteDistanceFrom));

    /// <summary>How well the best Learn entry fits: answer it, offer the closest few, or say there is no good answer.</summary>
    public LearnFit Fit(IReadOnlyList<LearnMatch> matches) =>
        matches.Count == 0 || matches[0].Probability < _options.LearnSuggestFrom ? LearnFit.NoMatch
        : matches[0].Probability >= _options.LearnAnswerFrom ? LearnFit.Answer
        : LearnFit.Suggest;

    private static bool IsNumber(string text) => NumberPattern().IsMatch(text);

    // A number, or a number word: "3", "#2", "seven", "the first one" answer whatever list or scale was shown.
    [GeneratedRegex(@"^\s*(#?\d{1,3}\s*[.)]?|(the\s+)?(zero|one|two|three|four|five|six|seven|eight|nine|ten|first|second|third|fourth|fifth|sixth|seventh|last)(\s+one)?)\s*[.!]?\s*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();
}

/// <summary>What to do with a question, from how well the Learn entries fit it.</summary>
public enum LearnFit
{
    /// <summary>Give the best entry's answer.</summary>
    Answer,

    /// <summary>Offer the closest entries by title ("did you mean ...?").</summary>
    Suggest,

    /// <summary>Say honestly there's no good answer, and list the topics.</summary>
    NoMatch,
}
