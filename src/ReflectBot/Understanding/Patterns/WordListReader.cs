using System.Text.RegularExpressions;
using ReflectBot.Content;

namespace ReflectBot.Understanding.Patterns;

/// <summary>
/// Reads a <c>lists</c> section: named word lists a pattern uses as <c>{name}</c>. An entry is a word, a few words
/// ("every single time"), a word start ("strangl*") or a word end ("*ing"); the entry's text is the term a match
/// reports ("cold hearted").
/// </summary>
internal static partial class WordListReader
{
    public static void Read(ContentNode map, PatternContext context)
    {
        foreach (var (name, node) in map.Entries)
        {
            CheckName(name, node);
            var set = new WordSet();
            foreach (var item in node.Items())
            {
                // A list may hold word starts ("strangl*" for strangle, strangled, strangling) and word ends.
                var text = item.Text();
                if (set.TryAddAffix(text, item, context))
                {
                    continue;
                }

                if (!set.Add(context.Words(text, item), context.Vocabulary.InternTerm(text)))
                {
                    throw item.Error($"'{text}' is listed twice in {{{name}}}");
                }
            }

            context.AddWordList(name, set.Build());
        }
    }

    /// <summary>A list name is lower-case letters, digits, '-' and '_'; {number} and {many} are built in.</summary>
    public static void CheckName(string name, ContentNode node)
    {
        if (!NameShape().IsMatch(name) || name is "number" or "many")
        {
            throw node.Error($"list name '{name}' must be lower-case letters, digits, '-' or '_' and not 'number' or 'many'");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NameShape();
}
