using ReflectBot.Content;
using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>
/// Reads what someone wants to say to their partner and finds what helps them be heard and what
/// gets in the way. All words, patterns and hint texts come from dialogs/{locale}/analyzer/*.yaml;
/// this class holds only behaviour. Load once at start-up; the instance is immutable and
/// thread-safe, and each call tokenises the text once and walks pre-built tries.
/// </summary>
public sealed partial class ReframeAnalyzer
{
    // Hint keys chosen by this class rather than by a pattern; hints.yaml must define them all.
    internal static class Keys
    {
        public const string ObservationEmpty = "observation-empty";
        public const string ObservationLabel = "observation-label";
        public const string ObservationContempt = "observation-contempt";
        public const string ObservationBlame = "observation-blame";
        public const string ObservationInterpretation = "observation-interpretation";
        public const string ObservationAbsolute = "observation-absolute";

        public const string RequestEmpty = "request-empty";
        public const string RequestCharacter = "request-character";
        public const string RequestBlame = "request-blame";
        public const string RequestVague = "request-vague";
        public const string RequestDemand = "request-demand";
        public const string RequestNotSpecific = "request-not-specific";
        public const string RequestMissing = "request-missing";

        public const string FeelingEmpty = "feeling-empty";
        public const string FeelingReal = "feeling-real";
        public const string FeelingFaux = "feeling-faux";
        public const string FeelingThought = "feeling-thought";
        public const string FeelingVague = "feeling-vague";
        public const string FeelingUnknown = "feeling-unknown";
    }

    internal static readonly string[] HintKeysUsedInCode =
    [
        Keys.ObservationEmpty, Keys.ObservationLabel, Keys.ObservationContempt, Keys.ObservationBlame,
        Keys.ObservationInterpretation, Keys.ObservationAbsolute,
        Keys.RequestEmpty, Keys.RequestCharacter, Keys.RequestBlame, Keys.RequestVague, Keys.RequestDemand,
        Keys.RequestNotSpecific, Keys.RequestMissing,
        Keys.FeelingEmpty, Keys.FeelingReal, Keys.FeelingFaux, Keys.FeelingThought, Keys.FeelingVague, Keys.FeelingUnknown,
    ];

    /// <summary>Blame across this many sentences counts as piling up grievances.</summary>
    private const int PiledUpSentences = 3;

    private readonly AnalyzerContent _content;

    private ReframeAnalyzer(AnalyzerContent content, string locale)
    {
        _content = content;
        Locale = locale;
        Needs = content.Lexicon.NeedGroups.SelectMany(g => g.Needs).ToList();
    }

    /// <summary>
    /// Reads and validates {contentRoot}/{locale}/analyzer/*.yaml. Any problem throws a
    /// <see cref="ContentException"/> naming the file and line.
    /// </summary>
    public static ReframeAnalyzer Load(string contentRoot, string locale = "en-US") =>
        new(AnalyzerContent.Load(contentRoot, locale), locale);

    public string Locale { get; }

    /// <summary>Feelings grouped by family, in file order, for the dialog to offer as choices.</summary>
    public IReadOnlyList<FeelingFamily> FeelingFamilies => _content.Lexicon.FeelingFamilies;

    /// <summary>Needs grouped in file order, for the dialog to offer as choices.</summary>
    public IReadOnlyList<NeedGroup> NeedGroups => _content.Lexicon.NeedGroups;

    /// <summary>Every need, flattened in file order.</summary>
    public IReadOnlyList<string> Needs { get; }

    /// <summary>Every faux feeling with what may lie under it.</summary>
    public IReadOnlyList<FauxFeeling> FauxFeelings => _content.Lexicon.FauxFeelings;

    /// <summary>Gentle defaults to offer when a feeling is unclear.</summary>
    public IReadOnlyList<string> SuggestedFeelings => _content.Lexicon.SuggestWhenUnsure;

    /// <summary>The feeling <paramref name="word"/> names, however it is typed ("Self conscious", "fed-up").</summary>
    public FeelingWord? FindFeeling(string word) =>
        WholeEntry(_content.Lexicon.Feelings, word) is { } feeling ? _content.Lexicon.FeelingsByWord[feeling] : null;

    /// <summary>The faux feeling <paramref name="word"/> names ("criticised", "Taken for granted"), or null.</summary>
    public FauxFeeling? FindFauxFeeling(string word) =>
        WholeEntry(_content.Lexicon.AnyFaux, word) is { } faux ? _content.Lexicon.FauxByWord[faux] : null;

