namespace LoadDriver;

/// <summary>One step of a scripted conversation: the user joins, or says something.</summary>
/// <param name="Index">Position in the script, from 0; reply counts are reported per index.</param>
/// <param name="IsJoin">The conversationUpdate that adds the user (or, over Direct Line, starting the conversation).</param>
/// <param name="Text">What the user types (null for a join).</param>
/// <param name="ExpectedReplies">Exactly how many bot messages this turn must produce, when the script says so.</param>
/// <param name="Line">Where the step is written, for error messages.</param>
public sealed record ScriptTurn(int Index, bool IsJoin, string? Text, int? ExpectedReplies, int Line)
{
    public string Label => IsJoin ? "@join" : Text!;
}

/// <summary>
/// A conversation script, one turn per line:
/// <code>
/// # comment
/// @join => 3              the user joins (conversationUpdate, membersAdded); exactly 3 bot messages expected
/// Plan next steps => 1    the user says this; exactly 1 bot message expected
/// yes                     no expectation: at least one reply, and the same count in every conversation
/// </code>
/// </summary>
public sealed class ConversationScript
{
    private const string JoinDirective = "@join";
    private const string ExpectSeparator = "=>";

    public ConversationScript(string name, IReadOnlyList<ScriptTurn> turns)
    {
        if (turns.Count == 0)
        {
            throw new FormatException($"{name}: the script has no turns");
        }

        Name = name;
        Turns = turns;
    }

    public string Name { get; }

    public IReadOnlyList<ScriptTurn> Turns { get; }

    public static ConversationScript Load(string path) => Parse(Path.GetFileName(path), File.ReadAllLines(path));

    public static ConversationScript Parse(string name, IReadOnlyList<string> lines)
    {
        var turns = new List<ScriptTurn>();
        for (var i = 0; i < lines.Count; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            int? expected = null;
            var arrow = line.LastIndexOf(ExpectSeparator, StringComparison.Ordinal);
            if (arrow >= 0)
            {
                var countText = line[(arrow + ExpectSeparator.Length)..].Trim();
                if (!int.TryParse(countText, out var count) || count < 1)
                {
                    throw new FormatException($"{name}:{lineNumber}: expected a reply count of 1 or more after '=>', got '{countText}'");
                }

                expected = count;
                line = line[..arrow].TrimEnd();
            }

            if (line.StartsWith('@'))
            {
                if (!line.Equals(JoinDirective, StringComparison.Ordinal))
                {
                    throw new FormatException($"{name}:{lineNumber}: unknown directive '{line}' (only {JoinDirective} exists)");
                }

                if (turns.Count > 0)
                {
                    throw new FormatException($"{name}:{lineNumber}: {JoinDirective} must be the first turn");
                }

                turns.Add(new ScriptTurn(turns.Count, IsJoin: true, Text: null, expected, lineNumber));
                continue;
            }

            if (line.Length == 0)
            {
                throw new FormatException($"{name}:{lineNumber}: a turn needs some text before '=>'");
            }

            turns.Add(new ScriptTurn(turns.Count, IsJoin: false, line, expected, lineNumber));
        }

        return new ConversationScript(name, turns);
    }
}
