using ReflectBot.Framework.Dialogs.Choices;

namespace ReflectBot.Framework.Tests.Dialogs;

public class ChoiceRecognizerTests
{
    private static readonly List<Choice> Topics =
    [
        new("signs") { Title = "Signs to look for", Synonyms = ["checklist"] },
        new("partner") { Title = "My partner's behaviour" },
        new("reframe") { Title = "Saying it without blame", Synonyms = ["reframe", "I feel statements"] },
        new("therapy") { Title = "Finding a therapist" },
    ];

    [Theory]
    [InlineData("2", "partner")]
    [InlineData("2.", "partner")]
    [InlineData("#2", "partner")]
    [InlineData("number 2", "partner")]
    [InlineData("number two", "partner")]
    [InlineData("two", "partner")]
    [InlineData("the second", "partner")]
    [InlineData("the second one", "partner")]
    [InlineData("2nd", "partner")]
    [InlineData("Option 3 please", "reframe")]
    [InlineData("the first one", "signs")]
    [InlineData("the last one", "therapy")]
    [InlineData("I'll take number 4", "therapy")]
    public void A_position_picks_that_choice(string said, string expected) =>
        Assert.Equal(expected, ChoiceRecognizer.Recognize(said, Topics)?.Value);

    [Theory]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("the fifth")]
    public void A_position_past_the_list_picks_nothing(string said) =>
        Assert.Null(ChoiceRecognizer.Recognize(said, Topics));

    [Theory]
    [InlineData("Signs to look for", "signs")]
    [InlineData("signs to look for!", "signs")]
    [InlineData("SIGNS TO LOOK FOR", "signs")]
    [InlineData("therapy", "therapy")]
    [InlineData("My partners behaviour", "partner")]
    public void The_title_or_value_picks_its_choice_whatever_the_case_or_punctuation(string said, string expected)
    {
        var found = ChoiceRecognizer.Recognize(said, Topics);
        Assert.Equal(expected, found?.Value);
        Assert.Equal(1.0, found!.Score);
    }

    [Fact]
    public void A_synonym_picks_its_choice_and_is_reported()
    {
        var found = ChoiceRecognizer.Recognize("Checklist", Topics);

        Assert.Equal("signs", found?.Value);
        Assert.Equal(0, found!.Index);
        Assert.Equal("checklist", found.Synonym);
    }

    [Theory]
    [InlineData("my partner", "partner")]
    [InlineData("it's my partner's behavior", "partner")]
    [InlineData("I think it's mostly my partner honestly", "partner")]
    [InlineData("a therapist", "therapy")]
    [InlineData("the signs", "signs")]
    [InlineData("blame", "reframe")]
    [InlineData("i feel statement", "reframe")]
    public void Close_wording_picks_the_choice_it_shares_most_words_with(string said, string expected)
    {
        var found = ChoiceRecognizer.Recognize(said, Topics);
        Assert.Equal(expected, found?.Value);
        Assert.InRange(found!.Score, ChoiceRecognizer.MinimumOverlapScore, 1.0);
    }

    [Theory]
    [InlineData("I don't know")]
    [InlineData("my")]
    [InlineData("the")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("???")]
    [InlineData("we had a long talk about the weekend and holidays and money and chores and signs")]
    public void Words_that_say_nothing_about_a_choice_pick_nothing(string said) =>
        Assert.Null(ChoiceRecognizer.Recognize(said, Topics));

    [Fact]
    public void A_tie_between_two_choices_picks_nothing_rather_than_guessing()
    {
        List<Choice> choices = [new("My partner's behaviour"), new("My partner's family"), new("Something else")];

        Assert.Null(ChoiceRecognizer.Recognize("my partner", choices));
        Assert.Equal("My partner's family", ChoiceRecognizer.Recognize("partner family", choices)?.Value);
    }

    [Fact]
    public void The_same_exact_words_on_two_choices_pick_nothing()
    {
        List<Choice> choices = [new("a") { Synonyms = ["later"] }, new("b") { Synonyms = ["later"] }];

        Assert.Null(ChoiceRecognizer.Recognize("later", choices));
    }

    [Fact]
    public void A_choice_named_by_a_number_is_matched_by_name_before_position()
    {
        List<Choice> choices = [new("3"), new("2"), new("1")];

        Assert.Equal(2, ChoiceRecognizer.Recognize("1", choices)?.Index);
        Assert.Equal(0, ChoiceRecognizer.Recognize("the first", choices)?.Index);
    }

    [Fact]
    public void No_choices_pick_nothing() =>
        Assert.Null(ChoiceRecognizer.Recognize("yes", []));
}
