using ReflectBot.Framework.Schema;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

/// <summary>Which numbers a person is given, and crisis words that arrive inside card submissions.</summary>
public class CrisisLocaleAndCardTests
{
    private static Activity Message(string text, string? locale) => new() { Type = ActivityTypes.Message, Text = text, Locale = locale };

    [Theory]
    [InlineData("en-GB", "999", "Samaritans**: call 116 123")]
    [InlineData("en-IE", "112 or 999", "Samaritans**: call 116 123")]
    [InlineData("fr-CA", "911", "9-8-8 Suicide Crisis Helpline**: call or text 9-8-8")]
    [InlineData("en-AU", "000", "Lifeline**: call 13 11 14")]
    [InlineData("en-IN", "112", "Tele-MANAS")]
    public async Task The_person_gets_the_lines_of_their_locale(string locale, string emergency, string line)
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send(Message("I want to kill myself", locale))
            .AssertCrisisReply("self-harm", $"call {emergency}", line)
            .StartTestAsync();
    }

    [Theory]
    [InlineData("nl-NL")]
    [InlineData("ja-JP")]
    [InlineData("pl-PL")]
    public async Task A_country_we_list_no_lines_for_gets_the_international_lines_not_the_default_country(string locale)
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send(Message("I want to kill myself", locale))
            .AssertReply(a =>
            {
                Assert.Contains("your local emergency number", a.Text);
                Assert.Contains("findahelpline.com", a.Text);
                Assert.DoesNotContain("911", a.Text);
                Assert.DoesNotContain("988", a.Text);
            })
            .StartTestAsync();
    }

    [Theory]
    [InlineData(null, "en-US", "911")]
    [InlineData(null, "en-GB", "999")]
    [InlineData("en", "en-AU", "000")]
    [InlineData(null, "en", "your local emergency number")]
    public async Task Without_a_region_in_the_locale_the_configured_default_decides(string? locale, string defaultLocale, string emergency)
    {
        // The default locale also picks the content folder, so give the bot one for that locale.
        using var content = new LinkedContentRoot(defaultLocale);
        using var host = new BotTestHost(settings: new Dictionary<string, string?>
        {
            ["ReflectBot:DefaultLocale"] = defaultLocale,
            ["Content:Path"] = content.Path,
        });
        host.Adapter.Locale = null;
        await host.Flow()
            .Send(Message("he choked me", locale))
            .AssertCrisisReply("abuse", $"call {emergency}")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("""{"text":"i want to end my life"}""")]
    [InlineData("""{"choice":"reframe","statement":"he hits me when he's drunk"}""")]
    [InlineData("""{"action":{"verb":"save","data":{"answers":["fine","I want to kill myself"]}}}""")]
    public async Task A_card_submission_with_crisis_words_in_any_field_gets_the_crisis_reply(string valueJson)
    {
        using var host = new BotTestHost();
        var category = valueJson.Contains("hits", StringComparison.Ordinal) ? "abuse" : "self-harm";
        await host.Flow()
            .StartAtMenu()
            .Send(SafetyFlowExtensions.CardSubmission(valueJson))
            .AssertCrisisReply(category, "911")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task A_card_submission_without_crisis_words_is_answered_as_usual()
    {
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send(SafetyFlowExtensions.CardSubmission("""{"choice":"therapist"}"""))
            .AssertReplyContains("Reaching out for support")
            .StartTestAsync();
    }
}

/// <summary>
/// A throw-away content root whose folder for <c>locale</c> and safety/ link to the shipped content. With
/// <c>linkLocaleFiles</c> the folders are real and each file is linked, so one file can be replaced by an edited copy.
/// </summary>
internal sealed class LinkedContentRoot : IDisposable
{
    public LinkedContentRoot(string locale, bool linkLocaleFiles = false)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reflectbot-content-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        foreach (var (folder, source) in new[] { (locale, "en-US"), ("safety", "safety") })
        {
            var target = System.IO.Path.Combine(Path, folder);
            var shipped = System.IO.Path.Combine(Support.RepoPaths.ContentRoot, source);
            if (!linkLocaleFiles)
            {
                Directory.CreateSymbolicLink(target, shipped);
                continue;
            }

            Directory.CreateDirectory(target);
            foreach (var entry in Directory.EnumerateFileSystemEntries(shipped))
            {
                var name = System.IO.Path.Combine(target, System.IO.Path.GetFileName(entry));
                if (Directory.Exists(entry))
                {
                    Directory.CreateSymbolicLink(name, entry);
                }
                else
                {
                    File.CreateSymbolicLink(name, entry);
                }
            }
        }
    }

    public string Path { get; }

    /// <summary>Puts <paramref name="text"/> in place of the linked file (the shipped file is untouched).</summary>
    public void Replace(string relativePath, string text)
    {
        var file = System.IO.Path.Combine(Path, relativePath);
        File.Delete(file);
        File.WriteAllText(file, text);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
