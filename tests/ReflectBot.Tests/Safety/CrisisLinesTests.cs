using ReflectBot.Content;
using ReflectBot.Safety;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

public sealed class CrisisLinesTests
{
    private const string File = "safety/crisis-lines.yaml";
    private readonly CrisisLines _lines = CrisisLines.Load(RepoPaths.ContentRoot);

    [Fact]
    public void Every_set_has_an_emergency_number_a_crisis_line_and_an_abuse_line()
    {
        foreach (var set in _lines.Sets.Append(_lines.Fallback))
        {
            Assert.False(string.IsNullOrWhiteSpace(set.Emergency), set.Id);
            Assert.NotEmpty(set.CrisisLines);
            Assert.NotEmpty(set.AbuseLines);
            foreach (var line in set.CrisisLines.Concat(set.AbuseLines))
            {
                Assert.True(line.Call is not null || line.Text is not null || line.Website is not null, $"{set.Id}: {line.Name} has no way to reach it");
            }
        }
    }

    [Theory]
    [InlineData("en-US", "us")]
    [InlineData("es-US", "us")]
    [InlineData("en-GB", "uk")]
    [InlineData("en-IE", "ireland")]
    [InlineData("en-CA", "canada")]
    [InlineData("fr-CA", "canada")]
    [InlineData("en-AU", "australia")]
    [InlineData("en-NZ", "new-zealand")]
    [InlineData("en-IN", "india")]
    [InlineData("hi-IN", "india")]
    [InlineData("en_gb", "uk")]
    [InlineData("EN-gb", "uk")]
    [InlineData("en-UK", "uk")]
    [InlineData("zh-Hant-CA", "canada")]
    [InlineData(" en-AU ", "australia")]
    [InlineData("de-DE", "germany")]
    [InlineData("de-AT", "austria")]
    [InlineData("fr-CH", "switzerland")]
    [InlineData("es-MX", "mexico")]
    [InlineData("pt-BR", "brazil")]
    [InlineData("it-IT", "italy")]
    public void A_locale_resolves_to_its_region(string locale, string expectedSet)
    {
        // The default names no known region, so only the locale itself can produce the expected set.
        Assert.Equal(expectedSet, _lines.For(locale, "nl-NL").Id);
    }

    [Theory]
    [InlineData("en", "en-GB", "uk")]
    [InlineData("fr", "en-CA", "canada")]
    [InlineData(null, "en-US", "us")]
    [InlineData("", "en-IE", "ireland")]
    [InlineData("not a locale", "en-GB", "uk")]
    public void A_locale_without_a_known_region_uses_the_default_locale(string? locale, string defaultLocale, string expectedSet)
    {
        Assert.Equal(expectedSet, _lines.For(locale, defaultLocale).Id);
    }

    [Theory]
    [InlineData("nl-NL", "en-AU")]
    [InlineData("en-029", "en-IN")]
    [InlineData("pl_PL", "en-US")]
    public void A_locale_naming_a_region_we_do_not_list_gets_the_international_lines_not_the_default_countrys(string locale, string defaultLocale)
    {
        // The person is somewhere else: the default country's emergency number could be wrong where they are.
        Assert.Same(_lines.Fallback, _lines.For(locale, defaultLocale));
    }

    [Theory]
    [InlineData("nl-NL", "nl-NL")]
    [InlineData("en", "en")]
    [InlineData(null, "")]
    [InlineData("ja-JP", "pt-BR")]
    public void Without_any_known_region_the_international_fallback_is_used(string? locale, string defaultLocale)
    {
        var set = _lines.For(locale, defaultLocale);
        Assert.True(set.IsFallback);
        Assert.Same(_lines.Fallback, set);
        Assert.Contains(set.CrisisLines, l => l.Website == "findahelpline.com");
    }

    [Theory]
    [InlineData("en-US", "911", "988")]
    [InlineData("en-GB", "999", "116 123")]
    [InlineData("en-IE", "112 or 999", "116 123")]
    [InlineData("en-CA", "911", "9-8-8")]
    [InlineData("en-AU", "000", "13 11 14")]
    [InlineData("en-NZ", "111", "1737")]
    [InlineData("en-IN", "112", "14416 or 1-800-891-4416")]
    public void Numbers_match_the_content_brief(string locale, string emergency, string firstCrisisCall)
    {
        var set = _lines.For(locale, "en-US");
        Assert.Equal(emergency, set.Emergency);
        Assert.Equal(firstCrisisCall, set.CrisisLines[0].Call);
    }

