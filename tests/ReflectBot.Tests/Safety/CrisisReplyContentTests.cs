using ReflectBot.Content;
using ReflectBot.Framework.Schema;
using ReflectBot.Journeys.Referral;
using ReflectBot.Safety;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

/// <summary>Every crisis reply that can be built from the shipped data is complete, and broken content stops start-up.</summary>
public class CrisisReplyContentTests
{
    public static TheoryData<string, string> CategoriesAndLocales()
    {
        var data = new TheoryData<string, string>();
        foreach (var category in new[] { "self-harm", "abuse", "emergency", "harm-to-others" })
        {
            foreach (var locale in new[] { "en-US", "en-GB", "en-IE", "en-CA", "en-AU", "en-NZ", "en-IN", "de-DE" })
            {
                data.Add(category, locale);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CategoriesAndLocales))]
    public void Every_reply_names_the_emergency_number_and_every_line_of_its_kind_with_nothing_left_unfilled(string category, string locale)
    {
        using var host = new BotTestHost();
        var replies = host.Get<CrisisReplies>();
        Assert.True(SafetyCategories.TryParse(category, out var parsed));
        var set = replies.LinesFor(locale);

        foreach (var channel in new[] { Channels.Test, Channels.Msteams, Channels.Webchat, "console" })
        {
            var activities = replies.Crisis(parsed, locale, channel);
            Assert.Equal(2, activities.Length);
            var help = activities[0].Text!;
            Assert.DoesNotContain("{", help);
            Assert.Contains(set.Emergency, help);
            var lines = parsed switch
            {
                SafetyCategory.Abuse => set.AbuseLines,
                // The same service in both lists (the international set) is listed once, with its first note.
                SafetyCategory.Emergency => set.CrisisLines.Concat(set.AbuseLines).DistinctBy(l => (l.Name, l.Call, l.Text, l.Website)).ToList(),
                _ => set.CrisisLines,
            };
            foreach (var line in lines)
            {
                Assert.Contains(line.Name, help);
                foreach (var way in new[] { line.Call, line.Text, line.Website, line.Note }.OfType<string>())
                {
                    Assert.Contains(way, help);
                }
            }

            Assert.All(activities, a => Assert.Equal(category, CrisisReplies.CategoryOf(a)));
            Assert.All(activities, a => Assert.Equal("reflectbot/safety", Assert.Single(a.Entities!).Type));
        }
    }

    [Fact]
    public void The_safe_conversation_texts_fill_their_placeholders_for_the_fallback_too()
    {
        using var host = new BotTestHost();
        var replies = host.Get<CrisisReplies>();
        var content = replies.Content;
        foreach (var template in new[] { content.Crisis.NotSafe, content.Crisis.Unsure, content.CheckIn.Struggling, content.CheckIn.Shared })
        {
            var text = replies.Message(template, SafetyCategory.SelfHarm, "nl-NL").Text!;
            Assert.DoesNotContain("{", text);
            Assert.Contains("Find A Helpline", text);
        }
    }

    [Theory]
    [InlineData("please call {emergency} now.", "please call {emergancy} now.", "'{emergancy}' cannot be filled here")]
    [InlineData("    lines: crisis\n  abuse:", "    lines: all\n  abuse:", "'all' is not one of crisis, abuse, both")]
    [InlineData("    - key: unsure", "    - key: dunno", "unknown answer key 'dunno'")]
    [InlineData("  harm-to-others:", "  harm-to-other:", "missing key 'harm-to-others'")]
    public void Broken_safety_content_stops_start_up_with_the_file_and_line(string find, string replace, string problem)
    {
        using var root = new LinkedContentRoot("en-US", linkLocaleFiles: true);
        var (text, line) = TempContentRoot.Edit("en-US/safety.yaml", find, replace);
        root.Replace("en-US/safety.yaml", text);

        var error = Assert.Throws<ContentException>(() => SafetyContent.Load(new ContentSource(root.Path)));

        Assert.Equal("en-US/safety.yaml", error.File.Replace('\\', '/'));
        Assert.Contains(problem, error.Message);
        if (!problem.StartsWith("missing", StringComparison.Ordinal))
        {
            Assert.Equal(line, error.Line);
        }
    }

    [Fact]
    public void A_directory_address_with_a_scheme_stops_start_up()
    {
        using var root = new LinkedContentRoot("en-US", linkLocaleFiles: true);
        var (text, line) = TempContentRoot.Edit("safety/directories.yaml", "website: locator.apa.org", "website: https://locator.apa.org");
        root.Replace("safety/directories.yaml", text);

        var error = Assert.Throws<ContentException>(() => TherapistDirectories.Load(new ContentSource(root.Path)));

        Assert.Equal(line, error.Line);
        Assert.Contains("without https://", error.Message);
    }
}
