using ReflectBot.Content;

namespace ReflectBot.Understanding.Patterns;

/// <summary>
/// Reads a <c>typo_tolerance</c> section: the risk words a one-letter slip still finds. Each must be a word some
/// pattern or list uses (else correcting to it achieves nothing) and at least min_length long; not_typos are real
/// words left alone.
/// </summary>
internal static class TypoToleranceReader
{
    public static TypoCorrector Read(ContentNode? node, PatternContext context)
    {
        if (node is null)
        {
            return TypoCorrector.None(context.Vocabulary);
        }

        node.RequireOnlyKeys("min_length", "words", "not_typos");
        var minLengthNode = node.Get("min_length");
        var minLength = minLengthNode.Int();
        if (minLength is < 4 or > 12)
        {
            throw minLengthNode.Error("min_length must be between 4 and 12 letters: shorter words have too many real neighbours");
        }

        var ids = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node.Get("words").Items())
        {
            var word = item.Text();
            context.CheckWord(word, item, asStem: false);
            if (!seen.Add(word))
            {
                throw item.Error($"'{word}' is listed twice under typo_tolerance");
            }

            if (word.Length < minLength)
            {
                throw item.Error($"'{word}' is shorter than min_length ({minLength})");
            }

            if (context.IsRewriteSource(word))
            {
                throw item.Error($"'{word}' is rewritten before matching; list what it is rewritten to");
            }

            var id = context.Vocabulary.Lookup(word);
            if (id == Vocabulary.Unknown)
            {
                throw item.Error($"'{word}' is not used by any pattern or word list, so correcting a slip to it finds nothing");
            }

            ids.Add(id);
        }

        var notTypos = new List<string>();
        if (node.TryGet("not_typos") is { } list)
        {
            foreach (var item in list.Items())
            {
                context.CheckWord(item.Text(), item, asStem: false);
                notTypos.Add(item.Text());
            }
        }

        return new TypoCorrector(context.Vocabulary, ids, notTypos, minLength);
    }
}
