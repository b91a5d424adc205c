using ReflectBot.Journeys.Reframe.Analysis;

namespace ReflectBot.Tests.Analysis;

/// <summary>The choices the dialogs show come from the lexicon, complete and consistent.</summary>
public class LexiconTests
{
    private static readonly ReframeAnalyzer Analyzer = Analyzers.EnUs;

    [Fact]
    public void Feelings_come_in_families_the_dialog_can_offer()
    {
        var families = Analyzer.FeelingFamilies.ToDictionary(f => f.Key);

        foreach (var key in new[] { "sad", "scared", "angry", "tired", "confused", "hopeful", "tender" })
        {
            Assert.True(families.ContainsKey(key), $"no '{key}' family");
            Assert.False(string.IsNullOrWhiteSpace(families[key].Label));
            Assert.True(families[key].Words.Count >= 5, $"family '{key}' is thin");
        }

        Assert.Contains("lonely", families["sad"].Words);
        Assert.Contains("anxious", families["scared"].Words);
        Assert.Contains("frustrated", families["angry"].Words);
    }

    [Fact]
    public void The_briefs_real_feelings_and_needs_are_all_there()
    {
        foreach (var feeling in new[] { "lonely", "hurt", "sad", "scared", "frustrated", "tired", "confused", "anxious", "distant" })
        {
            Assert.NotNull(Analyzer.FindFeeling(feeling));
        }

        foreach (var need in new[] { "connection", "closeness", "belonging", "reassurance", "attention", "to matter", "acceptance", "appreciation", "recognition", "autonomy", "honesty", "choice", "trust", "safety", "respect", "understanding", "to be heard", "care", "fairness" })
        {
            Assert.Contains(need, Analyzer.Needs);
        }
    }

    [Fact]
    public void Every_faux_feeling_points_at_real_feelings_and_known_needs()
    {
        Assert.True(Analyzer.FauxFeelings.Count >= 20);
        foreach (var faux in Analyzer.FauxFeelings)
        {
            Assert.NotEmpty(faux.Feelings);
            Assert.NotEmpty(faux.Needs);
            Assert.All(faux.Feelings, f => Assert.NotNull(Analyzer.FindFeeling(f)));
            Assert.All(faux.Needs, n => Assert.Contains(n, Analyzer.Needs));
            Assert.Null(Analyzer.FindFeeling(faux.Word));
        }
    }

    [Theory]
    [InlineData("Fed-up", "fed up", "angry")]
    [InlineData("WORN OUT", "worn out", "tired")]
    [InlineData("lonely", "lonely", "sad")]
    public void A_feeling_is_found_however_it_is_typed(string typed, string word, string family)
    {
        Assert.Equal(new FeelingWord(word, family), Analyzer.FindFeeling(typed));
    }

    [Fact]
    public void A_faux_feeling_is_found_by_any_of_its_spellings()
    {
        Assert.Equal("taken for granted", Analyzer.FindFauxFeeling("Taken for granted")?.Word);
        Assert.Equal("criticized", Analyzer.FindFauxFeeling("criticised")?.Word);
        Assert.Null(Analyzer.FindFauxFeeling("lonely"));
        Assert.Null(Analyzer.FindFauxFeeling("ignored and lonely"));
    }

    [Fact]
    public void Danger_words_are_never_coached_as_faux_feelings()
    {
        // The crisis screener handles these; the reframe must not talk anyone out of them.
        foreach (var word in new[] { "threatened", "abused", "unsafe", "bullied" })
        {
            Assert.Null(Analyzer.FindFauxFeeling(word));
            Assert.False(Analyzer.Analyze($"I feel {word}").Has(FindingKind.FauxFeeling));
        }
    }

    [Fact]
    public void Hints_are_ready_to_show_and_unknown_keys_are_refused()
    {
        Assert.Equal("“be nicer” could mean many things. What would it look like, and when?", Analyzer.Hint("request-vague", "be nicer"));
        Assert.Throws<KeyNotFoundException>(() => Analyzer.Hint("no-such-hint"));
    }

    [Fact]
    public void No_hint_blames_orders_or_scorns_the_person_reading_it()
    {
        var keys = Analyzer.HintKeys.ToList();
        Assert.True(keys.Count > 30);

        foreach (var key in keys)
        {
            var text = Analyzer.Hint(key, "that", ["sad", "tired"], ["rest"]);
            var analysis = Analyzer.Analyze(text);
            Assert.False(
                analysis.Findings.Any(f => f.Kind is FindingKind.Blame or FindingKind.NameCalling or FindingKind.Contempt or FindingKind.Harsh or FindingKind.Demand),
                $"hint '{key}' reads as {string.Join(", ", analysis.Problems)}");
            Assert.True(text.Length <= 160, $"hint '{key}' is {text.Length} characters; keep hints short");
        }
    }
}
