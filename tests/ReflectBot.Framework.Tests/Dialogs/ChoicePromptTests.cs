using System.Text.Json;
using System.Text.Json.Nodes;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;
using static ReflectBot.Framework.Tests.Dialogs.TestDialogs;

namespace ReflectBot.Framework.Tests.Dialogs;

public class ChoicePromptTests
{
    private static List<Choice> Topics() =>
    [
        new("signs") { Title = "Signs to look for" },
        new("partner") { Title = "My partner's behaviour" },
        new("reframe") { Title = "Saying it without blame", Synonyms = ["reframe"] },
    ];

    /// <summary>Root: a choice prompt, then a step that names the picked value and ends with it.</summary>
    private static ComponentDialog PickTopic(ListStyle? style = null, string retry = "Which one fits best?")
    {
        var options = Ask("What would you like to look at?", retry, choices: Topics());
        options.Style = style;
        var main = new WaterfallDialog("main")
            .AddStep(async (step, ct) => await step.PromptAsync("choice", options, ct), "ask")
            .AddStep(async (step, ct) =>
            {
                var found = (FoundChoice)step.Result!;
                await step.Context.SendActivityAsync($"Picked {found.Value} (#{found.Index + 1})", cancellationToken: ct);
                return await step.EndDialogAsync(found.Value, ct);
            }, "report");
        return Component("root", main, new ChoicePrompt("choice"));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("number two")]
    [InlineData("the second")]
    [InlineData("My partner's behaviour")]
    [InlineData("partner")]
    [InlineData("my partner")]
    public async Task Typed_answers_pick_a_choice(string said)
    {
        var harness = new DialogHarness(PickTopic());
        await harness.SendAsync("hi");

        Assert.Equal("Picked partner (#2)", (await harness.SendAsync(said)).SingleText());
    }

    [Fact]
    public async Task A_synonym_picks_its_choice()
    {
        var harness = new DialogHarness(PickTopic());
        await harness.SendAsync("hi");

        Assert.Equal("Picked reframe (#3)", (await harness.SendAsync("Reframe")).SingleText());
    }

    [Fact]
    public async Task An_answer_that_matches_nothing_gets_the_retry_prompt_with_the_choices_again()
    {
        var harness = new DialogHarness(PickTopic());
        await harness.SendAsync("hi");

        var retry = Assert.Single(await harness.SendAsync("pizza"));

        Assert.Equal("Which one fits best?", retry.Text);
        Assert.Equal(["Signs to look for", "My partner's behaviour", "Saying it without blame"], retry.SuggestedActions!.Actions.Select(a => a.Title));
    }

    [Fact]
    public async Task A_card_submit_with_only_a_value_picks_the_choice_in_teams()
    {
        var harness = new DialogHarness(PickTopic(), Channels.Msteams);
        await harness.SendAsync("hi");

        var replies = await harness.SubmitAsync(new JsonObject { ["choice"] = "reframe" });

        Assert.Equal("Picked reframe (#3)", replies.SingleText());
    }

