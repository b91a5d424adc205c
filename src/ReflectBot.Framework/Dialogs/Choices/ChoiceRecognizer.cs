using ReflectBot.Framework.Dialogs.Prompts;

namespace ReflectBot.Framework.Dialogs.Choices;

/// <summary>
/// The one routine that matches a reply to a list of choices, tried in this order:
/// <list type="number">
/// <item>the exact value, title or a synonym (case and punctuation ignored);</item>
/// <item>its position: "2", "number 2", "two", "the second", "2nd", "the second one", "the last one";</item>
/// <item>the closest token overlap with a value, title or synonym ("my partner" picks "My partner's behaviour"),
/// ignoring small words like "my" and "the". A tie between two choices is not a match: asking again beats guessing.</item>
/// </list>
/// </summary>
public static class ChoiceRecognizer
{
    /// <summary>Below this overlap score a reply is too loosely related to any choice to count as picking it.</summary>
    public const double MinimumOverlapScore = 0.3;

    // Words that carry no meaning for picking by overlap.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "my", "mine", "our", "your", "their", "his", "her", "its", "it", "i", "im", "ive", "id", "ill",
        "me", "we", "you", "they", "he", "she", "is", "are", "am", "was", "were", "be", "been", "to", "of", "and", "or",
        "in", "on", "at", "for", "with", "about", "that", "this", "these", "those", "so", "just", "really", "very",
        "do", "does", "did", "some", "what", "how", "by", "from", "as", "but", "if", "please", "one", "like", "want",
        "would", "think", "guess", "maybe",
    };

    // Words around a position that do not change which position is meant ("I'll take number 2 please").
    private static readonly HashSet<string> PositionFillers = new(StringComparer.Ordinal)
    {
        "the", "number", "num", "nr", "option", "choice", "item", "please", "pick", "choose", "take", "want", "go", "with",
        "i", "ill", "id", "like", "its", "it", "is", "um", "uh", "hmm", "lets", "say",
    };

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5,
        ["sixth"] = 6, ["seventh"] = 7, ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10,
    };

    /// <summary>The choice the reply picks, or null when it picks none or is ambiguous.</summary>
    public static FoundChoice? Recognize(string? utterance, IEnumerable<Choice>? list)
    {
        if (string.IsNullOrWhiteSpace(utterance) || list is null)
        {
            return null;
        }

        var choices = list as IList<Choice> ?? [.. list];
        if (choices.Count == 0)
        {
            return null;
        }

        var tokens = TextTokens.Tokenize(utterance);
        if (tokens.Count == 0)
        {
            return null;
        }

        return MatchExactly(tokens, choices) ?? MatchPosition(tokens, choices) ?? MatchOverlap(tokens, choices);
    }

    private static FoundChoice? MatchExactly(List<string> tokens, IList<Choice> choices)
    {
        var said = string.Join(' ', tokens);
        FoundChoice? found = null;
        for (var i = 0; i < choices.Count; i++)
        {
            foreach (var candidate in Candidates(choices[i]))
            {
                if (TextTokens.Normalize(candidate) != said)
                {
                    continue;
                }

                // The same words naming two different choices is a tie, not a match.
                if (found is not null && found.Index != i)
                {
                    return null;
                }

                found ??= Found(choices, i, 1.0, candidate);
            }
        }

        return found;
    }

    private static FoundChoice? MatchPosition(List<string> tokens, IList<Choice> choices)
    {
        var rest = tokens.Where(t => !PositionFillers.Contains(t)).ToList();

        // "the second one", "the last one": a trailing "one" names the item, not the number one.
        if (rest.Count == 2 && rest[1] == "one" && OrdinalPosition(rest[0], choices.Count) is not null)
        {
            rest.RemoveAt(1);
        }

        int? position = rest.Count switch
        {
            0 => null,
            1 when OrdinalPosition(rest[0], choices.Count) is { } p => p,
            _ => NumberRecognizer.TryParseExact(string.Join(' ', rest), out var n) && double.IsInteger(n) && n is >= 1 and <= int.MaxValue ? (int)n : null,
        };

        return position is { } index && index >= 1 && index <= choices.Count ? Found(choices, index - 1, 1.0, null) : null;
    }

    /// <summary>"second", "2nd", "last" → a 1-based position.</summary>
    private static int? OrdinalPosition(string token, int count)
    {
        if (Ordinals.TryGetValue(token, out var p))
        {
            return p;
        }

        if (token == "last")
        {
            return count;
        }

        if (token.Length >= 3 && token[^2..] is "st" or "nd" or "rd" or "th" && int.TryParse(token[..^2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        return null;
    }

    private static FoundChoice? MatchOverlap(List<string> tokens, IList<Choice> choices)
    {
        var said = ContentWords(tokens);
        if (said.Count == 0)
        {
            return null;
        }

        var best = -1;
        var bestScore = 0.0;
        string? bestCandidate = null;
        var tied = false;
        for (var i = 0; i < choices.Count; i++)
        {
            // A choice scores by its best-matching name, so a title and a synonym of one choice never tie.
            var (score, candidate) = Candidates(choices[i])
                .Select(c => (Score: OverlapScore(said, ContentWords(TextTokens.Tokenize(c))), Candidate: c))
                .MaxBy(x => x.Score);
            if (score < MinimumOverlapScore)
            {
                continue;
            }

            if (Math.Abs(score - bestScore) < 1e-9)
            {
                tied = true;
            }
            else if (score > bestScore)
            {
                (best, bestScore, bestCandidate, tied) = (i, score, candidate, false);
            }
        }

        return best < 0 || tied ? null : Found(choices, best, bestScore, bestCandidate);
    }

    /// <summary>Dice overlap of two word lists: 1 when they match word for word, 0 when they share nothing.</summary>
    private static double OverlapScore(List<string> said, List<string> name)
    {
        if (name.Count == 0)
        {
            return 0;
        }

        var used = new bool[name.Count];
        var matched = 0;
        foreach (var word in said)
        {
            for (var j = 0; j < name.Count; j++)
            {
                if (!used[j] && SameWord(word, name[j]))
                {
                    used[j] = true;
                    matched++;
                    break;
                }
            }
        }

        return 2.0 * matched / (said.Count + name.Count);
    }

    /// <summary>Equal, a plural of the other ("step"/"steps"), or one slip apart in a longer word ("behavior"/"behaviour").</summary>
    private static bool SameWord(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        if (IsPluralOf(a, b) || IsPluralOf(b, a))
        {
            return true;
        }

        return a.Length >= 5 && b.Length >= 5 && WithinOneEdit(a, b);
    }

    private static bool IsPluralOf(string plural, string word) =>
        word.Length >= 3 && plural.StartsWith(word, StringComparison.Ordinal) && plural.Length - word.Length is 1 or 2
        && plural[word.Length..] is "s" or "es";

    private static bool WithinOneEdit(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var (i, j, edits) = (0, 0, 0);
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                i++;
                j++;
                continue;
            }

            if (++edits > 1)
            {
                return false;
            }

            if (a.Length > b.Length)
            {
                i++;
            }
            else if (b.Length > a.Length)
            {
                j++;
            }
            else
            {
                i++;
                j++;
            }
        }

        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }

    /// <summary>The meaningful words; a name made only of small words ("Me") keeps them all.</summary>
    private static List<string> ContentWords(List<string> tokens)
    {
        var content = tokens.Where(t => !StopWords.Contains(t)).ToList();
        return content.Count > 0 ? content : tokens;
    }

    private static IEnumerable<string> Candidates(Choice choice)
    {
        yield return choice.Value;
        if (!string.IsNullOrWhiteSpace(choice.DisplayTitle))
        {
            yield return choice.DisplayTitle;
        }

        foreach (var synonym in choice.Synonyms ?? [])
        {
            if (!string.IsNullOrWhiteSpace(synonym))
            {
                yield return synonym;
            }
        }
    }

    private static FoundChoice Found(IList<Choice> choices, int index, double score, string? synonym) => new()
    {
        Value = choices[index].Value,
        Index = index,
        Score = score,
        Synonym = synonym,
    };
}
