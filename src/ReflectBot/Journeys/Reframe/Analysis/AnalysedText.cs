using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>
/// The user's text read once by the shared <see cref="TextNormaliser"/>: its tokens, where each sentence ends
/// (patterns never cross one) and the typed span of every token, so a finding can quote the user's own words.
/// </summary>
internal sealed class AnalysedText
{
    /// <summary>Longest text analysed; beyond this a chat message is not a message any more.</summary>
    public const int MaxChars = 10_000;

    private readonly char[] _normalised;
    private readonly Vocabulary _vocabulary;

    private AnalysedText(string text, char[] normalised, Token[] tokens, bool truncated, Vocabulary vocabulary)
    {
        Text = text;
        _normalised = normalised;
        Tokens = tokens;
        Truncated = truncated;
        _vocabulary = vocabulary;
        var ends = new int[tokens.Length];
        // Each token knows the end of its sentence, so a matcher can bound its search in O(1).
        var i = tokens.Length - 1;
        while (i >= 0)
        {
            var sentence = tokens[i].Sentence;
            var end = i + 1;
            while (i >= 0 && tokens[i].Sentence == sentence)
            {
                ends[i] = end;
                i--;
            }
        }

        SentenceEnd = ends;
    }

    public static AnalysedText Read(string? text, TextNormaliser normaliser, Vocabulary vocabulary)
    {
        text ??= "";
        var truncated = false;
        if (text.Length > MaxChars)
        {
            // Never cut a surrogate pair in half.
            var cut = char.IsHighSurrogate(text[MaxChars - 1]) ? MaxChars - 1 : MaxChars;
            text = text[..cut];
            truncated = true;
        }

        var normalised = new char[text.Length];
        var raw = new Token[text.Length];
        var count = normaliser.Tokenise(text, normalised, raw);
        var tokens = new Token[normaliser.MaxRewrittenCount(count)];
        var rewritten = normaliser.Rewrite(raw.AsSpan(0, count), tokens);
        return new AnalysedText(text, normalised, tokens[..rewritten], truncated, vocabulary);
    }

    public string Text { get; }
    public Token[] Tokens { get; }
    public bool Truncated { get; }

    /// <summary>For each token, the index one past the last token of its sentence.</summary>
    public int[] SentenceEnd { get; }

    public MessageView View => new(_normalised, Tokens, _vocabulary);

    /// <summary>The same text read as if <paramref name="prefix"/> (words added, quoting nothing) came first.</summary>
    public AnalysedText WithPrefix(Token[] prefix) => new(Text, _normalised, [.. prefix, .. Tokens], Truncated, _vocabulary);

    public string Slice(int firstToken, int endToken)
    {
        var (start, length) = Span(firstToken, endToken);
        return Text.Substring(start, length);
    }

    public (int Start, int Length) Span(int firstToken, int endToken)
    {
        var start = int.MaxValue;
        var end = 0;
        for (var i = firstToken; i < endToken; i++)
        {
            // Words the analyser added itself (CheckFeeling's "I feel") have no span to quote.
            if (Tokens[i].SourceEnd == Tokens[i].SourceStart)
            {
                continue;
            }

            start = Math.Min(start, Tokens[i].SourceStart);
            end = Math.Max(end, Tokens[i].SourceEnd);
        }

        return start == int.MaxValue ? (0, 0) : (start, end - start);
    }
}