    [Fact]
    public async Task Teams_gets_an_adaptive_card_1_5_with_a_submit_action_per_choice()
    {
        var harness = new DialogHarness(PickTopic(), Channels.Msteams);

        var reply = Assert.Single(await harness.SendAsync("hi"));

        Assert.Null(reply.SuggestedActions);
        var attachment = Assert.Single(reply.Attachments!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        var card = Payload.AsElement(attachment.Content)!.Value;
        Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
        Assert.Equal("1.5", card.GetProperty("version").GetString());
        var textBlock = Assert.Single(card.GetProperty("body").EnumerateArray());
        Assert.Equal("TextBlock", textBlock.GetProperty("type").GetString());
        Assert.Equal("What would you like to look at?", textBlock.GetProperty("text").GetString());
        Assert.True(textBlock.GetProperty("wrap").GetBoolean());

        var actions = card.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(3, actions.Count);
        Assert.All(actions, a => Assert.Equal("Action.Submit", a.GetProperty("type").GetString()));
        Assert.Equal(["Signs to look for", "My partner's behaviour", "Saying it without blame"], actions.Select(a => a.GetProperty("title").GetString()));
        Assert.Equal(["signs", "partner", "reframe"], actions.Select(a => a.GetProperty("data").GetProperty("choice").GetString()));

        // Teams clients ignore an imBack tucked into the submit data; it must not be relied on.
        Assert.All(actions, a => Assert.False(a.GetProperty("data").TryGetProperty("msteams", out _)));
    }

    [Fact]
    public async Task The_teams_retry_card_carries_the_retry_text()
    {
        var harness = new DialogHarness(PickTopic(), Channels.Msteams);
        await harness.SendAsync("hi");

        var retry = Assert.Single(await harness.SendAsync("pizza"));

        var body = Payload.AsElement(retry.Attachments![0].Content)!.Value.GetProperty("body");
        Assert.Equal("Which one fits best?", body[0].GetProperty("text").GetString());
    }

    [Theory]
    [InlineData(Channels.Webchat)]
    [InlineData(Channels.Directline)]
    [InlineData(Channels.Emulator)]
    [InlineData(Channels.TestButtons)]
    public async Task Web_chat_and_similar_channels_get_imBack_suggested_actions(string channel)
    {
        var harness = new DialogHarness(PickTopic(), channel);

        var reply = Assert.Single(await harness.SendAsync("hi"));

        Assert.Equal("What would you like to look at?", reply.Text);
        Assert.True(reply.Attachments is null or { Count: 0 });
        var actions = reply.SuggestedActions!.Actions;
        Assert.All(actions, a => Assert.Equal(ActionTypes.ImBack, a.Type));
        Assert.Equal(["signs", "partner", "reframe"], actions.Select(a => (string?)a.Value));
        Assert.Equal("My partner's behaviour", actions[1].Title);
    }

    [Fact]
    public async Task Clicking_a_suggested_action_sends_the_value_which_picks_the_choice()
    {
        var harness = new DialogHarness(PickTopic(), Channels.Webchat);
        var reply = Assert.Single(await harness.SendAsync("hi"));

        var clicked = (string)reply.SuggestedActions!.Actions[0].Value!;

        Assert.Equal("Picked signs (#1)", (await harness.SendAsync(clicked)).SingleText());
    }

    [Fact]
    public async Task The_test_channel_shows_up_to_three_short_choices_inline_in_the_text_as_in_the_sdk()
    {
        var options = Ask("Which colour?", choices: ChoiceFactory.ToChoices(["red", "green", "blue"]));
        var main = new WaterfallDialog("main")
            .AddStep(async (step, ct) => await step.PromptAsync("choice", options, ct), "ask")
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync($"Picked {((FoundChoice)step.Result!).Value}", cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            }, "report");
        var harness = new DialogHarness(Component("root", main, new ChoicePrompt("choice")), Channels.Test);

        var reply = Assert.Single(await harness.SendAsync("hi"));

        Assert.Equal("Which colour? (1) red, (2) green, or (3) blue", reply.Text);
        Assert.Null(reply.SuggestedActions);
        Assert.Equal("Picked green", (await harness.SendAsync("2")).SingleText());
    }

    [Fact]
    public async Task The_console_gets_a_numbered_list_in_the_text()
    {
        var harness = new DialogHarness(PickTopic(), Channels.Console);

        var reply = Assert.Single(await harness.SendAsync("hi"));

        Assert.Equal("What would you like to look at?\n\n   1. Signs to look for\n   2. My partner's behaviour\n   3. Saying it without blame", reply.Text);
        Assert.Null(reply.SuggestedActions);
        Assert.Equal("Picked signs (#1)", (await harness.SendAsync("1")).SingleText());
    }

