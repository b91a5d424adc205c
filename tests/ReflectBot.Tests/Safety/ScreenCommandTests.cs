using ReflectBot.Safety;

namespace ReflectBot.Tests.Safety;

public class ScreenCommandTests(ScreenerFixture fixture) : IClassFixture<ScreenerFixture>
{
    private string[][] Run(string input)
    {
        var output = new StringWriter();
        Assert.Equal(0, ScreenCommand.Run(new StringReader(input), output, fixture.Screener));
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('\t')).ToArray();
    }

    [Fact]
    public void Each_message_gets_one_line_with_category_certainty_rule_and_the_message()
    {
        var lines = Run("I want to kill myself\nhe hits me\nI'm not suicidal\nwe had a nice dinner\n");

        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Equal(4, l.Length));
        Assert.Equal(["self-harm", "certain", "self-harm.thoughts", "I want to kill myself"], lines[0]);
        Assert.Equal("abuse", lines[1][0]);
        Assert.Equal(["check-in", "uncertain", "self-harm.thoughts", "I'm not suicidal"], lines[2]);
        Assert.Equal(["none", "certain", "-", "we had a nice dinner"], lines[3]);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_tabs_in_a_message_do_not_shift_the_columns()
    {
        var lines = Run("\n   \nI want\tto die\n");
        var line = Assert.Single(lines);
        Assert.Equal("self-harm", line[0]);
        Assert.Equal("I want to die", line[3]);
    }

    [Fact]
    public void When_the_model_decided_the_rule_column_names_the_model()
    {
        var line = Assert.Single(Run("my husband made me hand over my wages and checks my receipts every night\n"));
        Assert.Equal(["abuse", "uncertain", "model.abuse", "my husband made me hand over my wages and checks my receipts every night"], line);
    }
}
