using System.Text.Json;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Schema;
using ReflectBot.Journeys;

namespace ReflectBot.Tests.Journey;

/// <summary>
/// Card text goes through Markdown in Web Chat (markdown-it) and Teams: a line starting "2. " becomes an ordered list,
/// and Web Chat's sanitiser drops the list's start number, so "2." shows as "1." or not at all. The cards keep the
/// numbers literal with a no-break space after the marker, which no Markdown reads as a list.
/// </summary>
public class JourneyCardsTests
{
    private const char NoBreakSpace = '\u00A0';

    [Fact]
    public void Every_checklist_label_keeps_its_number_as_text_not_as_a_markdown_list()
    {
        var items = Enumerable.Range(1, 10).Select(n => new Choice($"sign{n}") { Title = $"Sign number {n}" }).ToList();

        var card = Card(JourneyCards.Checklist("Which of these?", "Tick any.", items, "Done"));

        var titles = card.GetProperty("body").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "Input.Toggle")
            .Select(e => e.GetProperty("title").GetString())
            .ToList();
        Assert.Equal(items.Select((_, i) => $"{i + 1}.{NoBreakSpace}Sign number {i + 1}"), titles);
        Assert.All(titles, title => Assert.False(StartsWithMarkdownListMarker(title!), title));
    }

    [Fact]
    public void Summary_headings_and_lines_that_start_like_a_list_stay_as_written_on_the_card()
    {
        var sections = new List<CardSection>
        {
            new("2. Regular check-ins", ["What: ten minutes after dinner", "- bring tea", "3) ask first", "# of times: 2"]),
        };

        var texts = TextBlocks(JourneyCards.Summary(Channels.Webchat, "Here's your plan.", "My next steps", sections));

        Assert.Equal(
            ["My next steps", $"2.{NoBreakSpace}Regular check-ins", "What: ten minutes after dinner", $"-{NoBreakSpace}bring tea", $"3){NoBreakSpace}ask first", $"#{NoBreakSpace}of times: 2"],
            texts);
        Assert.All(texts, text => Assert.False(StartsWithMarkdownListMarker(text), text));
    }

    [Fact]
    public void Text_without_a_leading_marker_is_left_exactly_as_it_was()
    {
        var sections = new List<CardSection> { new(null, ["I feel lonely when we eat apart. 1. is not a list here", "#hashtag", "10.5 hours", "Line one\nLine two"]) };

        var texts = TextBlocks(JourneyCards.Summary(Channels.Msteams, "intro", "Title", sections));

        Assert.Equal(["Title", "I feel lonely when we eat apart. 1. is not a list here", "#hashtag", "10.5 hours", "Line one\nLine two"], texts);
    }

    [Fact]
    public void A_marker_on_a_later_line_of_one_text_block_is_kept_literal_too()
    {
        var texts = TextBlocks(JourneyCards.Summary(Channels.Webchat, "intro", "Title", [new CardSection(null, "First\n2. Second\r\n* Third")]));

        Assert.Equal($"First\n2.{NoBreakSpace}Second\r\n*{NoBreakSpace}Third", texts[1]);
    }

    [Fact]
    public void Channels_without_cards_get_the_plain_text_with_ordinary_spaces()
    {
        var reply = JourneyCards.Summary(Channels.Console, "Here's your plan.", "My next steps", [new CardSection("1. Regular check-ins", "What: talk")]);

        Assert.Equal("Here's your plan.\n\nMy next steps\n\n1. Regular check-ins\nWhat: talk", reply.Text);
    }

    private static JsonElement Card(Activity activity) => Payload.AsElement(Assert.Single(activity.Attachments!).Content)!.Value;

    private static List<string> TextBlocks(Activity activity) =>
        Card(activity).GetProperty("body").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "TextBlock")
            .Select(e => e.GetProperty("text").GetString()!)
            .ToList();

    // CommonMark: up to three spaces, then digits with "." or ")", or one of "-+*", then a space or tab.
    private static bool StartsWithMarkdownListMarker(string line)
    {
        var rest = line.TrimStart(' ');
        var digits = rest.TakeWhile(char.IsAsciiDigit).Count();
        var afterMarker = digits > 0 && digits < rest.Length && rest[digits] is '.' or ')' ? digits + 1
            : rest.Length > 0 && rest[0] is '-' or '+' or '*' ? 1
            : -1;
        return afterMarker > 0 && afterMarker < rest.Length && rest[afterMarker] is ' ' or '\t';
    }
}
