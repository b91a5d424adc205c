using ReflectBot.Journeys.Reframe.Analysis;

namespace ReflectBot.Tests.Analysis;

/// <summary>Runs every sentence in LabelledSentences.txt through Analyze and checks its labels.</summary>
public class LabelledSentenceTests
{
    private static readonly string DataFile = RepoPaths.InRepo("tests", "ReflectBot.Tests", "Analysis", "LabelledSentences.txt");

    public sealed record Labelled(string Group, int Line, string Sentence, FindingKind[] Present, FindingKind[] Absent, bool Exact)
    {
        public override string ToString() => $"{Group}:{Line} {Sentence}";
    }

    public static IReadOnlyList<Labelled> Load()
    {
        var result = new List<Labelled>();
        var group = "";
        var lines = File.ReadAllLines(DataFile);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("##", StringComparison.Ordinal))
            {
                group = line.TrimStart('#').Trim();
                continue;
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var arrow = line.LastIndexOf("=>", StringComparison.Ordinal);
            if (arrow < 0)
            {
                throw new FormatException($"{DataFile}:{i + 1}: no '=>'");
            }

            var sentence = line[..arrow].Trim();
            var labels = line[(arrow + 2)..];
            var parts = labels.Split(';', 2);
            var present = Kinds(parts[0], i);
            var absent = parts.Length > 1 ? Kinds(parts[1].Trim().StartsWith("not ", StringComparison.Ordinal) ? parts[1].Trim()[4..] : throw new FormatException($"{DataFile}:{i + 1}: expected '; not …'"), i) : [];
            result.Add(new Labelled(group, i + 1, sentence, present, absent, Exact: parts.Length == 1));
        }

        return result;
    }

    private static FindingKind[] Kinds(string text, int index) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(name => Enum.TryParse<FindingKind>(name, out var kind) ? kind : throw new FormatException($"{DataFile}:{index + 1}: unknown kind '{name}'"))
            .ToArray();

    public static TheoryData<Labelled> Sentences()
    {
        var data = new TheoryData<Labelled>();
        foreach (var item in Load())
        {
            data.Add(item);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Sentence_gets_the_kinds_it_is_labelled_with(Labelled item)
    {
        var analysis = Analyzers.EnUs.Analyze(item.Sentence);
        var found = analysis.Kinds;
        var described = string.Join(", ", analysis.Findings);

        if (item.Exact)
        {
            Assert.True(found.SetEquals(item.Present), $"expected exactly [{string.Join(", ", item.Present)}], found [{described}]");
        }
        else
        {
            Assert.True(found.IsSupersetOf(item.Present), $"expected [{string.Join(", ", item.Present)}] among [{described}]");
        }

        foreach (var kind in item.Absent)
        {
            Assert.False(found.Contains(kind), $"{kind} should not be found; found [{described}]");
        }
    }

    [Fact]
    public void The_data_covers_every_group_and_kind_with_enough_sentences()
    {
        var items = Load();
        Assert.True(items.Count >= 80, $"only {items.Count} labelled sentences");

        var groups = items.GroupBy(i => i.Group).ToDictionary(g => g.Key, g => g.Count());
        foreach (var group in new[] { "blame", "absolutes", "thought-as-feeling", "faux-feelings", "demands", "name-calling", "contempt", "harsh", "gentle", "mixed" })
        {
            Assert.True(groups.GetValueOrDefault(group) >= 5, $"group '{group}' has {groups.GetValueOrDefault(group)} sentences");
        }

        // Every kind is expected somewhere, so a kind that silently stops matching fails a test.
        var expected = items.SelectMany(i => i.Present).ToHashSet();
        Assert.Equal(Enum.GetValues<FindingKind>().ToHashSet(), expected);
    }

    [Fact]
    public void Phrases_quote_the_users_own_words_and_point_at_them()
    {
        const string text = "Honestly?  You NEVER listen, and I’m tired.";
        var analysis = Analyzers.EnUs.Analyze(text);

        foreach (var finding in analysis.Findings)
        {
            Assert.Equal(finding.Phrase, text.Substring(finding.Start, finding.Length));
        }

        Assert.Equal("You NEVER", analysis.First(FindingKind.Blame)!.Phrase);
        Assert.Equal("I’m tired", analysis.First(FindingKind.RealFeeling)!.Phrase);
        Assert.Equal("tired", analysis.First(FindingKind.RealFeeling)!.Term);
    }

    [Fact]
    public void Findings_come_in_reading_order_with_their_hint_filled_in()
    {
        var analysis = Analyzers.EnUs.Analyze("I feel ignored. You never call.");

        Assert.Equal(analysis.Findings.OrderBy(f => f.Start).Select(f => f.Start), analysis.Findings.Select(f => f.Start));
        var faux = analysis.First(FindingKind.FauxFeeling)!;
        Assert.Equal("ignored", faux.Term);
        Assert.Contains("“ignored”", faux.Hint);
        Assert.DoesNotContain("{", string.Concat(analysis.Findings.Select(f => f.Hint)));
    }
}
