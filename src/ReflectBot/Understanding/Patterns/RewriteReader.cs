using ReflectBot.Content;

namespace ReflectBot.Understanding.Patterns;

/// <summary>
/// Reads a <c>rewrites</c> section: each key (one or more words) becomes the words after it, so patterns need only one
/// spelling ("dont" for don't, dont, do not; "going to" for gonna). A key written with an apostrophe ("let's") only
/// applies when the apostrophe is typed: "lets" stays a word of its own.
/// </summary>
internal static class RewriteReader
{
    public static List<Rewrite> Read(ContentNode map, PatternContext context)
    {
        var entries = map.Entries.ToList();
        if (entries.Count == 0)
        {
            throw map.Error("the rewrites list is empty");
        }

        var parsed = new List<(ContentNode Node, string[] From, string[] To)>();
        foreach (var (key, node) in entries)
        {
            var from = SplitWords(key, node, context, apostrophes: true);
            var to = SplitWords(node.Text(), node, context, apostrophes: false);
            if (from.SequenceEqual(to))
            {
                throw node.Error($"rewrite '{key}' rewrites to itself");
            }

            if (from.Length == 1)
            {
                context.AddRewriteSource(from[0], string.Join(' ', to));
            }
            else
            {
                context.AddPhraseRewrite(from, string.Join(' ', to));
            }

            parsed.Add((node, from, to));
        }

        var rewrites = new List<Rewrite>();
        foreach (var (node, from, to) in parsed)
        {
            foreach (var word in to)
            {
                if (context.IsRewriteSource(word))
                {
                    throw node.Error($"'{word}' in what '{string.Join(' ', from)}' rewrites to is itself rewritten; rewrite straight to the final words");
                }
            }

            rewrites.Add(new Rewrite(
                [.. from.Select(context.Vocabulary.Intern)],
                [.. to.Select(context.Vocabulary.Intern)]));
        }

        return rewrites;
    }

    private static string[] SplitWords(string text, ContentNode node, PatternContext context, bool apostrophes)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            throw node.Error("a rewrite needs words on both sides");
        }

        foreach (var word in words)
        {
            // One apostrophe between letters is allowed in a key: "let's".
            var apostrophe = word.IndexOf('\'');
            var typed = apostrophes && apostrophe > 0 && apostrophe < word.Length - 1 && word.IndexOf('\'', apostrophe + 1) < 0;
            context.CheckWord(typed ? word.Remove(apostrophe, 1) : word, node, asStem: false);
        }

        return words;
    }
}
