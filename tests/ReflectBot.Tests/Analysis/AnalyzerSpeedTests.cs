using System.Diagnostics;

namespace ReflectBot.Tests.Analysis;

/// <summary>The rehearsal analyses every line the user types, so analysis must stay cheap and shareable.</summary>
public class AnalyzerSpeedTests
{
    private static readonly string[] Sentences = LabelledSentenceTests.Load().Select(l => l.Sentence).ToArray();

    [Fact]
    public void A_sentence_takes_microseconds_not_milliseconds()
    {
        var analyzer = Analyzers.EnUs;
        for (var i = 0; i < 5; i++)
        {
            foreach (var sentence in Sentences)
            {
                analyzer.Analyze(sentence);
            }
        }

        const int rounds = 20;
        var timer = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var sentence in Sentences)
            {
                analyzer.Analyze(sentence);
            }
        }

        timer.Stop();
        var perSentence = timer.Elapsed.TotalMicroseconds / (rounds * Sentences.Length);

        // About 15 µs once the JIT has optimised; the bound is loose for a busy shared machine and
        // still far below what building regexes or re-reading the lexicon per call would cost.
        Assert.True(perSentence < 1_000, $"{perSentence:F0} µs per sentence");
    }

    [Fact]
    public void One_analyzer_gives_the_same_answers_from_many_threads()
    {
        var analyzer = Analyzers.EnUs;
        var expected = Sentences.Select(s => string.Join("|", analyzer.Analyze(s).Findings)).ToArray();

        var mismatches = 0;
        Parallel.For(0, Sentences.Length * 10, i =>
        {
            var index = i % Sentences.Length;
            if (string.Join("|", analyzer.Analyze(Sentences[index]).Findings) != expected[index])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }
}