    [Fact]
    public void Abuse_lines_match_the_content_brief()
    {
        Assert.Equal("1-800-799-7233", _lines.For("en-US", "en-US").AbuseLines[0].Call);
        Assert.Equal("START to 88788", _lines.For("en-US", "en-US").AbuseLines[0].Text);
        Assert.Equal(["0808 2000 247", "0808 801 0327"], _lines.For("en-GB", "en-US").AbuseLines.Select(l => l.Call));
        Assert.Equal("1800 341 900", _lines.For("en-IE", "en-US").AbuseLines[0].Call);
        Assert.Equal("sheltersafe.ca", _lines.For("en-CA", "en-US").AbuseLines[0].Website);
        Assert.Equal("1800 737 732", _lines.For("en-AU", "en-US").AbuseLines[0].Call);
        Assert.Equal("0800 733 843", _lines.For("en-NZ", "en-US").AbuseLines[0].Call);
        Assert.Equal("181", _lines.For("en-IN", "en-US").AbuseLines[0].Call);
    }

    [Fact]
    public void A_set_without_abuse_lines_names_the_file_and_line()
    {
        var (text, _) = TempContentRoot.Edit(File, "    abuse_lines:\n      - name: Women's Aid\n        call: 1800 341 900\n", "");
        var (_, setLine) = TempContentRoot.Edit(File, "  - id: ireland", "");
        var error = AssertBroken(text, setLine, "missing key 'abuse_lines'");
        Assert.Contains("sets[2]", error.Message);
    }

    [Fact]
    public void An_empty_crisis_line_list_names_the_line()
    {
        var (text, line) = TempContentRoot.Edit(File, "    crisis_lines:\n      - name: Lifeline\n        call: 13 11 14\n", "    crisis_lines: []\n");
        AssertBroken(text, line, "the list has no entries");
    }

    [Fact]
    public void A_line_without_any_contact_names_the_line()
    {
        var (text, line) = TempContentRoot.Edit(File, "      - name: Women Helpline\n        call: \"181\"\n", "      - name: Women Helpline\n");
        AssertBroken(text, line, "needs a call, text or website");
    }

    [Fact]
    public void A_missing_emergency_number_names_the_line()
    {
        var (text, line) = TempContentRoot.Edit(File, "    emergency: \"000\"\n", "    emergency: \"\"\n");
        AssertBroken(text, line, "the text is empty");
    }

    [Fact]
    public void A_region_used_twice_names_the_line()
    {
        var (text, _) = TempContentRoot.Edit(File, "    regions: [AU]", "    regions: [NZ]");
        var (_, secondUse) = TempContentRoot.Edit(File, "    regions: [NZ]", "");
        AssertBroken(text, secondUse, "region 'NZ' is already used by set 'australia'");
    }

    [Fact]
    public void A_malformed_region_or_number_names_the_line()
    {
        var (badRegion, regionLine) = TempContentRoot.Edit(File, "    regions: [IN]", "    regions: [IND]");
        AssertBroken(badRegion, regionLine, "is not a region code");
        var (badNumber, numberLine) = TempContentRoot.Edit(File, "        call: 116 123\n", "        call: Samaritans\n");
        AssertBroken(badNumber, numberLine, "has no number in it");
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_name()
    {
        using var root = new TempContentRoot();
        var error = Assert.Throws<ContentException>(() => CrisisLines.Load(root.Path));
        Assert.Equal(File, error.File);
    }

    private static ContentException AssertBroken(string yaml, long expectedLine, string expectedProblem)
    {
        using var root = new TempContentRoot();
        root.Write(File, yaml);
        var error = Assert.Throws<ContentException>(() => CrisisLines.Load(root.Path));
        Assert.Equal(File, error.File);
        Assert.True(error.Line == expectedLine, $"expected line {expectedLine}, got {error.Message}");
        Assert.Contains(expectedProblem, error.Message);
        return error;
    }
}
