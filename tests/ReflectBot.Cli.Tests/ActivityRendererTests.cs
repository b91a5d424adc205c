using System.Text.Json;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Cli.Tests;

public class ActivityRendererTests
{
    private static readonly List<Choice> Choices = [new("yes") { Title = "Yes, please" }, new("no") { Title = "Not now" }];

    [Theory]
    [InlineData(Channels.Msteams)]   // Adaptive Card with Action.Submit
    [InlineData(Channels.Webchat)]   // suggested actions
    [InlineData(Channels.Console)]   // already a numbered list
    public void Choices_from_any_channel_read_as_the_text_and_a_numbered_list(string channel)
    {
        var rendered = ActivityRenderer.Render(ChoiceFactory.ForChannel(channel, Choices, "Save it?"))!;
        Assert.Equal($"Save it?{Environment.NewLine}{Environment.NewLine}   1. Yes, please{Environment.NewLine}   2. Not now".ReplaceLineEndings(), rendered.Text.ReplaceLineEndings());
    }

    [Fact]
    public void A_hero_card_shows_title_text_and_buttons()
    {
        var card = new HeroCard { Title = "Your plan", Text = "Walk on Sunday", Buttons = [CardAction.ImBack("Edit", "edit plan")] };
        var rendered = ActivityRenderer.Render(MessageFactory.Attachment(card.ToAttachment()))!;
        Assert.Equal("Your plan\nWalk on Sunday\n\n   1. Edit", rendered.Text.ReplaceLineEndings("\n"));
        Assert.Equal("edit plan", Assert.Single(rendered.Buttons).Text);
    }

    [Fact]
    public void Typing_indicators_are_not_printed()
    {
        Assert.Null(ActivityRenderer.Render(new Activity { Type = ActivityTypes.Typing }));
    }

    [Fact]
    public async Task Typing_the_number_of_a_card_button_submits_that_buttons_data()
    {
        using var output = new StringWriter();
        var adapter = new ConsoleAdapter(output, "user", "conversation");
        Activity? received = null;
        await adapter.StartConversationAsync(
            (turn, ct) => turn.SendActivityAsync(ChoiceFactory.ForChannel(Channels.Msteams, Choices, "Save it?"), ct), CancellationToken.None);
        await adapter.SendLineAsync("2", (turn, _) =>
        {
            received = turn.Activity;
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal("no", PromptInput.GetText(received));
        Assert.Equal(JsonValueKind.Object, Payload.AsElement(received!.Value)!.Value.ValueKind);
        Assert.Equal(Channels.Console, received.ChannelId);
        Assert.Contains("2. Not now", output.ToString());
    }

    [Fact]
    public async Task A_number_with_no_buttons_on_screen_is_sent_as_typed()
    {
        using var output = new StringWriter();
        var adapter = new ConsoleAdapter(output, "user", "conversation");
        Activity? received = null;
        await adapter.StartConversationAsync(
            (turn, ct) => turn.SendActivityAsync(ChoiceFactory.ForChannel(Channels.Console, Choices, "Save it?"), ct), CancellationToken.None);
        await adapter.SendLineAsync("2", (turn, _) =>
        {
            received = turn.Activity;
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal("2", received!.Text);
        Assert.Null(received.Value);
    }
}
