using ReflectBot.Content;

namespace ReflectBot.Journeys.Reframe;

/// <summary>
/// Turns the user's four answers into one "I feel … when … because … Could we …?" statement: trims the words the
/// template already says ("when", "because I need"), and makes the request a question unless the user already did.
/// </summary>
public sealed class StatementWriter(ReframeContent content)
{
    private static readonly char[] EndPunctuation = ['.', '!', '?', ',', ';', ':', ' '];
    private static readonly string[][] When = [["when"]];

    private readonly string[][] _needPrefixes = Words(content.Need.DropPrefixes);
    private readonly string[][] _openers = Words(content.Request.Openers);
    private readonly string[][] _questionOpeners = Words(content.Request.QuestionOpeners);

    /// <summary>"When we eat dinner with our phones out." → "we eat dinner with our phones out".</summary>
    public string Observation(string text) => LowerFirst(DropPrefix(Trim(text), When));

    /// <summary>"Because I need closeness" → "closeness".</summary>
    public string Need(string text) => LowerFirst(DropPrefix(Trim(text), _needPrefixes));

    /// <summary>Feelings as a phrase: "lonely", "hurt and lonely", "hurt, sad and lonely".</summary>
    public string Feelings(IReadOnlyList<string> words) => ContentText.JoinList(words, content.Statement.And);

    /// <summary>
    /// "could we talk after dinner" → "Could we talk after dinner?"; "I'd like a hug" → "I'd like a hug.";
    /// "put our phones away at dinner" → "Would you be willing to put our phones away at dinner?".
    /// </summary>
    public string Request(string text)
    {
        var trimmed = Trim(text);
        if (StartsWithAny(trimmed, _openers) is null)
        {
            return ContentText.Fill(content.Request.Wrapped, ("request", LowerFirst(trimmed)));
        }

        var ending = StartsWithAny(trimmed, _questionOpeners) is not null ? "?" : ".";
        return UpperFirst(trimmed) + ending;
    }

    /// <summary>The whole statement from parts already shaped by the methods above.</summary>
    public string Statement(string observation, string feeling, string need, string request) =>
        ContentText.Fill(content.Statement.Text, ("feeling", feeling), ("observation", observation), ("need", need), ("request", request));

    private static string Trim(string text) => text.Trim().TrimEnd(EndPunctuation).Trim('"', '\u201C', '\u201D', ' ');

    private static string DropPrefix(string text, string[][] prefixes)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (StartsWithAny(text, prefixes) is { } prefix && words.Length > prefix.Length)
        {
            return string.Join(' ', words.Skip(prefix.Length));
        }

        return text;
    }

    /// <summary>The longest prefix (in words, case and punctuation ignored) that <paramref name="text"/> starts with.</summary>
    private static string[]? StartsWithAny(string text, string[][] prefixes)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Phrase.Normalize).ToArray();
        return prefixes
            .Where(p => p.Length <= words.Length && p.SequenceEqual(words.Take(p.Length)))
            .MaxBy(p => p.Length);
    }

    private static string[][] Words(IEnumerable<string> phrases) =>
        phrases.Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Phrase.Normalize).ToArray()).ToArray();

    // "I" stays upper case; anything else starts small inside the sentence.
    private static string LowerFirst(string text) =>
        text.Length == 0 || (text[0] == 'I' && (text.Length == 1 || !char.IsLetter(text[1]))) ? text : char.ToLowerInvariant(text[0]) + text[1..];

    private static string UpperFirst(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
