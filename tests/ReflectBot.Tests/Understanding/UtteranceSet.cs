using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Understanding;

/// <summary>One labelled message of utterances.tsv (format in README.md beside it).</summary>
public sealed record LabelledUtterance(int Line, string Intent, IReadOnlyDictionary<string, string> Entities, IReadOnlyList<string> LearnIds, string Text);

public static class UtteranceSet
{
    public static string DevelopmentPath => Path.Combine(RepoPaths.Root, "tests", "ReflectBot.Tests", "Understanding", "utterances.tsv");

    public static IReadOnlyList<LabelledUtterance> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var set = new List<LabelledUtterance>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var columns = lines[i].Split('\t');
            if (columns.Length != 3)
            {
                throw new FormatException($"{path}:{i + 1}: expected intent, entities and text separated by tabs");
            }

            var entities = columns[1] == "-"
                ? new Dictionary<string, string>()
                : columns[1].Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            var learn = entities.Remove("learn", out var ids) ? ids.Split('|') : [];
            set.Add(new LabelledUtterance(i + 1, columns[0], entities, learn, columns[2]));
        }

        return set;
    }
}
