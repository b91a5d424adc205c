namespace ReflectBot.Journeys.Reframe.Analysis.Engine;

/// <summary>
/// One normalised word of the user's text. Expanded contractions ("don't" → "do", "not") share the
/// span of the word they came from, so a finding can always quote the user's own words back.
/// </summary>
internal readonly record struct Token(
    string Text,
    int Start,
    int End,
    int Sentence,
    bool ClauseStart,
    bool ClauseEnd,
    bool SoftStart);

/// <summary>The tokens of one text plus where each sentence begins and ends (patterns never cross one).</summary>
internal sealed class TokenizedText
{
    public TokenizedText(string text, Token[] tokens, bool truncated)
    {
        Text = text;
        Tokens = tokens;
        Truncated = truncated;
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

    public string Text { get; }
    public Token[] Tokens { get; }
    public bool Truncated { get; }

    /// <summary>For each token, the index one past the last token of its sentence.</summary>
    public int[] SentenceEnd { get; }

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
            if (Tokens[i].End == Tokens[i].Start)
            {
                continue;
            }

            start = Math.Min(start, Tokens[i].Start);
            end = Math.Max(end, Tokens[i].End);
        }

        return start == int.MaxValue ? (0, 0) : (start, end - start);
    }
}
