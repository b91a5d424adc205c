using ReflectBot.Content;

namespace ReflectBot.Understanding.Recognition;

/// <summary>
/// The cheap first look at a message, before any model: a whole message that is a command ("help", "delete my data"),
/// a main-menu word or button title, or one of intents.yaml's examples word for word (case and punctuation ignored).
/// One dictionary look-up. A phrase listed for two intents is left to the model rather than guessed.
/// </summary>
public sealed class ExactMatcher
{
    private readonly Dictionary<string, string> _intentByPhrase = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ambiguous = new(StringComparer.Ordinal);

    /// <param name="levels">
    /// (intent, phrase) pairs in levels of precedence: a phrase keeps the intent of the first level that names it, and
    /// a phrase that one level gives to two intents is left to the model.
    /// </param>
    public ExactMatcher(IEnumerable<IEnumerable<(string Intent, string Phrase)>> levels)
    {
        foreach (var level in levels)
        {
            var here = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (intent, raw) in level)
            {
                var phrase = Phrase.Normalize(raw);
                if (phrase.Length == 0 || _intentByPhrase.ContainsKey(phrase) || _ambiguous.Contains(phrase))
                {
                    continue;
                }

                if (here.TryGetValue(phrase, out var other) && other != intent)
                {
                    _ambiguous.Add(phrase);
                }

                here.TryAdd(phrase, intent);
            }

            foreach (var (phrase, intent) in here.Where(p => !_ambiguous.Contains(p.Key)))
            {
                _intentByPhrase[phrase] = intent;
            }
        }
    }

    // Words around a command that change nothing: "reframe please", "ok menu", "um help".
    private static readonly HashSet<string> Leading = new(StringComparer.Ordinal) { "ok", "okay", "so", "um", "umm", "hmm", "oh", "well", "just", "erm" };
    private static readonly HashSet<string> Trailing = new(StringComparer.Ordinal) { "please", "pls", "plz", "now", "then", "again", "thanks" };

    /// <summary>The intent a whole message names outright (give or take a "please"), or null.</summary>
    public string? Match(string? text)
    {
        var phrase = Phrase.Normalize(text);
        return Find(phrase) ?? Find(WithoutPoliteness(phrase));
    }

    private string? Find(string phrase) =>
        phrase.Length > 0 && !_ambiguous.Contains(phrase) && _intentByPhrase.TryGetValue(phrase, out var intent) ? intent : null;

    private static string WithoutPoliteness(string phrase)
    {
        var words = phrase.Split(' ');
        var start = 0;
        var end = words.Length;
        while (start < end - 1 && Leading.Contains(words[start]))
        {
            start++;
        }

        while (end > start + 1 && Trailing.Contains(words[end - 1]))
        {
            end--;
        }

        return start == 0 && end == words.Length ? "" : string.Join(' ', words[start..end]);
    }

    /// <summary>Phrases that name two intents, for the content checks.</summary>
    public IReadOnlyCollection<string> Ambiguous => _ambiguous;
}
