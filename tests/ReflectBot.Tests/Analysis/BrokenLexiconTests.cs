using ReflectBot.Content;
using ReflectBot.Journeys.Reframe.Analysis;

namespace ReflectBot.Tests.Analysis;

/// <summary>
/// A counsellor editing the lexicon gets told exactly which file and line to fix. Each test copies
/// the real analyzer folder, breaks one line, and loads it.
/// </summary>
public sealed class BrokenLexiconTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "reflectbot-analyzer-" + Guid.NewGuid().ToString("N"));
    private readonly string _folder;

    public BrokenLexiconTests()
    {
        _folder = Path.Combine(_root, "en-US", "analyzer");
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Dialogs, "en-US", "analyzer"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Replaces the first line containing <paramref name="find"/>; returns its 1-based number.</summary>
    private int Break(string file, string find, string replaceWith)
    {
        var path = Path.Combine(_folder, file);
        var lines = File.ReadAllLines(path).ToList();
        var index = lines.FindIndex(l => l.Contains(find, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{find}' not in {file}");
        lines[index] = lines[index].Replace(find, replaceWith, StringComparison.Ordinal);
        File.WriteAllLines(path, lines);
        return index + 1;
    }

    private ContentException LoadFails() => Assert.Throws<ContentException>(() => ReframeAnalyzer.Load(_root));

    [Fact]
    public void The_untouched_copy_loads()
    {
        Assert.True(ReframeAnalyzer.Load(_root).Analyze("You never listen").Has(FindingKind.Blame));
    }

    [Fact]
    public void Broken_yaml_names_the_file_and_line()
    {
        var line = Break("lists.yaml", "feel-verb: [feel, feels, felt, feeling]", "feel-verb: feel: feels");

        var error = LoadFails();

        Assert.Equal("en-US/analyzer/lists.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"en-US/analyzer/lists.yaml:{line}: is not valid YAML", error.Message);
    }

    [Fact]
    public void An_unclosed_bracket_still_names_the_file()
    {
        Break("lists.yaml", "feel-verb: [feel, feels, felt, feeling]", "feel-verb: [feel, feels, felt, feeling");

        var error = LoadFails();

        Assert.Equal("en-US/analyzer/lists.yaml", error.File);
        Assert.Contains("never closed", error.Message);
    }

    [Fact]
    public void A_pattern_naming_an_unknown_list()
    {
        var line = Break("findings.yaml", "\"{absolute}\"", "\"{absolutes}\"");

        var error = LoadFails();

        Assert.StartsWith($"en-US/analyzer/findings.yaml:{line}: findings.absolute.patterns[0]: unknown list '{{absolutes}}'", error.Message);
    }

    [Fact]
    public void A_pattern_with_an_unclosed_group()
    {
        var line = Break("findings.yaml", "why (can not|could not", "why (can not|could not|");
        Break("findings.yaml", "would not) you", "would not you");

        Assert.StartsWith($"en-US/analyzer/findings.yaml:{line}:", LoadFails().Message);
    }

    [Fact]
    public void A_faux_feeling_pointing_at_a_feeling_that_is_not_in_the_list()
    {
        var line = Break("faux-feelings.yaml", "feelings: [lonely, scared, hurt]", "feelings: [lonely, heartsore, hurt]");

        var error = LoadFails();

        Assert.Equal($"en-US/analyzer/faux-feelings.yaml:{line}: faux-feelings[0].feelings[1]: 'heartsore' is not in the feelings list", error.Message);
    }

    [Fact]
    public void A_faux_feeling_pointing_at_an_unknown_need()
    {
        var line = Break("faux-feelings.yaml", "needs: [connection, belonging, reassurance]", "needs: [connection, belongings, reassurance]");

        Assert.StartsWith($"en-US/analyzer/faux-feelings.yaml:{line}:", LoadFails().Message);
        Assert.Contains("'belongings' is not in the needs list", LoadFails().Message);
    }

    [Fact]
    public void A_finding_naming_a_hint_that_does_not_exist()
    {
        var line = Break("findings.yaml", "hint: blame", "hint: blaming");

        Assert.Equal($"en-US/analyzer/findings.yaml:{line}: findings.blame.hint: no hint 'blaming' in the hints section", LoadFails().Message);
    }

    [Fact]
    public void An_unknown_finding_kind()
    {
        var line = Break("findings.yaml", "  harsh:", "  harshness:");

        var message = LoadFails().Message;

        // A map entry is reported at its first field, the line under the misspelt key.
        Assert.StartsWith($"en-US/analyzer/findings.yaml:{line + 1}:", message);
        Assert.Contains("unknown finding kind 'harshness'", message);
    }

    [Fact]
    public void A_hint_with_a_misspelt_placeholder()
    {
        var line = Break("hints.yaml", "absolute: \"“{phrase}”", "absolute: \"“{phrse}”");

        Assert.StartsWith($"en-US/analyzer/hints.yaml:{line}: hints.absolute: unknown placeholder '{{phrse}}'", LoadFails().Message);
    }

    [Fact]
    public void A_hint_nothing_uses()
    {
        var line = Break("hints.yaml", "  list-or: or", "  list-or: or\n  stray-hint: Hello there");

        Assert.Equal($"en-US/analyzer/hints.yaml:{line + 1}: hints.stray-hint: is not used by any finding, check or dialog (a typo in a key?)", LoadFails().Message);
    }

    [Fact]
    public void A_feeling_listed_in_two_families()
    {
        var line = Break("feelings.yaml", "words: [tired, exhausted,", "words: [tired, lonely, exhausted,");

        Assert.Equal($"en-US/analyzer/feelings.yaml:{line}: feelings.tired.words[1]: 'lonely' is already in the 'sad' family", LoadFails().Message);
    }

    [Fact]
    public void A_helpful_kind_given_a_negative_tone()
    {
        var line = Break("findings.yaml", "tone: 3", "tone: -3");

        Assert.StartsWith($"en-US/analyzer/findings.yaml:{line}:", LoadFails().Message);
        Assert.Contains("its tone cannot be negative", LoadFails().Message);
    }

    [Fact]
    public void A_section_defined_in_two_files()
    {
        File.WriteAllText(Path.Combine(_folder, "zz-extra.yaml"), "# extra\nhints:\n  more: words\n");

        Assert.Equal("en-US/analyzer/zz-extra.yaml:3: hints: section 'hints' is already defined at en-US/analyzer/hints.yaml:7", LoadFails().Message);
    }

    [Fact]
    public void A_missing_file_names_the_section_that_is_gone()
    {
        File.Delete(Path.Combine(_folder, "checks.yaml"));

        Assert.Equal("en-US/analyzer:0: no .yaml file here defines the 'checks' section", LoadFails().Message);
    }

    [Fact]
    public void A_missing_locale_folder()
    {
        var error = Assert.Throws<ContentException>(() => ReframeAnalyzer.Load(_root, "xx-XX"));

        Assert.Equal("xx-XX/analyzer", error.File);
    }
}
