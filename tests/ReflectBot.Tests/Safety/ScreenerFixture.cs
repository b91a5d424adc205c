using ReflectBot.Safety;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

/// <summary>Loads the shipped screening data once for all screener tests.</summary>
public sealed class ScreenerFixture
{
    public CrisisScreener Screener { get; } = CrisisScreener.Load(RepoPaths.ContentRoot);
}

/// <summary>A labelled message from labelled-messages.tsv.</summary>
public sealed record LabelledMessage(int Line, SafetyCategory Expected, string Text)
{
    public static string FilePath => Path.Combine(RepoPaths.ContentRoot, "safety", "labelled-messages.tsv");

    /// <summary>Reads the set straight from the source tree (it is data for review, not a build output).</summary>
    public static IReadOnlyList<LabelledMessage> ReadAll(string? path = null)
    {
        path ??= FilePath;
        var messages = new List<LabelledMessage>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            if (tab < 0 || !SafetyCategories.TryParse(line[..tab], out var expected) || tab == line.Length - 1)
            {
                throw new FormatException($"{Path.GetFileName(path)}:{lineNumber}: expected '<category>\\t<message>'");
            }

            messages.Add(new LabelledMessage(lineNumber, expected, line[(tab + 1)..]));
        }

        return messages;
    }
}
