using System.Diagnostics;
using ReflectBot.Journeys.Reframe.Analysis;

namespace ReflectBot.Tests.Analysis;

/// <summary>People type fast: curly apostrophes, missing apostrophes, capitals, chat spellings.</summary>
public class NormalisationTests
{
    private static ReframeAnalysis Analyze(string? text) => Analyzers.EnUs.Analyze(text);

    [Theory]
    [InlineData("You don't care about me", "You don't care")]
    [InlineData("You don’t care about me", "You don’t care")]
    [InlineData("You dont care about me", "You dont care")]
    [InlineData("YOU DONT CARE ABOUT ME", "YOU DONT CARE")]
    [InlineData("u dont care about me", "u dont care")]
    public void Dont_is_recognised_however_it_is_typed_and_quoted_as_typed(string text, string phrase)
    {
        Assert.Equal(phrase, Analyze(text).First(FindingKind.Blame)?.Phrase);
    }

    [Theory]
    [InlineData("You're so selfish")]
    [InlineData("You’re so selfish")]
    [InlineData("You‘re so selfish")]
    [InlineData("Youre so selfish")]
    [InlineData("youre SO selfish")]
    [InlineData("ur so selfish")]
    [InlineData("You are so selfish")]
    public void Youre_is_recognised_however_it_is_typed(string text)
    {
        var finding = Analyze(text).First(FindingKind.NameCalling);

        Assert.NotNull(finding);
        Assert.Equal("selfish", finding.Term);
    }

    [Theory]
    [InlineData("Why can't you listen?")]
    [InlineData("Why can’t you listen?")]
    [InlineData("why cant you listen")]
    [InlineData("Why cannot you listen?")]
    [InlineData("WHY CAN'T YOU LISTEN")]
    public void Cant_is_recognised_however_it_is_typed(string text)
    {
        Assert.True(Analyze(text).Has(FindingKind.Blame));
    }

    [Theory]
    [InlineData("I'm lonely")]
    [InlineData("I’m lonely")]
    [InlineData("Im lonely")]
    [InlineData("im LONELY")]
    [InlineData("I am lonely")]
    [InlineData("I've been lonely")]
    [InlineData("ive been lonely")]
    public void Im_and_ive_own_a_feeling_however_they_are_typed(string text)
    {
        var analysis = Analyze(text);

        Assert.True(analysis.Has(FindingKind.IStatement));
        Assert.Equal("lonely", analysis.First(FindingKind.RealFeeling)?.Term);
    }

    [Theory]
    [InlineData("It's your fault")]
    [InlineData("its your fault")]
    [InlineData("It’s your fault")]
    public void Its_your_fault_is_blame_with_or_without_the_apostrophe(string text)
    {
        Assert.True(Analyze(text).Has(FindingKind.Blame));
    }

    [Fact]
    public void A_bare_word_that_is_a_real_word_is_not_taken_for_a_contraction()
    {
        // "were" must stay "were", not become "we are", or this blame would be missed.
        Assert.True(Analyze("you were never there").Has(FindingKind.Blame));
        // "well" is not "we'll": the sentence still opens softly with "I feel".
        Assert.True(Analyze("Well, I feel hurt").Has(FindingKind.RealFeeling));
    }

    [Fact]
    public void A_pattern_never_reaches_across_a_sentence_end()
    {
        Assert.True(Analyze("I feel like you don't care.").Has(FindingKind.ThoughtAsFeeling));
        Assert.False(Analyze("I feel. Like you don't care.").Has(FindingKind.ThoughtAsFeeling));
        Assert.False(Analyze("I feel\nlike you don't care").Has(FindingKind.ThoughtAsFeeling));
    }

    [Fact]
    public void You_know_and_thank_you_are_not_you_statements()
    {
        Assert.False(Analyze("You know, I feel hurt.").Has(FindingKind.YouStatement));
        Assert.False(Analyze("Thank you for trying.").Has(FindingKind.YouStatement));
        Assert.True(Analyze("I'm hurt and you never call.").Has(FindingKind.YouStatement));
    }

    [Fact]
    public void Hyphens_inside_words_and_emoji_are_read_sensibly()
    {
        Assert.Equal("self-conscious", Analyze("I feel self-conscious").First(FindingKind.RealFeeling)?.Term);
        Assert.True(Analyze("🙄").Has(FindingKind.Contempt));
        Assert.True(Analyze("ok 🙄🙄 sure").Has(FindingKind.Contempt));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("?!... --")]
    [InlineData("We had pasta for dinner.")]
    public void Empty_or_neutral_text_has_no_findings_and_a_neutral_tone(string? text)
    {
        var analysis = Analyze(text);

        Assert.True(analysis.IsEmpty);
        Assert.Equal(0, analysis.Warmth);
        Assert.Equal(ToneBand.Neutral, analysis.Tone.Band);
        Assert.False(analysis.HarshStartUp);
        Assert.False(analysis.Truncated);
    }

    [Fact]
    public void Huge_input_is_cut_to_its_beginning_quickly_and_still_analysed()
    {
        var huge = "I feel lonely. " + string.Concat(Enumerable.Repeat("You never listen and you always forget. ", 40_000));
        var timer = Stopwatch.StartNew();

        var analysis = Analyze(huge);

        timer.Stop();
        Assert.True(analysis.Truncated);
        Assert.True(analysis.Has(FindingKind.RealFeeling));
        Assert.True(analysis.Count(FindingKind.Blame) > 100);
        Assert.Equal(-ToneScore.Limit, analysis.Warmth);
    }

    [Fact]
    public void One_endless_sentence_without_punctuation_does_not_blow_up()
    {
        var text = string.Concat(Enumerable.Repeat("could we you you always never so really maybe ", 400));
        // Its cost is measured in bench/, not here: a loaded CI machine must not fail a correctness test.
        var analysis = Analyze(text);
        var request = Analyzers.EnUs.CheckRequest(text);
        var observation = Analyzers.EnUs.CheckObservation(text);

        Assert.True(analysis.Has(FindingKind.Absolute));
        Assert.False(request.Ok);
        Assert.False(observation.Ok);
    }

    [Fact]
    public void Text_cut_mid_emoji_does_not_leave_half_a_character()
    {
        var text = new string('a', 9_999) + "🙄";
        var analysis = Analyze(text);

        Assert.True(analysis.Truncated);
        Assert.DoesNotContain(analysis.Text, c => char.IsSurrogate(c));
    }
}
