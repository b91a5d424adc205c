namespace ReflectBot.Safety;

/// <summary>
/// <c>reflectbot screen</c>: runs the crisis screener over messages, one per line, and prints one line per
/// message: <c>category TAB certain|uncertain TAB rule-id TAB message</c> (rule id "-" when nothing matched).
/// For counsellors checking new phrasings against screening.yaml; nothing is stored or logged.
/// </summary>
public static class ScreenCommand
{
    /// <summary>Screens every non-blank line of <paramref name="input"/>. Returns the exit code: 0.</summary>
    public static int Run(TextReader input, TextWriter output, CrisisScreener screener)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(screener);
        while (input.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var result = screener.Screen(line);
            output.Write(result.Category.WireName());
            output.Write('\t');
            output.Write(result.Uncertain ? "uncertain" : "certain");
            output.Write('\t');
            output.Write(result.RuleId ?? "-");
            output.Write('\t');

            // A tab in the message would shift the columns; show it as a space.
            output.WriteLine(line.Replace('\t', ' '));
        }

        output.Flush();
        return 0;
    }
}
