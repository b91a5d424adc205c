using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Journeys.Reframe.Analysis;

public sealed partial class ReframeAnalyzer
{
    /// <summary>
    /// What kind of feeling did the user name? Accepts a bare answer to "I feel…" ("lonely",
    /// "ignored", "that you don't care") or a whole sentence ("I feel like you don't care").
    /// </summary>
    public FeelingCheck CheckFeeling(string? text)
    {
        var lexicon = _content.Lexicon;
        var tokens = _content.Read(text);
        if (tokens.Tokens.Length == 0)
        {
            return new FeelingCheck(FeelingVerdict.Empty, "", [], null, lexicon.SuggestWhenUnsure, [], Keys.FeelingEmpty,
                _content.Hints.Format(Keys.FeelingEmpty, "", lexicon.SuggestWhenUnsure));
        }

        // Read a bare answer as the rest of "I feel …", so "that you don't care" shows as the thought it is.
        var framed = FrameAsFeeling(tokens);
        var matches = _content.Rules.Run(framed);
        var all = framed.View;

        var real = new List<FeelingWord>();
        int realFirst = -1, realEnd = -1;
        int fauxFirst = -1, fauxEnd = -1;
        FauxFeeling? faux = null;
        int vagueFirst = -1, vagueEnd = -1;
        for (var i = 0; i < all.Count;)
        {
            var sentence = all.Until(framed.SentenceEnd[i]);
            var feelingEnd = lexicon.Feelings.TryMatchLongest(sentence, i, out var end, out var feelingTermId) ? end : -1;
            var fauxEnd2 = lexicon.AnyFaux.TryMatchLongest(sentence, i, out end, out var fauxTermId) ? end : -1;
            var (feelingTerm, fauxTerm) = (_content.Vocabulary.Term(feelingTermId), _content.Vocabulary.Term(fauxTermId));

            // The longer reading wins, so "let down" is one faux feeling, not the feeling "down".
            if (fauxEnd2 > feelingEnd && fauxTerm is not null)
            {
                if (faux is null)
                {
                    faux = lexicon.FauxByWord[fauxTerm];
                    (fauxFirst, fauxEnd) = (i, fauxEnd2);
                }

                i = fauxEnd2;
            }
            else if (feelingEnd > 0 && feelingTerm is not null)
            {
                if (real.All(f => f.Word != feelingTerm))
                {
                    real.Add(lexicon.FeelingsByWord[feelingTerm]);
                }

                realFirst = realFirst < 0 ? i : realFirst;
                realEnd = feelingEnd;
                i = feelingEnd;
            }
            else if (vagueFirst < 0 && _content.VagueFeelings.TryMatchLongest(sentence, i, out end, out _))
            {
                (vagueFirst, vagueEnd) = (i, end);
                i = end;
            }
            else
            {
                i++;
            }
        }

        var likelyFeelings = faux?.Feelings ?? lexicon.SuggestWhenUnsure;
        IReadOnlyList<string> likelyNeeds = faux?.Needs ?? [];
        var thought = matches.FirstOrDefault(m => m.Rule.Kind == FindingKind.ThoughtAsFeeling);

        FeelingVerdict verdict;
        string phrase;
        if (thought.Rule is not null)
        {
            verdict = FeelingVerdict.Thought;
            phrase = framed.Slice(thought.First, framed.SentenceEnd[thought.First]);
        }
        else if (faux is not null)
        {
            verdict = FeelingVerdict.Faux;
            phrase = framed.Slice(fauxFirst, fauxEnd);
        }
        else if (real.Count > 0)
        {
            verdict = FeelingVerdict.Real;
            phrase = framed.Slice(realFirst, realEnd);
            likelyFeelings = real.Select(f => f.Word).ToList();
        }
        else if (vagueFirst >= 0)
        {
            verdict = FeelingVerdict.Vague;
            phrase = framed.Slice(vagueFirst, vagueEnd);
        }
        else
        {
            verdict = FeelingVerdict.Unknown;
            phrase = tokens.Text.Trim();
        }

        var key = verdict switch
        {
            FeelingVerdict.Thought => Keys.FeelingThought,
            FeelingVerdict.Faux => Keys.FeelingFaux,
            FeelingVerdict.Real => Keys.FeelingReal,
            FeelingVerdict.Vague => Keys.FeelingVague,
            _ => Keys.FeelingUnknown,
        };
        var hint = _content.Hints.Format(key, phrase, likelyFeelings, likelyNeeds);
        return new FeelingCheck(verdict, phrase, real, faux, likelyFeelings, likelyNeeds, key, hint);
    }

    private static readonly string[] FeelVerbs = ["feel", "feeling", "felt", "feels"];

    private AnalysedText FrameAsFeeling(AnalysedText tokens)
    {
        var vocabulary = _content.Vocabulary;
        var head = tokens.Tokens[0].Id;
        var i = vocabulary.Lookup("i");
        if (head == i && i != Vocabulary.Unknown)
        {
            return tokens;
        }

        // Added words have an empty span, so phrases still quote only what the user typed. They share the first
        // word's clause, so that word no longer starts one.
        Token Added(string word)
        {
            var id = vocabulary.Lookup(word);
            return new Token { Id = id, Start = id >= 0 ? -1 : 0 };
        }

        return tokens.WithPrefix(head >= 0 && FeelVerbs.Contains(vocabulary.Word(head)) ? [Added("i")] : [Added("i"), Added("feel")]);
    }
}
