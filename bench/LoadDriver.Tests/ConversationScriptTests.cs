namespace LoadDriver.Tests;

public class ConversationScriptTests
{
    [Fact]
    public void Reads_turns_expected_counts_and_skips_comments()
    {
        var script = ConversationScript.Parse("s.txt",
        [
            "# a comment",
            "@join => 3",
            "",
            "Plan next steps => 1",
            "  yes  ",
            "a => b => 2",
        ]);

        Assert.Collection(script.Turns,
            t => Assert.Equal((true, (string?)null, (int?)3, 2), (t.IsJoin, t.Text, t.ExpectedReplies, t.Line)),
            t => Assert.Equal((false, "Plan next steps", (int?)1), (t.IsJoin, t.Text, t.ExpectedReplies)),
            t => Assert.Equal((false, "yes", (int?)null), (t.IsJoin, t.Text, t.ExpectedReplies)),
            // Only the last arrow is the count, so a message may itself contain "=>".
            t => Assert.Equal(("a => b", (int?)2), (t.Text, t.ExpectedReplies)));
        Assert.Equal([0, 1, 2, 3], script.Turns.Select(t => t.Index));
    }

    [Theory]
    [InlineData("hello => zero", "s.txt:1: expected a reply count of 1 or more after '=>', got 'zero'")]
    [InlineData("hello => 0", "s.txt:1: expected a reply count of 1 or more after '=>', got '0'")]
    [InlineData("@leave", "s.txt:1: unknown directive '@leave' (only @join exists)")]
    [InlineData(" => 2", "s.txt:1: a turn needs some text before '=>'")]
    public void Bad_lines_are_reported_with_file_and_line(string line, string message)
    {
        var error = Assert.Throws<FormatException>(() => ConversationScript.Parse("s.txt", [line]));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Join_must_come_first()
    {
        var error = Assert.Throws<FormatException>(() => ConversationScript.Parse("s.txt", ["hi", "@join"]));
        Assert.Equal("s.txt:2: @join must be the first turn", error.Message);
    }

    [Fact]
    public void A_script_without_turns_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => ConversationScript.Parse("s.txt", ["# only a comment"]));
        Assert.Equal("s.txt: the script has no turns", error.Message);
    }

    [Fact]
    public void The_shipped_scripts_parse()
    {
        var scripts = Path.Combine(AppContext.BaseDirectory, "scripts");
        var files = Directory.GetFiles(scripts, "*.txt");
        Assert.Contains(files, f => Path.GetFileName(f) == "reflectbot.txt");
        foreach (var file in files)
        {
            var script = ConversationScript.Load(file);
            Assert.True(script.Turns[0].IsJoin, $"{file}: starts with @join so it also works over Direct Line");
        }
    }
}
