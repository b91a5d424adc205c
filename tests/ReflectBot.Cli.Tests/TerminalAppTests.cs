using Microsoft.Data.Sqlite;

namespace ReflectBot.Cli.Tests;

public class TerminalAppTests
{
    // Two lines, stop, save: the shortest rehearsal with a scorecard.
    private const string ShortRehearsal = """
        1
        2
        I feel lonely when we don't talk after work. Could we take ten minutes after dinner to catch up?
        You never listen to me.
        stop
        yes

        """;

    [Fact]
    public async Task Piped_input_runs_a_short_rehearsal_in_the_built_app_and_stores_it_in_the_embedded_store()
    {
        using var run = new CliRun();
        var (exitCode, output, error) = await run.ProcessAsync(ShortRehearsal, "--rehearse", "--Rehearsal:Seed=3");

        Assert.True(exitCode == 0, $"exit {exitCode}: {error}");
        Assert.Contains("Hi, I'm ReflectBot.", output);
        Assert.Contains("What would you like to practise saying?", output);
        Assert.Contains("1. I've been feeling distant", output);
        Assert.Contains("6. Something else", output);
        Assert.Contains("2. They get defensive", output);
        Assert.Contains("a partner who tends to get defensive", output);
        Assert.Equal(2, CountLinesStartingWith(output, "Partner: "));
        Assert.Equal(2, CountLinesStartingWith(output, "Tip: "));
        Assert.Contains("Lines you said: 2", output);
        Assert.Contains("Lines starting from \"I\": 1", output);
        Assert.Contains("Lines with blame or a sharp edge: 1", output);
        Assert.Contains("Clear requests: 1", output);
        Assert.Contains("Saved to your toolkit.", output);
        Assert.True(output.IndexOf("Saved to your toolkit.", StringComparison.Ordinal) > output.IndexOf("Lines you said", StringComparison.Ordinal));
        Assert.DoesNotContain("> ", output);
        Assert.True(File.Exists(run.DatabasePath), "the default store is ./data/reflectbot.db in the working folder");
        Assert.Contains("\"scorecards\":[{", StoredDocuments(run.DatabasePath));
    }

    [Fact]
    public async Task The_same_user_comes_back_to_the_same_store_on_the_next_run()
    {
        using var run = new CliRun();
        var first = await run.InProcessAsync(ShortRehearsal, "--rehearse");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("not a therapist", first.Output);

        var second = await run.InProcessAsync("");
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Welcome back", second.Output);
        Assert.DoesNotContain("not a therapist", second.Output);
        Assert.Contains("What would you like to do?", second.Output);
    }

    [Fact]
    public async Task Without_rehearse_the_chat_starts_at_the_welcome_and_menu_as_a_numbered_list()
    {
        using var run = new CliRun();
        var (exitCode, output, _) = await run.InProcessAsync("help\n");

        Assert.Equal(0, exitCode);
        var menu = output.IndexOf("What would you like to do?", StringComparison.Ordinal);
        Assert.True(menu > output.IndexOf("not a therapist", StringComparison.Ordinal));
        Assert.Contains("1. Recognise the signs", output[menu..]);
        Assert.Contains("4. Rehearse a conversation", output[menu..]);
        Assert.Contains("Here's how I can help", output);
    }

    [Fact]
    public async Task Screen_prints_the_category_of_each_line()
    {
        using var run = new CliRun();
        var (exitCode, output, error) = await run.ProcessAsync("we argued about the dishes again\n\nI want to kill myself\n", "screen");

        Assert.True(exitCode == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        // category, certainty, the rule that matched (never the user's words in logs), then the message.
        Assert.Equal(["none\tcertain\t-\twe argued about the dishes again", "self-harm\tcertain\tself-harm.thoughts\tI want to kill myself"], lines);
    }

    [Fact]
    public async Task Ctrl_C_while_waiting_for_input_ends_the_chat_cleanly()
    {
        using var run = new CliRun();
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource();
        var app = CliApp.RunAsync(
            ["--Storage:Provider=Memory"], new NeverEndingReader(), output, TextWriter.Null, showPrompt: true, stop.Token);

        await WaitUntilAsync(() => output.ToString().EndsWith("> ", StringComparison.Ordinal));
        await stop.CancelAsync();

        Assert.Equal(0, await app.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("What would you like to do?", output.ToString());
    }

    [Fact]
    public async Task Unknown_arguments_show_the_usage_and_fail()
    {
        using var run = new CliRun();
        var (exitCode, output, error) = await run.InProcessAsync("", "--bogus");
        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Contains("reflectbot screen", error);
    }

    private static int CountLinesStartingWith(string output, string prefix) =>
        output.Split('\n').Count(l => l.StartsWith(prefix, StringComparison.Ordinal));

    private static string StoredDocuments(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var documents = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var rows = select.ExecuteReader();
            while (rows.Read())
            {
                for (var i = 0; i < rows.FieldCount; i++)
                {
                    documents.Append(rows.GetValue(i)).Append('\n');
                }
            }
        }

        return documents.ToString();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the app");
            await Task.Delay(20);
        }
    }

    /// <summary>Standard input with nobody typing: reads never complete, as at an idle terminal.</summary>
    private sealed class NeverEndingReader : TextReader
    {
        public override string? ReadLine()
        {
            Thread.Sleep(Timeout.Infinite);
            return null;
        }

        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) =>
            new(Task.Delay(Timeout.Infinite, CancellationToken.None).ContinueWith(_ => (string?)null, TaskScheduler.Default));
    }
}
