using System.Text.Json;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Tests.Dialogs;

public class PromptInputTests
{
    private static Activity Message(string? text, string? valueJson) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Value = valueJson is null ? null : JsonSerializer.Deserialize(valueJson, SchemaJson.Default.JsonElement),
    };

    [Theory]
    [InlineData("typed", null, "typed")]
    [InlineData("typed", """{"choice":"card"}""", "typed")]
    [InlineData(null, """{"choice":"partner"}""", "partner")]
    [InlineData("", """{"text":"free words"}""", "free words")]
    [InlineData(null, """{"text":"t","choice":"c"}""", "c")]
    [InlineData(null, """{"n":3,"mood":"calm","other":"x"}""", "calm")]
    [InlineData(null, """{"choice":"  ","text":"fallback"}""", "fallback")]
    [InlineData(null, "\"plain string value\"", "plain string value")]
    [InlineData(null, """{"n":3}""", null)]
    [InlineData(null, "[\"a\"]", null)]
    [InlineData("   ", null, null)]
    public void Reads_text_first_then_the_card_value(string? text, string? valueJson, string? expected) =>
        Assert.Equal(expected, PromptInput.GetText(Message(text, valueJson)));

    [Fact]
    public void No_activity_means_no_text() => Assert.Null(PromptInput.GetText(null));

    [Fact]
    public void The_card_key_names_match_what_choice_cards_send()
    {
        var card = ChoiceFactory.AdaptiveCard([new Choice("calm")], "How do you feel?");
        var data = Payload.AsElement(card.Attachments![0].Content)!.Value.GetProperty("actions")[0].GetProperty("data");
        var submitted = Message(null, data.GetRawText());

        Assert.Equal("calm", PromptInput.GetText(submitted));
        Assert.Equal(PromptInput.ChoiceKey, data.EnumerateObject().Single().Name);
    }
}
