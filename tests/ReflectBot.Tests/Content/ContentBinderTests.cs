using ReflectBot.Content;

namespace ReflectBot.Tests.Content;

/// <summary>
/// The content binder's convention (see <see cref="ContentAttribute"/>), on a small file shaped like the real ones:
/// keys by property name, sections as nested records, lists and maps, and every mistake named by file and line.
/// </summary>
public class ContentBinderTests
{
    private const string Good = """
        intro: "Hello {name}."
        tries: 3
        mood: calm
        question:
          prompt: "Pick one."
          choices:
            - key: "yes"
              title: "Yes"
              synonyms: ["yep"]
            - key: "no"
              title: "No"
        byMood:
          calm: "All calm."
          stormy: "A storm."
        """;

    [Fact]
    public void A_file_is_read_into_its_record_by_property_name()
    {
        var file = SampleFile.Bind(ContentNode.Parse(Good, "sample.yaml"));

        Assert.Equal("Hello {name}.", file.Intro);
        Assert.Null(file.Footer);
        Assert.Equal(3, file.Tries);
        Assert.Equal(SampleMood.Calm, file.Mood);
        Assert.Equal("Pick one.", file.Question.Prompt);
        Assert.Equal(["yes", "no"], file.Question.Choices.Select(c => c.Key));
        Assert.Equal(["yep"], file.Question.Choices[0].Synonyms);
        Assert.Empty(file.Question.Choices[1].Synonyms);
        Assert.Equal("A storm.", file.ByMood[SampleMood.Stormy]);
    }

    [Fact]
    public void An_optional_key_is_read_when_it_is_there()
    {
        var file = SampleFile.Bind(ContentNode.Parse(Good + "\nfooter: \"Bye.\"", "sample.yaml"));

        Assert.Equal("Bye.", file.Footer);
    }

    [Theory]
    [InlineData("intro: \"Hello {name}.\"", "", 2, "missing key 'intro'")]
    [InlineData("tries: 3", "tries: 3\ntires: 4", 3, "tires: unknown key 'tires' (expected: intro, footer, tries, mood, question, byMood)")]
    [InlineData("intro: \"Hello {name}.\"", "intro: \"Hello {nmae}.\"", 1, "intro: '{nmae}' cannot be filled here (expected: {name})")]
    [InlineData("intro: \"Hello {name}.\"", "intro: \"Hello.\"", 1, "intro: the text needs the placeholder {name}")]
    [InlineData("tries: 3", "tries: 0", 2, "tries: expected a whole number of at least 1")]
    [InlineData("tries: 3", "tries: often", 2, "tries: expected a whole number, found 'often'")]
    [InlineData("mood: calm", "mood: sunny", 3, "mood: 'sunny' is not one of calm, stormy")]
    [InlineData("  prompt: \"Pick one.\"", "  prompt:\n    - \"Pick one.\"", 6, "question.prompt: expected text")]
    [InlineData("    - key: \"no\"", "    - key: \"yes\"", 10, "question.choices[1]: the key 'yes' is used twice in this list")]
    [InlineData("    - key: \"no\"", "    - key: \"maybe\"", 10, "question.choices[1].key: unknown answer key 'maybe' (expected: yes, no)")]
    [InlineData("  stormy: \"A storm.\"", "", 13, "byMood: missing key 'stormy'")]
    public void A_mistake_stops_loading_with_the_file_line_and_what_is_wrong(string find, string replace, long line, string problem)
    {
        Assert.Contains(find, Good);
        var broken = Good.Replace(find, replace, StringComparison.Ordinal);

        var error = Assert.Throws<ContentException>(() => SampleFile.Bind(ContentNode.Parse(broken, "sample.yaml")));

        Assert.Equal($"sample.yaml:{line}: {problem}", error.Message);
    }

    [Fact]
    public void An_empty_list_stops_loading()
    {
        var broken = Good[..Good.IndexOf("    - key: \"yes\"", StringComparison.Ordinal)].Replace("  choices:\n", "  choices: []\n", StringComparison.Ordinal)
            + "byMood:\n  calm: \"All calm.\"\n  stormy: \"A storm.\"\n";

        var error = Assert.Throws<ContentException>(() => SampleFile.Bind(ContentNode.Parse(broken, "sample.yaml")));

        Assert.Equal("sample.yaml:6: question.choices: the list has no entries", error.Message);
    }
}

public enum SampleMood
{
    Calm,
    Stormy,
}

[Content]
public sealed partial record SampleFile
{
    [Needs("name")]
    public required string Intro { get; init; }

    public string? Footer { get; init; }

    [AtLeast(1)]
    public required int Tries { get; init; }

    public required SampleMood Mood { get; init; }

    public required SampleQuestion Question { get; init; }

    public required IReadOnlyDictionary<SampleMood, string> ByMood { get; init; }
}

[Content]
public sealed partial record SampleQuestion
{
    public required string Prompt { get; init; }

    [Keys("yes", "no")]
    public required IReadOnlyList<ChoiceItem> Choices { get; init; }
}