    /// <summary>The term of the entry of <paramref name="list"/> that is all of <paramref name="word"/>, or null.</summary>
    private string? WholeEntry(Element list, string word)
    {
        var text = _content.Read(word);
        return list.TryMatchLongest(text.View, 0, out var end, out var term) && end == text.Tokens.Length ? _content.Vocabulary.Term(term) : null;
    }

    /// <summary>Every key in hints.yaml.</summary>
    public IEnumerable<string> HintKeys => _content.Hints.Keys;

    /// <summary>A hint text from hints.yaml with its placeholders filled, for dialogs that pick their own key.</summary>
    public string Hint(string key, string phrase = "", IReadOnlyList<string>? feelings = null, IReadOnlyList<string>? needs = null) =>
        _content.Hints.Format(key, phrase, feelings, needs);

    /// <summary>Everything that helps or hurts in <paramref name="text"/>, in reading order.</summary>
    public ReframeAnalysis Analyze(string? text)
    {
        var tokens = _content.Read(text);
        var matches = _content.Rules.Run(tokens);
        matches.RemoveAll(static m => m.Rule.Kind is null);
        return BuildAnalysis(tokens, matches);
    }

    /// <summary>The rehearsal's score for a line the user would say.</summary>
    public ToneScore Score(string? text) => Analyze(text).Tone;

    private ReframeAnalysis BuildAnalysis(AnalysedText tokens, List<RuleMatch> matches)
    {
        var findings = new List<Finding>(matches.Count);
        int gentle = 0, harsh = 0;
        var harshStartUp = false;
        var blameSentences = new HashSet<int>();
        var openingSentence = matches.Count > 0 ? matches[0].Sentence : -1;
        var softSeen = false;

        foreach (var match in matches)
        {
            var kind = match.Rule.Kind!.Value;
            var phrase = tokens.Slice(match.First, match.End);
            var (start, _) = tokens.Span(match.First, match.End);
            findings.Add(new Finding(kind, phrase, start, match.HintKey, _content.Hints.Format(match.HintKey, phrase), match.Term));

            if (match.Rule.Tone > 0)
            {
                gentle += match.Rule.Tone;
            }
            else
            {
                harsh -= match.Rule.Tone;
            }

            harshStartUp |= kind is FindingKind.Harsh or FindingKind.NameCalling or FindingKind.Contempt;
            // Blame in the opening sentence, before anything soft has been said.
            harshStartUp |= kind == FindingKind.Blame && match.Sentence == openingSentence && !softSeen;
            softSeen |= kind.IsPositive();
            if (kind == FindingKind.Blame)
            {
                blameSentences.Add(match.Sentence);
            }
        }

        harshStartUp |= blameSentences.Count >= PiledUpSentences;
        return new ReframeAnalysis(tokens.Text, findings, ToneScore.From(gentle, harsh), harshStartUp, tokens.Truncated);
    }

    /// <summary>
    /// Is <paramref name="text"/> an observation without judgement? "When we don't talk about our
    /// days" passes; "when you ignore me all the time" does not (an interpretation and an absolute).
    /// </summary>
    public ObservationCheck CheckObservation(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new ObservationCheck([Issue(Keys.ObservationEmpty, "", 0)]);
        }

        var tokens = _content.Read(text);
        var found = new List<(int Rank, RuleMatch Match, string Key)>();
        foreach (var match in _content.Rules.Run(tokens))
        {
            if (match.Rule.Kind is null)
            {
                if (match.Rule.Name is AnalyzerContent.ObservationJudgementCheck or AnalyzerContent.ObservationInterpretationCheck)
                {
                    found.Add((ObservationRank(match.HintKey), match, match.HintKey));
                }

                continue;
            }

            var key = match.Rule.Kind switch
            {
                FindingKind.NameCalling or FindingKind.Harsh => Keys.ObservationLabel,
                FindingKind.Contempt => Keys.ObservationContempt,
                FindingKind.Blame => Keys.ObservationBlame,
                FindingKind.FauxFeeling or FindingKind.ThoughtAsFeeling => Keys.ObservationInterpretation,
                FindingKind.Absolute => Keys.ObservationAbsolute,
                _ => null,
            };
            if (key is not null)
            {
                found.Add((ObservationRank(key), match, key));
            }
        }

