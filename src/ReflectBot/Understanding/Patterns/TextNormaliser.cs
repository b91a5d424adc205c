using System.Runtime.CompilerServices;

namespace ReflectBot.Understanding.Patterns;

/// <summary>A rewrite from the data: a spelling, slang word or contraction and its canonical words.</summary>
internal sealed record Rewrite(int[] From, int[] To);

/// <summary>
/// Turns raw message text into canonical words, once per message and without allocating:
/// lower-case; typographic apostrophes folded; "don't" → dont, "I'm" → i m (then rewritten to i am);
/// letters stretched three or more times cut to two ("sooooo" → soo); 7:30, 7.30 and 1,000 stay one word;
/// emoji, symbols and punctuation become word breaks (an emoji the data names, "🙄", stays a word), and
/// . , ; : ! ? ( ) dashes and line breaks also end a clause (. ! ? … and line breaks a sentence); invisible
/// format characters and combining marks vanish. A word the data does not know that is one typing slip from a
/// typo-tolerant risk word becomes that word (<see cref="TypoCorrector"/>). Then the data's rewrites map
/// misspellings and slang to canonical words. The screener and the reframe analyser read text through this
/// one class, each with its own data.
/// </summary>
internal sealed partial class TextNormaliser
{
    private readonly Vocabulary _vocabulary;
    private readonly Rewrite[][] _rewritesByFirstWord;
    private readonly int _longestRewriteOutput;
    private readonly TypoCorrector _typos;

    // Read once: the vocabulary is complete when the normaliser is built.
    private readonly bool _symbolWords;
    private readonly bool _apostropheWords;

    public TextNormaliser(Vocabulary vocabulary, IReadOnlyList<Rewrite> rewrites, TypoCorrector typos)
    {
        _vocabulary = vocabulary;
        _typos = typos;
        _symbolWords = vocabulary.HasSymbolWords;
        _apostropheWords = vocabulary.HasApostropheWords;
        _longestRewriteOutput = rewrites.Count == 0 ? 1 : rewrites.Max(r => r.To.Length);

        // Filed by first word, longest first, so a message word only tries the rewrites that could start there.
        _rewritesByFirstWord = new Rewrite[vocabulary.Count][];
        foreach (var group in rewrites.GroupBy(r => r.From[0]))
        {
            _rewritesByFirstWord[group.Key] = [.. group.OrderByDescending(r => r.From.Length)];
        }

        for (var i = 0; i < _rewritesByFirstWord.Length; i++)
        {
            _rewritesByFirstWord[i] ??= [];
        }
    }

    /// <summary>How many tokens <see cref="Rewrite"/> can produce from <paramref name="tokenCount"/> tokens at most.</summary>
    public int MaxRewrittenCount(int tokenCount) => tokenCount * Math.Max(1, _longestRewriteOutput);

    /// <summary>Applies the data's rewrites, longest match first, in one left-to-right pass.</summary>
    public int Rewrite(ReadOnlySpan<Token> input, Span<Token> output)
    {
        var count = 0;
        var i = 0;
        while (i < input.Length)
        {
            var id = input[i].Id;
            Rewrite? applied = null;
            if (id >= 0 && id < _rewritesByFirstWord.Length)
            {
                foreach (var rewrite in _rewritesByFirstWord[id])
                {
                    if (Matches(rewrite.From, input, i))
                    {
                        applied = rewrite;
                        break;
                    }
                }
            }

            if (applied is null)
            {
                output[count++] = input[i++];
                continue;
            }

            // The new words quote what was typed: the span from the first rewritten word to the last.
            ref readonly var first = ref input[i];
            var sourceEnd = input[i + applied.From.Length - 1].SourceEnd;
            foreach (var to in applied.To)
            {
                output[count++] = new Token
                {
                    Id = to, Start = -1, Length = 0, Clause = first.Clause, Sentence = first.Sentence, SourceStart = first.SourceStart, SourceEnd = sourceEnd,
                };
            }

            i += applied.From.Length;
        }

        return count;
    }

    private static bool Matches(int[] from, ReadOnlySpan<Token> input, int at)
    {
        if (at + from.Length > input.Length)
        {
            return false;
        }

        var clause = input[at].Clause;
        for (var k = 0; k < from.Length; k++)
        {
            if (input[at + k].Id != from[k] || input[at + k].Clause != clause)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"he'll", "I'd", "I'm", "you're", "I've" split so the rewrites can expand the ending.</summary>
    private static bool SplitsAtApostrophe(ReadOnlySpan<char> rest)
    {
        var end = 0;
        while (end < rest.Length && char.IsLetter(rest[end]))
        {
            end++;
        }

        var suffix = rest[..end];
        return suffix.Equals("ll", StringComparison.OrdinalIgnoreCase)
            || suffix.Equals("d", StringComparison.OrdinalIgnoreCase)
            || suffix.Equals("m", StringComparison.OrdinalIgnoreCase)
            || suffix.Equals("re", StringComparison.OrdinalIgnoreCase)
            || suffix.Equals("ve", StringComparison.OrdinalIgnoreCase);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4' or '\u2032' or '\uFF07';

    private static bool IsClauseBreak(char c, ReadOnlySpan<char> input, int i) => c switch
    {
        '.' or ',' or ';' or ':' or '!' or '?' or '\n' or '\r' or '(' or ')' or '\u2026' or '\u2013' or '\u2014' => true,
        // A hyphen between spaces is a dash ("fine - not really"); inside a word ("self-harm") it is not.
        '-' => (i == 0 || char.IsWhiteSpace(input[i - 1])) && (i + 1 >= input.Length || char.IsWhiteSpace(input[i + 1])),
        _ => false,
    };

    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '?' or '\n' or '\r' or '\u2026';

    /// <summary>"7:30", "7.30" and "1,000" are one word: the mark sits between two digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool JoinsDigits(char c, ReadOnlySpan<char> input, int i) =>
        c is '.' or ':' or ',' && i > 0 && i + 1 < input.Length && char.IsDigit(input[i - 1]) && char.IsDigit(input[i + 1]);
}
