using ReflectBot.Content;
using ReflectBot.Journeys.Plan;
using ReflectBot.Journeys.Signs;
using ReflectBot.Journeys.Toolkit;
using ReflectBot.Tests.Journey;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Content;

/// <summary>
/// The journey's content is data a counsellor edits: a mistake must stop start-up with the file, the line and
/// what is wrong, and a good edit must change what the bot says without touching code.
/// </summary>
public sealed class JourneyContentValidationTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "reflectbot-content-" + Guid.NewGuid().ToString("N"));

    public JourneyContentValidationTests()
    {
        foreach (var file in Directory.EnumerateFiles(RepoPaths.ContentRoot, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_root, Path.GetRelativePath(RepoPaths.ContentRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Edits a copy of a shipped file; returns the 1-based line of <paramref name="marker"/> in the edited text.</summary>
    private int Edit(string file, string find, string replace, string marker)
    {
        var path = Path.Combine(_root, "en-US", file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text);
        text = text.Replace(find, replace, StringComparison.Ordinal);
        File.WriteAllText(path, text);
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"marker '{marker}' not in the edited file");
        return text[..index].Count(c => c == '\n') + 1;
    }

    private ContentException StartBot()
    {
        var settings = new Dictionary<string, string?> { ["Content:Path"] = _root };
        return Assert.Throws<ContentException>(() => new BotTestHost(settings: settings).Dispose());
    }

    [Fact]
    public void The_shipped_journey_content_loads_and_is_copied_beside_the_binaries()
    {
        var source = new ContentSource(RepoPaths.ContentRoot);
        Assert.Equal(10, SignsContent.Load(source).Signs.Items.Count);
        Assert.Equal(11, PlanContent.Load(source).Strategy.Choices.Count);
        Assert.NotEmpty(ToolkitContent.Load(source).Commands);

        foreach (var file in new[] { "signs.yaml", "plan.yaml", "toolkit.yaml" })
        {
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "dialogs", "en-US", file)), $"{file} is not in the build output");
        }
    }

    [Fact]
    public void A_missing_key_stops_start_up_with_file_and_line()
    {
        var line = Edit("signs.yaml", "toll:\n  prompt: \"How much is this weighing on you right now, from 0 (hardly at all) to 10 (more than I can carry)?\"\n", "toll:\n", "  retry: \"A number from 0 to 10");

        var ex = StartBot();

        Assert.Equal($"en-US/signs.yaml:{line}: toll: missing key 'prompt'", ex.Message);
    }

    [Fact]
    public void A_missing_line_in_common_yaml_such_as_the_Teams_card_acknowledgement_stops_start_up_with_file_and_line()
    {
        var line = Edit("common.yaml", "cardActionReceived: \"Got it, thanks.\"\n", "", "welcome:");

        var ex = StartBot();

        Assert.Equal($"en-US/common.yaml:{line}: missing key 'cardActionReceived'", ex.Message);
    }

    [Fact]
    public void A_choice_list_without_entries_stops_start_up_with_file_and_line()
    {
        var original = File.ReadAllText(Path.Combine(_root, "en-US", "plan.yaml"));
        var start = original.IndexOf("strategy:\n", StringComparison.Ordinal);
        var choices = original.IndexOf("  choices:\n", start, StringComparison.Ordinal);
        var end = original.IndexOf("\nwhat:\n", choices, StringComparison.Ordinal);
        var line = Edit("plan.yaml", original[choices..end], "  choices: []\n", "  choices: []");

        var ex = StartBot();

        Assert.Equal($"en-US/plan.yaml:{line}: strategy.choices: the list has no entries", ex.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_stops_start_up_with_file_and_line()
    {
        var line = Edit("signs.yaml", "  heavyFrom: 7", "  heavyFrom: quite heavy", "quite heavy");

        var ex = StartBot();

        Assert.Equal($"en-US/signs.yaml:{line}: toll.heavyFrom: expected a whole number, found 'quite heavy'", ex.Message);
    }

    [Fact]
    public void A_list_where_text_belongs_stops_start_up_with_file_and_line()
    {
        var line = Edit("toolkit.yaml", "\ntitle: \"My toolkit\"", "\ntitle:\n  - \"My toolkit\"", "  - \"My toolkit\"");

        var ex = StartBot();

        Assert.Equal($"en-US/toolkit.yaml:{line}: title: expected text", ex.Message);
    }

    [Fact]
    public void A_sign_naming_a_root_that_does_not_exist_is_caught()
    {
        var line = Edit("signs.yaml", "      roots: [fear, language]", "      roots: [fear, lanugage]", "[fear, lanugage]");

        var ex = StartBot();

        Assert.Equal($"en-US/signs.yaml:{line}: signs.items[0].roots: 'lanugage' is not one of the roots listed under 'roots'", ex.Message);
    }

    [Fact]
    public void The_same_key_twice_in_a_list_is_caught_at_the_second_entry()
    {
        var line = Edit("signs.yaml", "    - key: months\n", "    - key: weeks\n", "    - key: weeks\n      title: \"Months\"");

        var ex = StartBot();

        Assert.Equal($"en-US/signs.yaml:{line}: duration.choices[1]: the key 'weeks' is used twice in this list", ex.Message);
    }

    [Fact]
    public void A_dropped_placeholder_and_a_bad_time_in_the_when_words_are_caught()
    {
        var line = Edit("plan.yaml", "  recognised: \"Got it: {when}.\"", "  recognised: \"Got it.\"", "\"Got it.\"");
        Assert.Equal($"en-US/plan.yaml:{line}: when.recognised: the text needs the placeholder {{when}}", StartBot().Message);

        Edit("plan.yaml", "  recognised: \"Got it.\"", "  recognised: \"Got it: {when}.\"", "Got it");
        line = Edit("plan.yaml", "time: \"20:00\" }", "time: \"8pm\" }", "\"8pm\"");
        Assert.Equal($"en-US/plan.yaml:{line}: when.words.relativeDays[1].time: expected a time like 19:00, found '8pm'", StartBot().Message);
    }

    [Fact]
    public void A_missing_journey_file_stops_start_up_naming_it()
    {
        File.Delete(Path.Combine(_root, "en-US", "toolkit.yaml"));

        Assert.Equal("en-US/toolkit.yaml:0: the file is missing", StartBot().Message);
    }

    [Fact]
    public async Task A_counsellors_edit_changes_what_the_bot_says_without_a_rebuild()
    {
        Edit("plan.yaml", "intro: \"Let's pick one to three small steps. Small and specific beats big and vague.\"", "intro: \"Let's choose a few gentle steps together.\"", "gentle steps");

        using var host = new BotTestHost(settings: new Dictionary<string, string?> { ["Content:Path"] = _root });
        await host.Flow()
            .AtMenu()
            .Send("plan")
            .AssertReply("Let's choose a few gentle steps together.")
            .StartTestAsync();
    }
}
