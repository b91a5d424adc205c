using ReflectBot.Content;
using ReflectBot.Safety;

namespace ReflectBot.Tests.Safety;

/// <summary>
/// The generalising structure: frame rules (a risk concept near its target in one clause), word lists
/// with word starts, lists and gaps inside groups, {many}, typo tolerance and idioms that guard frames.
/// The first tests use a small file of their own so each feature is seen alone; the last use the
/// shipped data, with phrasings that no phrase rule spells out.
/// </summary>
public sealed class FrameAndTypoTests(ScreenerFixture fixture) : IClassFixture<ScreenerFixture>
{
    private const string File = CrisisScreener.RelativePath;

    [Fact]
    public void A_word_list_may_hold_word_starts()
    {
        var screener = Load(Yaml(lists: "  violence: [strangl*, hit]", patterns: "      - \"{violence} me\""));
        Assert.Equal(SafetyCategory.Abuse, screener.Screen("he strangled me").Category);
        Assert.Equal(SafetyCategory.Abuse, screener.Screen("he keeps strangling me").Category);
        Assert.Equal(SafetyCategory.None, screener.Screen("he stranded me at the station").Category);
    }

    [Fact]
    public void A_group_may_hold_a_word_list_or_a_gap_inside_an_alternative()
    {
        var screener = Load(Yaml(lists: "  body: [arm, neck]", patterns: "      - grabbed (me|my {body}|me ...1 by)"));
        Assert.Equal(SafetyCategory.Abuse, screener.Screen("he grabbed my neck").Category);
        Assert.Equal(SafetyCategory.Abuse, screener.Screen("he grabbed me roughly by the hair").Category);
        Assert.Equal(SafetyCategory.None, screener.Screen("he grabbed my coffee").Category);
    }

    [Fact]
    public void Many_needs_a_count_of_at_least_five()
    {
        var screener = Load(Yaml(lists: "  pills: [tablets]", patterns: "      - took {many} {pills}"));
        Assert.Equal(SafetyCategory.Abuse, screener.Screen("took 30 tablets").Category);
        Assert.Equal(SafetyCategory.None, screener.Screen("took 2 tablets").Category);
    }

    [Fact]
    public void A_same_clause_rule_does_not_join_two_sentences()
    {
        var screener = Load(Yaml(lists: "  body: [arm]", patterns: "      - he ...4 hit me", sameClause: true));
        Assert.Equal(SafetyCategory.Abuse, screener.Screen("he just hit me").Category);
        Assert.Equal(SafetyCategory.None, screener.Screen("he left. the ball hit me").Category);
    }

    [Fact]
    public void Only_a_covers_frame_ends_idiom_can_drop_a_frame_by_starting_inside_it()
    {
        const string patterns = "      - he ...4 hit me";
        var guarded = Load(Yaml(lists: "  body: [arm]", patterns: patterns, sameClause: true, idiomKey: "    covers_frame_ends: true\n"));
        Assert.Equal(SafetyCategory.None, guarded.Screen("he said to hit me up later").Category);
        Assert.Equal(SafetyCategory.Abuse, guarded.Screen("he hit me").Category);

        // Without the key an idiom must start where the match starts, as for phrase rules.
        var plain = Load(Yaml(lists: "  body: [arm]", patterns: patterns, sameClause: true, idiomKey: ""));
        Assert.Equal(SafetyCategory.Abuse, plain.Screen("he said to hit me up later").Category);
    }

    [Fact]
    public void Typo_tolerance_corrects_one_slip_in_a_listed_word_only()
    {
        var screener = Load(Yaml(lists: "  body: [arm]", patterns: "      - strangled me", typos: """
            typo_tolerance:
              min_length: 6
              words: [strangled]
              not_typos: [strangler]
            """));
        Assert.Equal(SafetyCategory.Abuse, screener.Screen("he strangeled me").Category); // one letter extra
        Assert.Equal(SafetyCategory.Abuse, screener.Screen("he stangled me").Category); // one letter missing
        Assert.Equal(SafetyCategory.Abuse, screener.Screen("he strnagled me").Category); // two neighbours swapped
        Assert.Equal(SafetyCategory.None, screener.Screen("he wrangled me").Category); // first letter differs
        Assert.Equal(SafetyCategory.None, screener.Screen("he strangler me").Category); // listed as a real word
        Assert.Equal(SafetyCategory.None, screener.Screen("he stranglxxd me").Category); // two slips
    }