        return new ObservationCheck(RankIssues(tokens, found));
    }

    // Most hurtful first: a label outweighs an exaggeration.
    private static int ObservationRank(string key) => key switch
    {
        Keys.ObservationLabel => 0,
        Keys.ObservationContempt => 1,
        Keys.ObservationBlame => 2,
        Keys.ObservationInterpretation => 3,
        Keys.ObservationAbsolute => 5,
        _ => 4,
    };

    /// <summary>
    /// Is <paramref name="text"/> a request that is specific and doable? "could we take ten minutes
    /// after dinner to check in?" passes; "be more loving" (vague) and "stop being so cold"
    /// (about character, and says what not to do) do not.
    /// </summary>
    public RequestCheck CheckRequest(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RequestCheck([Issue(Keys.RequestEmpty, "", 0)], null);
        }

        var tokens = _content.Read(text);
        var matches = _content.Rules.Run(tokens);
        RuleMatch? concrete = matches.FirstOrDefault(m => m.Rule.Kind == FindingKind.ConcreteRequest) is { Rule: not null } c ? c : null;
        var hasOpener = matches.Any(m => m.Rule.Name == AnalyzerContent.RequestOpenerCheck);

        var found = new List<(int Rank, RuleMatch Match, string Key)>();
        foreach (var match in matches)
        {
            switch (match.Rule.Kind)
            {
                case FindingKind.NameCalling or FindingKind.Contempt or FindingKind.Harsh:
                    found.Add((0, match, Keys.RequestCharacter));
                    break;
                case FindingKind.Blame:
                    found.Add((1, match, Keys.RequestBlame));
                    break;
                case FindingKind.VagueRequest:
                    found.Add((3, match, Keys.RequestVague));
                    break;
                case FindingKind.Demand when concrete is null:
                    // An order with no question in it: ask rather than tell.
                    found.Add((4, match, Keys.RequestDemand));
                    break;
            }
        }

        foreach (var match in matches)
        {
            switch (match.Rule.Kind is null ? match.Rule.Name : null)
            {
                case AnalyzerContent.RequestCharacterCheck:
                    found.Add((0, match, match.HintKey));
                    break;
                case AnalyzerContent.RequestNegativeCheck:
                    found.Add((2, match, match.HintKey));
                    break;
            }
        }

        var issues = RankIssues(tokens, found);
        if (issues.Count == 0 && concrete is null)
        {
            // Nothing wrong, but nothing to do either: "can you try?" or "I want to feel closer".
            issues = [Issue(hasOpener ? Keys.RequestNotSpecific : Keys.RequestMissing, text.Trim(), 0)];
        }

        var request = issues.Count == 0 && concrete is { } ok ? tokens.Slice(ok.First, tokens.SentenceEnd[ok.First]) : null;
        return new RequestCheck(issues, request);
    }

    /// <summary>
    /// Orders issues by rank then position, and drops an issue whose words sit inside a weightier
    /// one ("selfish" inside "you're so selfish") so the user hears one thing at a time.
    /// </summary>
    private List<CheckIssue> RankIssues(AnalysedText tokens, List<(int Rank, RuleMatch Match, string Key)> found)
    {
        found.Sort(static (a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : a.Match.First.CompareTo(b.Match.First));
        var kept = new List<(int Rank, RuleMatch Match, string Key)>();
        // Issues only cover each other within a sentence; comparing per sentence keeps long texts linear-ish.
        var keptBySentence = new Dictionary<int, List<(RuleMatch Match, string Key)>>();
        foreach (var item in found)
        {
            if (!keptBySentence.TryGetValue(item.Match.Sentence, out var same))
            {
                keptBySentence[item.Match.Sentence] = same = new List<(RuleMatch, string)>();
            }

            var covered = false;
            foreach (var (match, key) in same)
            {
                if ((match.First <= item.Match.First && item.Match.End <= match.End)
                    || (key == item.Key && match.Overlaps(item.Match)))
                {
                    covered = true;
                    break;
                }
            }

            if (!covered)
            {
                kept.Add(item);
                same.Add((item.Match, item.Key));
            }
        }

        return kept.Select(k =>
        {
            var phrase = tokens.Slice(k.Match.First, k.Match.End);
            return Issue(k.Key, phrase, tokens.Span(k.Match.First, k.Match.End).Start);
        }).ToList();
    }

    private CheckIssue Issue(string key, string phrase, int start) => new(key, _content.Hints.Format(key, phrase), phrase, start);
}
