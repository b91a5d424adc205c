using System.Buffers;
using ReflectBot.Safety.Model;
using ReflectBot.Safety.Screening;
using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Safety;

/// <summary>
/// Screens one user message for crisis signals (suicide and self-harm, abuse, immediate danger, harm
/// to others) and lighter distress. All phrases, word lists, rewrites, idioms, negation and hedge cues
/// come from dialogs/safety/screening.yaml, parsed and validated once by <see cref="Load"/>.
/// <see cref="Screen(string?)"/> is thread-safe, allocation-free and takes microseconds per message.
/// </summary>
/// <remarks>
/// How a verdict is reached:
/// <list type="number">
/// <item>Normalise: lower-case, apostrophes folded, punctuation and emoji to word breaks (punctuation also ends a clause),
/// one-slip typos of listed risk words corrected (<see cref="TypoCorrector"/>), rewrites applied (<see cref="TextNormaliser"/>).</item>
/// <item>Every rule pattern is tried at every word where it could start, unless none of its anchor words occurs in the
/// message at all. A match is dropped when an idiom pattern covers all of it ("this job is killing me").
/// Frame rules (same_clause: a risk concept next to its target in one clause) must sit in one clause, and are also
/// dropped by a covers_frame_ends idiom that starts inside them and reaches their end ("want to hurt her feelings").</item>
/// <item>A match with a negation cue shortly before it in the same clause ("I'm not suicidal") is a denial:
/// a denied crisis phrase becomes <see cref="SafetyCategory.CheckIn"/> with Uncertain set, so the bot asks
/// gently rather than ignoring it; a denied check-in phrase ("I don't feel hopeless") is dropped.
/// Cues that only look like negation ("I can't stop thinking about…", "I don't know why…") are listed in the data.</item>
/// <item>A hedge near a match ("maybe", "idk", "lol") keeps the category but sets Uncertain.</item>
/// <item>A rule marked near_first_person only counts with "i", "me" or "my" close by (the data's death-word safety net).</item>
/// <item>Signal groups combine: e.g. two different coercive-control signs make abuse even though each alone is a check-in.</item>
/// <item>The most severe category wins (Emergency &gt; SelfHarm &gt; Abuse &gt; HarmToOthers &gt; CheckIn);
/// on a tie a certain match beats an uncertain one, then the first in the text.</item>
/// <item>When the rules found no crisis, the learned second opinion (dialogs/safety/classifier.yaml, trained at load on
/// labelled-messages.tsv) may add caution: see <see cref="SecondOpinionPolicy.Apply"/>. It never lowers a verdict.</item>
/// </list>
/// </remarks>
public sealed partial class CrisisScreener
{
    /// <summary>Where the data lives, relative to the content root (the dialogs folder).</summary>
    public const string RelativePath = "safety/screening.yaml";

    private readonly Vocabulary _vocabulary;
    private readonly TextNormaliser _normaliser;
    private readonly ScreeningRule[] _rules;
    private readonly ScreeningCombination[] _combinations;
    private readonly int _groupCount;
    private readonly PatternIndex _rulePatterns;
    private readonly PatternIndex _idioms;
    private readonly PatternIndex _frameEndIdioms;
    private readonly PatternIndex _negationCues;
    private readonly PatternIndex _notNegations;
    private readonly PatternIndex _hedges;
    private readonly int _negationMaxGap;
    private readonly int _hedgeWindow;

    // Set once by Load, after the rules' own examples have been checked (they test the rules alone).
    private SecondOpinion? _secondOpinion;

    private CrisisScreener(ScreenerParts parts)
    {
        _vocabulary = parts.Vocabulary;
        _normaliser = parts.Normaliser;
        _rules = parts.Rules;
        _combinations = parts.Combinations;
        _groupCount = parts.GroupCount;
        _rulePatterns = parts.RulePatterns;
        _idioms = parts.Idioms;
        _frameEndIdioms = parts.FrameEndIdioms;
        _negationCues = parts.Negation.Cues;
        _notNegations = parts.Negation.NotNegations;
        _hedges = parts.Hedges.Cues;
        _negationMaxGap = parts.Negation.MaxGap;
        _hedgeWindow = parts.Hedges.Window;
    }

    /// <summary>Ids of every rule and combination, in file order (for audits and tests).</summary>
    public IReadOnlyList<string> RuleIds => [.. _rules.Select(r => r.Id), .. _combinations.Select(c => c.Id)];

    /// <summary>Screens one message. Null, empty and whitespace-only text is <see cref="ScreenResult.None"/>.</summary>
    public ScreenResult Screen(string? text) => text is null ? ScreenResult.None : Screen(text.AsSpan());

    /// <summary>True when the learned second opinion is loaded (classifier.yaml present).</summary>
    public bool HasModel => _secondOpinion is not null;