    [Fact]
    public void Typo_tolerance_refuses_words_no_pattern_uses_and_words_too_short()
    {
        var unused = Assert.Throws<ContentException>(() => Load(Yaml(lists: "  body: [arm]", patterns: "      - hit me", typos: """
            typo_tolerance:
              min_length: 6
              words: [strangled]
            """)));
        Assert.Contains("not used by any pattern", unused.Problem);

        var tooShort = Assert.Throws<ContentException>(() => Load(Yaml(lists: "  body: [arm]", patterns: "      - hits me", typos: """
            typo_tolerance:
              min_length: 6
              words: [hits]
            """)));
        Assert.Contains("shorter than min_length", tooShort.Problem);
    }

    [Theory]
    [InlineData("bhai i really feel like finishing myself", SafetyCategory.SelfHarm)]
    [InlineData("honestly thinking of offing myself", SafetyCategory.SelfHarm)]
    [InlineData("i want to not be alive anymore", SafetyCategory.SelfHarm)]
    [InlineData("i've been stockpiling my sertraline", SafetyCategory.SelfHarm)]
    [InlineData("i have suicidial thoughts", SafetyCategory.SelfHarm)]
    [InlineData("i keep thinking about killling myslef", SafetyCategory.SelfHarm)]
    [InlineData("my fella headbutted me", SafetyCategory.Abuse)]
    [InlineData("she scalded my arm with the kettle", SafetyCategory.Abuse)]
    [InlineData("my stepmum is battering my little brother", SafetyCategory.Emergency)]
    [InlineData("just swallowed a heap of my nans tablets", SafetyCategory.Emergency)]
    [InlineData("i keep picturing strangling my boss", SafetyCategory.HarmToOthers)]
    public void Frames_find_phrasings_no_phrase_rule_spells_out(string text, SafetyCategory expected) =>
        Assert.Equal(expected, fixture.Screener.Screen(text).Category);

    [Theory]
    [InlineData("he beat me at darts again")]
    [InlineData("she hit me up after a month of silence")]
    [InlineData("I'm scared I'm going to hurt his feelings")]
    [InlineData("i'm going to kill it at the interview")]
    [InlineData("took 2 paracetamol for my head")]
    [InlineData("i want to end things with him, how do i say it")]
    [InlineData("i cut my hair short and he hasn't noticed")]
    [InlineData("my toddler kicked me in the face lol")]
    [InlineData("i stabbed myself with a fork by accident")]
    public void Frames_leave_figures_of_speech_and_everyday_talk_alone(string text) =>
        Assert.False(fixture.Screener.Screen(text).IsCrisis, text);

    [Fact]
    public void A_denied_frame_is_still_asked_about()
    {
        var result = fixture.Screener.Screen("I'm not going to finish myself, don't worry");
        Assert.Equal(SafetyCategory.CheckIn, result.Category);
        Assert.True(result.Uncertain);
    }

    private static CrisisScreener Load(string yaml)
    {
        using var root = new TempContentRoot();
        root.Write(File, yaml);
        return CrisisScreener.Load(root.Path);
    }

    /// <summary>A small valid file with one abuse rule; the idiom "hit me up" guards it.</summary>
    private static string Yaml(string lists, string patterns, bool sameClause = false, string idiomKey = "", string typos = "") => $"""
        rewrites:
          im: i am
        {typos}
        lists:
        {lists}
        clause_words: [but]
        negation:
          max_gap: 2
          cues: [not]
          not_negations: [not sure]
        hedges:
          window: 4
          cues: [maybe]
        rules:
          - id: abuse.test
            category: abuse
            same_clause: {(sameClause ? "true" : "false")}
            patterns:
        {patterns}
        idioms:
          - id: idiom.test
        {idiomKey}    patterns:
              - hit me up
        """;
}
