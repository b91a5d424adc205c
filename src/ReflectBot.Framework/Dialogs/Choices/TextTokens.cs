namespace ReflectBot.Framework.Dialogs.Choices;

/// <summary>Splits what people type into lower-case word tokens, ignoring case and punctuation.</summary>
internal static class TextTokens
{
    /// <summary>
    /// Letters and digits make words; everything else separates them. A possessive "'s" is dropped
    /// ("partner's" → "partner") and other apostrophes are closed up ("don't" → "dont").
    /// </summary>
    public static List<string> Tokenize(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var word = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '\u2019' && word.Length > 0 && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                var possessive = char.ToLowerInvariant(text[i + 1]) == 's' && (i + 2 == text.Length || !char.IsLetterOrDigit(text[i + 2]));
                if (possessive)
                {
                    i++;
                }
            }
            else
            {
                Flush(word, tokens);
            }
        }

        Flush(word, tokens);
        return tokens;
    }

    public static string Normalize(string? text) => string.Join(' ', Tokenize(text));

    private static void Flush(System.Text.StringBuilder word, List<string> tokens)
    {
        if (word.Length > 0)
        {
            tokens.Add(word.ToString());
            word.Clear();
        }
    }
}
