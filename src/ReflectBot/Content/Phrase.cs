using System.Text;

namespace ReflectBot.Content;

/// <summary>
/// Folds what a user typed to a canonical form for matching commands and menu words:
/// lower case, typographic apostrophes and quotes folded, punctuation dropped, spaces collapsed.
/// </summary>
public static class Phrase
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var raw in text)
        {
            var c = raw switch
            {
                '\u2019' or '\u2018' or '`' or '\u00B4' => '\'',
                _ => char.ToLowerInvariant(raw),
            };

            if (char.IsLetterOrDigit(c) || c == '\'' || c == '?')
            {
                if (pendingSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                pendingSpace = false;
                sb.Append(c);
            }
            else
            {
                pendingSpace = true;
            }
        }

        // A trailing question mark is punctuation unless it is the whole message ("?" asks for help).
        while (sb.Length > 1 && sb[^1] == '?')
        {
            sb.Length--;
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>A set of phrases matched against a whole message after normalising both.</summary>
    public sealed class Set(IEnumerable<string> phrases)
    {
        private readonly HashSet<string> _phrases = phrases.Select(Normalize).Where(p => p.Length > 0).ToHashSet(StringComparer.Ordinal);

        public bool Matches(string? text) => _phrases.Contains(Normalize(text));
    }
}