    [Fact]
    public async Task An_explicit_style_wins_over_the_channel()
    {
        var harness = new DialogHarness(PickTopic(ListStyle.List), Channels.Msteams);

        var reply = Assert.Single(await harness.SendAsync("hi"));

        Assert.StartsWith("What would you like to look at?\n\n   1. Signs to look for", reply.Text);
        Assert.Empty(reply.Attachments ?? []);
    }

    [Fact]
    public async Task The_choice_prompts_own_style_applies_when_the_options_name_none()
    {
        var options = Ask("Pick one", choices: Topics());
        var main = new WaterfallDialog("main")
            .AddStep(async (step, ct) => await step.PromptAsync("choice", options, ct), "ask")
            .AddStep((step, ct) => step.EndDialogAsync(null, ct), "done");
        var harness = new DialogHarness(Component("root", main, new ChoicePrompt("choice") { Style = ListStyle.Inline }), Channels.Webchat);

        Assert.Equal("Pick one (1) Signs to look for, (2) My partner's behaviour, or (3) Saying it without blame", (await harness.SendAsync("hi")).SingleText());
    }

    [Fact]
    public void Hero_card_style_gives_a_hero_card_with_imBack_buttons()
    {
        var activity = ChoiceFactory.Render(ListStyle.HeroCard, Topics(), "Pick one");

        var attachment = Assert.Single(activity.Attachments!);
        Assert.Equal(HeroCard.ContentType, attachment.ContentType);
        var card = Payload.AsElement(attachment.Content)!.Value.Deserialize(SchemaJson.Default.HeroCard)!;
        Assert.Equal("Pick one", card.Text);
        Assert.Equal(["signs", "partner", "reframe"], card.Buttons!.Select(b => Payload.AsElement(b.Value)!.Value.GetString()));
        Assert.All(card.Buttons!, b => Assert.Equal(ActionTypes.ImBack, b.Type));
    }

    [Theory]
    [InlineData(Channels.Msteams, ListStyle.AdaptiveCard)]
    [InlineData("MSTeams", ListStyle.AdaptiveCard)]
    [InlineData(Channels.Webchat, ListStyle.SuggestedAction)]
    [InlineData(Channels.Test, ListStyle.List)]
    [InlineData(Channels.Console, ListStyle.List)]
    [InlineData("some-new-channel", ListStyle.List)]
    [InlineData(null, ListStyle.List)]
    public void Each_channel_has_a_style_it_can_click(string? channel, ListStyle expected) =>
        Assert.Equal(expected, ChoiceFactory.StyleFor(channel, Topics()));

    [Fact]
    public void Elsewhere_more_than_three_choices_or_long_titles_make_a_list_as_in_the_sdk()
    {
        Assert.Equal(ListStyle.List, ChoiceFactory.StyleFor("some-new-channel", ChoiceFactory.ToChoices(["a", "b", "c", "d"])));
        Assert.Equal(ListStyle.List, ChoiceFactory.StyleFor("some-new-channel", ChoiceFactory.ToChoices(["a title longer than twenty", "b"])));
        Assert.Equal(ListStyle.SuggestedAction, ChoiceFactory.StyleFor(Channels.Webchat, ChoiceFactory.ToChoices(["a title longer than twenty", "b"])));
    }

    [Fact]
    public void Auto_means_the_channel_decides()
    {
        Assert.Equal(ListStyle.AdaptiveCard, ChoiceFactory.StyleFor(Channels.Msteams, Topics()));
        Assert.NotEmpty(ChoiceFactory.Render(ListStyle.Auto, Topics(), "Pick", channelId: Channels.Msteams).Attachments!);
        Assert.NotEmpty(ChoiceFactory.Render(ListStyle.HeroCard, Topics(), "Pick", channelId: Channels.Msteams).Attachments!);
    }

    [Fact]
    public void Style_none_sends_only_the_text()
    {
        var activity = ChoiceFactory.Render(ListStyle.None, Topics(), "Just text");

        Assert.Equal("Just text", activity.Text);
        Assert.Null(activity.SuggestedActions);
        Assert.Null(activity.Attachments);
    }
}
