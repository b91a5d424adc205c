using ReflectBot.Content;
using ReflectBot.Journeys.Rehearse;
using ReflectBot.Journeys.Reframe.Analysis;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Rehearsal;

public class RehearsalContentTests
{
    private static RehearsalContent Shipped() => RehearsalContent.Load(new ContentSource(RepoPaths.ContentRoot));

    [Fact]
    public void Every_partner_style_has_enough_distinct_lines_for_every_stage()
    {
        var content = Shipped();
        Assert.Equal(["withdrawn", "defensive", "dismissive", "open"], content.Style.Choices.Select(s => s.Key));
        foreach (var style in content.Style.Choices)
        {
            foreach (var stage in Enum.GetValues<PartnerStage>())
            {
                Assert.True(style.Lines[stage].Count >= PartnerLines.MinLinesPerStage, $"{style.Key} {stage}");
            }

            var all = style.Lines.Values.SelectMany(l => l).ToList();
            Assert.Equal(all.Count, all.Select(l => l.Text).Distinct().Count());
            Assert.Equal(all.Count, all.Select(l => l.Id).Distinct().Count());
        }
    }

    [Fact]
    public void A_stage_with_too_few_lines_stops_loading_with_the_file_and_line()
    {
        using var root = CopyOfContent();
        var file = Path.Combine(root.Path, "en-US", "rehearsal", "partner-open.yaml");
        var lines = File.ReadAllLines(file).ToList();
        var guarded = lines.FindIndex(l => l.Trim() == "guarded:");
        lines.RemoveRange(guarded + 1, 3);   // ten lines become seven
        File.WriteAllLines(file, lines);

        var error = Assert.Throws<ContentException>(() => RehearsalContent.Load(new ContentSource(root.Path)));
        Assert.Equal("en-US/rehearsal/partner-open.yaml", error.File);
        Assert.Equal(guarded + 2, error.Line);
        Assert.Contains("at least 8 lines", error.Problem);
    }

    [Fact]
    public void A_missing_partner_file_is_named()
    {
        using var root = CopyOfContent();
        File.Delete(Path.Combine(root.Path, "en-US", "rehearsal", "partner-dismissive.yaml"));

        var error = Assert.Throws<ContentException>(() => RehearsalContent.Load(new ContentSource(root.Path)));
        Assert.Contains("partner-dismissive.yaml", error.File);
    }

    [Theory]
    [InlineData(0, PartnerStage.Closed)]
    [InlineData(2, PartnerStage.Closed)]
    [InlineData(3, PartnerStage.Guarded)]
    [InlineData(5, PartnerStage.Opening)]
    [InlineData(8, PartnerStage.Open)]
    [InlineData(10, PartnerStage.Open)]
    public void Openness_falls_in_the_stage_whose_threshold_it_reaches(int openness, PartnerStage stage) =>
        Assert.Equal(stage, Shipped().StageFor(openness));

    [Fact]
    public void One_line_moves_openness_at_most_max_step_and_never_past_the_ends()
    {
        var content = Shipped();
        var model = new PartnerModel(content, new RehearsalRandom(Microsoft.Extensions.Options.Options.Create(new RehearsalOptions { Seed = 1 })));
        var defensive = content.StyleOf("defensive");
        Assert.Equal(3 + content.Openness.MaxStep, model.NextOpenness(defensive, 3, new ToneScore(10, 10, 0)));
        Assert.Equal(0, model.NextOpenness(defensive, 3, new ToneScore(-10, 0, 10)));
        Assert.Equal(10, model.NextOpenness(defensive, 9, new ToneScore(10, 10, 0)));
        Assert.Equal(5, model.NextOpenness(defensive, 5, new ToneScore(0, 2, 2)));
        // The same blame costs a defensive partner more than an open one.
        var open = content.StyleOf("open");
        Assert.True(model.NextOpenness(defensive, 8, new ToneScore(-3, 0, 3)) < model.NextOpenness(open, 8, new ToneScore(-3, 0, 3)));
    }

    private static TempFolder CopyOfContent()
    {
        var folder = new TempFolder();
        foreach (var file in Directory.EnumerateFiles(RepoPaths.ContentRoot, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(folder.Path, Path.GetRelativePath(RepoPaths.ContentRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return folder;
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("reflectbot-rehearsal-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
