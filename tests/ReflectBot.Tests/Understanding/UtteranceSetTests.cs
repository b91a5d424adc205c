using ReflectBot.Understanding.Recognition;
using Xunit.Abstractions;

namespace ReflectBot.Tests.Understanding;

/// <summary>
/// The recognizer on the development utterances (utterances.tsv): the floors below are a little under what it scores,
/// so a change that makes it understand people worse fails here. The figures go to the test output.
/// </summary>
public sealed class UtteranceSetTests(ITestOutputHelper output)
{
    private static readonly Lazy<(RecognitionScore Score, IReadOnlyList<LabelledUtterance> Set)> Development = new(() =>
    {
        var set = UtteranceSet.Read(UtteranceSet.DevelopmentPath);
        var cache = new ExampleVectorCache(RecognitionFixture.VectorCachePath("development.bin"));
        var vectors = cache.Embed(SharedEmbedder.Instance, [.. set.Select(u => u.Text)]);
        var byText = set.Select(u => u.Text).Zip(vectors).GroupBy(p => p.First).ToDictionary(g => g.Key, g => g.First().Second);
        var score = RecognitionScore.Of(set, text => RecognitionFixture.Model.Read(text, () => byText[text]), RecognitionFixture.Model);
        return (score, set);
    });

    [Fact]
    public void Development_set_scores_are_reported()
    {
        var (score, _) = Development.Value;
        output.WriteLine(score.ToString());
        foreach (var miss in score.Misses)
        {
            output.WriteLine(miss);
        }

        Assert.True(score.Total > 600);
    }

    [Fact]
    public void At_least_91_percent_of_messages_are_routed_or_answered_sensibly() =>
        Assert.InRange(Development.Value.Score.Rate(Development.Value.Score.Sensible), 0.91, 1.0);

    [Fact]
    public void At_most_3_percent_get_didnt_catch_that() =>
        Assert.InRange(Development.Value.Score.Rate(Development.Value.Score.DidNotCatch), 0.0, 0.03);

    [Fact]
    public void At_most_5_percent_get_a_confident_wrong_answer() =>
        Assert.InRange(Development.Value.Score.Rate(Development.Value.Score.ConfidentWrong), 0.0, 0.05);

    [Fact]
    public void Learn_answers_given_are_the_right_entry_at_least_93_percent_of_the_time()
    {
        var score = Development.Value.Score;
        Assert.True(score.LearnAnswered > 150, $"only {score.LearnAnswered} questions answered");
        Assert.InRange(score.LearnAnsweredRight / (double)score.LearnAnswered, 0.93, 1.0);
    }

    [Fact]
    public void Details_named_in_a_message_are_picked_out_at_least_88_percent_of_the_time()
    {
        var score = Development.Value.Score;
        Assert.InRange(score.EntityRight / (double)score.EntityLabels, 0.88, 1.0);
    }
}