    /// <summary>How long training the second opinion took at load, for logs and the bench.</summary>
    public TimeSpan? ModelTrainingTime => _secondOpinion?.TrainingTime;

    /// <summary>The thresholds in use, or null without a model.</summary>
    public SecondOpinionPolicy? ModelPolicy => _secondOpinion?.Policy;

    /// <summary>The rules' verdict alone, without the model (cross-validation and audits).</summary>
    public ScreenResult ScreenRulesOnly(string text) => Screen(text.AsSpan(), useModel: false);

    /// <inheritdoc cref="Screen(string?)"/>
    public ScreenResult Screen(ReadOnlySpan<char> text) => Screen(text, useModel: true);

    /// <summary>Screens one message, letting <paramref name="review"/> decide wherever the n-gram model would (see <see cref="ISecondOpinionReview"/>).</summary>
    public ScreenResult Screen(ReadOnlySpan<char> text, ISecondOpinionReview? review) => Screen(text, useModel: true, review);

    private ScreenResult Screen(ReadOnlySpan<char> text, bool useModel, ISecondOpinionReview? review = null)
    {
        if (text.IsWhiteSpace())
        {
            return ScreenResult.None;
        }

        var normalised = ArrayPool<char>.Shared.Rent(text.Length);
        var raw = ArrayPool<Token>.Shared.Rent(text.Length);
        Token[]? rewritten = null;
        try
        {
            var rawCount = _normaliser.Tokenise(text, normalised, raw);
            if (rawCount == 0)
            {
                return ScreenResult.None;
            }

            rewritten = ArrayPool<Token>.Shared.Rent(_normaliser.MaxRewrittenCount(rawCount));
            var count = _normaliser.Rewrite(raw.AsSpan(0, rawCount), rewritten);
            var message = new MessageView(normalised, rewritten.AsSpan(0, count), _vocabulary);
            var rules = Decide(message, out var denial);

            // The model reads words, not grammar: it cannot see that "I don't want to die" denies the risk the rules
            // found and judged, so it does not speak over a denial. Very short replies ("sometimes", "plan") are
            // answers to the bot's own questions and carry too few features for the model to judge.
            if (!useModel || _secondOpinion is null || rules.IsCrisis || denial || rawCount < _secondOpinion.MinWords)
            {
                return rules;
            }

            Span<float> probabilities = stackalloc float[LinearModel.Classes];
            _secondOpinion.Model.Probabilities(message, probabilities);
            return review?.Review(rules, probabilities) ?? _secondOpinion.Policy.Apply(rules, probabilities);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(normalised);
            ArrayPool<Token>.Shared.Return(raw);
            if (rewritten is not null)
            {
                ArrayPool<Token>.Shared.Return(rewritten);
            }
        }
    }

    /// <summary>Whether the model may speak on this message at all: the rules found no crisis and no denial, and it has enough words.</summary>
    internal bool ModelMaySpeak(string text, int minWords)
    {
        var (normalised, tokens, rawCount) = Prepare(text);
        var message = new MessageView(normalised, tokens, _vocabulary);
        return tokens.Length > 0 && !Decide(message, out var denial).IsCrisis && !denial && rawCount >= minWords;
    }

    /// <summary>The model's hashed features of a message, one entry per occurrence (training and cross-validation).</summary>
    internal int[] Features(string text, int mask)
    {
        var (normalised, tokens, _) = Prepare(text);
        var indices = new List<int>(text.Length * 3);
        var sink = new ListFeatureSink(indices);
        HashedFeatures.Visit(new MessageView(normalised, tokens, _vocabulary), mask, ref sink);
        return [.. indices];
    }

    /// <summary>The canonical words a message becomes before matching, with "|" between clauses (tests and audits).</summary>
    internal string Normalise(string text)
    {
        var (normalised, tokens, _) = Prepare(text);
        var message = new MessageView(normalised, tokens, _vocabulary);
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < tokens.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(tokens[i].Clause != tokens[i - 1].Clause ? " | " : " ");
            }

            builder.Append(message.TextOf(i));
        }

        return builder.ToString();
    }

    /// <summary>Normalises into fresh arrays, for the off-hot-path tools above (Screen itself rents its buffers).</summary>
    private (char[] Text, Token[] Tokens, int RawCount) Prepare(string text)
    {
        var normalised = new char[text.Length];
        var raw = new Token[text.Length];
        var rawCount = _normaliser.Tokenise(text, normalised, raw);
        var rewritten = new Token[_normaliser.MaxRewrittenCount(rawCount)];
        var count = _normaliser.Rewrite(raw.AsSpan(0, rawCount), rewritten);
        return (normalised, rewritten[..count], rawCount);
    }
}
