using ReflectBot.Content;

namespace ReflectBot.Safety.Model;

/// <summary>One hand-labelled message of dialogs/safety/labelled-messages.tsv.</summary>
public sealed record LabelledText(int Line, SafetyCategory Label, string Text);

/// <summary>
/// The labelled set, <c>label&lt;TAB&gt;message</c> per line, '#' comments. It is both the rules' test set and the
/// classifier's training data, so a counsellor adding one message improves both.
/// </summary>
public static class LabelledSet
{
    public static IReadOnlyList<LabelledText> Read(string fullPath, string displayName)
    {
        if (!File.Exists(fullPath))
        {
            throw new ContentException(displayName, 0, "file not found");
        }

        var messages = new List<LabelledText>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(fullPath))
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            if (tab < 0 || !SafetyCategories.TryParse(line[..tab], out var label) || string.IsNullOrWhiteSpace(line[(tab + 1)..]))
            {
                throw new ContentException(displayName, lineNumber, "expected '<category><TAB><message>' with a known category");
            }

            messages.Add(new LabelledText(lineNumber, label, line[(tab + 1)..]));
        }

        return messages;
    }
}
