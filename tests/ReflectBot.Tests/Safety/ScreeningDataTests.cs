using ReflectBot.Content;
using ReflectBot.Safety;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

/// <summary>A broken screening.yaml must stop the bot with the file and line to fix, never screen silently.</summary>
public sealed class ScreeningDataTests
{
    private const string File = "safety/screening.yaml";

    [Fact]
    public void The_shipped_data_loads_and_every_category_has_rules()
    {
        var screener = CrisisScreener.Load(RepoPaths.ContentRoot);
        foreach (var prefix in new[] { "emergency.", "self-harm.", "abuse.", "harm-to-others.", "check-in." })
        {
            Assert.Contains(screener.RuleIds, id => id.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Invalid_yaml_names_the_file_and_line()
    {
        var (text, line) = TempContentRoot.Edit(File, "category: harm-to-others", "category: harm-to-others: oops");
        AssertBroken(text, line, "not valid YAML");
    }

    [Fact]
    public void An_unknown_category_names_the_line()
    {
        var (text, line) = TempContentRoot.Edit(File, "category: harm-to-others", "category: harm-to-other");
        AssertBroken(text, line, "unknown category 'harm-to-other'");
    }

    [Fact]
    public void A_misspelt_key_is_not_silently_ignored()
    {
        // The error sits on the list's first line, just below the key, and says so.
        var (text, line) = TempContentRoot.Edit(File, "    patterns:\n      - kill* myself", "    paterns:\n      - kill* myself");
        AssertBroken(text, line + 1, "unknown key 'paterns' just above this line");
    }

    [Fact]
    public void A_pattern_word_the_rewrites_would_change_names_the_line()
    {
        var (text, line) = TempContentRoot.Edit(File, "      - kill* myself\n", "      - im going to kill myself\n");
        AssertBroken(text, line, "write 'i am' instead");
    }

    [Fact]
    public void A_multi_word_phrase_the_rewrites_would_change_names_the_line()
    {
        var (text, line) = TempContentRoot.Edit(File, "      - kill* myself\n", "      - do not want to live\n");
        AssertBroken(text, line, "write 'dont' instead");
    }

    [Fact]
    public void An_unknown_word_list_names_the_line()
    {
        var (text, line) = TempContentRoot.Edit(File, "\"{intend} {harm_verb} {victim}\"", "\"{intend} {harm_verbs} {victim}\"");
        AssertBroken(text, line, "unknown list '{harm_verbs}'");
    }

    [Fact]
    public void A_duplicate_rule_id_names_the_line()
    {
        var (text, line) = TempContentRoot.Edit(File, "  - id: self-harm.method\n", "  - id: self-harm.thoughts\n");
        AssertBroken(text, line, "used twice");
    }

    [Fact]
    public void Removing_a_pattern_that_an_example_needs_fails_at_the_example()
    {
        // A pattern no frame backs up: "kill* myself" is now also found by the self-harm frames.
        const string pattern = "      - me (pega|golpea|maltrata|pegó|golpeó)\n";
        var (text, _) = TempContentRoot.Edit(File, pattern, "");
        var (_, exampleLine) = TempContentRoot.Edit(File, "      - mi esposo me pega\n", "");
        var error = AssertBroken(text, exampleLine - CountLines(pattern), "screens as none, expected abuse");
        Assert.Contains("abuse.spanish-french", error.Problem);
    }

    [Fact]
    public void An_idiom_that_swallows_a_real_crisis_fails_at_start_up()
    {
        var (text, _) = TempContentRoot.Edit(File, "      - (kill|killed|killing|kills) myself laughing\n", "      - (kill|killed|killing|kills) myself\n");
        var error = Assert.Throws<ContentException>(() => Load(text));
        Assert.Equal(File, error.File);
        Assert.Contains("expected self-harm", error.Problem);
    }

    [Fact]
    public void A_signal_rule_without_a_group_is_refused()
    {
        var (text, line) = TempContentRoot.Edit(File, "    category: none\n    group: now\n", "    category: none\n");
        AssertBroken(text, line, "needs a group");
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_name()
    {
        using var root = new TempContentRoot();
        var error = Assert.Throws<ContentException>(() => CrisisScreener.Load(root.Path));
        Assert.Equal(File, error.File);
        Assert.Contains("not found", error.Problem);
    }

    [Fact]
    public void Pattern_syntax_mistakes_name_the_line()
    {
        AssertBroken(MinimalYaml("      - want (to die"), 18, "without its ')'");
        AssertBroken(MinimalYaml("      - want ...9 die"), 18, "from 1 to 8");
        AssertBroken(MinimalYaml("      - \"...2 die\""), 18, "may not start");
        AssertBroken(MinimalYaml("      - don't"), 18, "without apostrophes");
        AssertBroken(MinimalYaml("      - ki*"), 18, "at least 3 letters");
    }

    [Fact]
    public void A_minimal_file_in_the_documented_syntax_screens_as_written()
    {
        using var root = new TempContentRoot();
        root.Write(File, MinimalYaml("      - want (to die|to be dead)\n      - \"{pills} ...2 took\"\n      - suicid*\n      - what is the point $"));
        var screener = CrisisScreener.Load(root.Path);
        Assert.Equal(SafetyCategory.SelfHarm, screener.Screen("I want to be dead").Category);
        Assert.Equal(SafetyCategory.SelfHarm, screener.Screen("pills I took").Category);
        Assert.Equal(SafetyCategory.SelfHarm, screener.Screen("suicidally sad").Category);
        Assert.Equal(SafetyCategory.SelfHarm, screener.Screen("what's the point?").Category);
        Assert.Equal(SafetyCategory.None, screener.Screen("what's the point of this meeting").Category);
        Assert.Equal(SafetyCategory.None, screener.Screen("I want to dance").Category);
    }

    /// <summary>The smallest valid file, with the given pattern lines under one self-harm rule (first pattern on line 18).</summary>
    private static string MinimalYaml(string patternLines) => $"""
        rewrites:
          im: i am
          whats: what is
        lists:
          pills: [pills, tablets]
        clause_words: [but]
        negation:
          max_gap: 2
          cues: [not]
          not_negations: [not sure]
        hedges:
          window: 4
          cues: [maybe]
        rules:
          - id: self-harm.test
            category: self-harm
            patterns:
        {patternLines}
        idioms:
          - id: idiom.test
            patterns:
              - dead tired
        """;

    private static int CountLines(string text) => text.Count(c => c == '\n');

    private static ContentException AssertBroken(string yaml, long expectedLine, string expectedProblem)
    {
        var error = Assert.Throws<ContentException>(() => Load(yaml));
        Assert.Equal(File, error.File);
        Assert.True(error.Line == expectedLine, $"expected line {expectedLine}, got {error.Message}");
        Assert.Contains(expectedProblem, error.Message);
        return error;
    }

    private static CrisisScreener Load(string yaml)
    {
        using var root = new TempContentRoot();
        root.Write(File, yaml);
        return CrisisScreener.Load(root.Path);
    }
}
