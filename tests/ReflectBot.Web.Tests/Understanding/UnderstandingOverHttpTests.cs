using ReflectBot.Framework.Schema;
using ReflectBot.Web.Tests.Host;

namespace ReflectBot.Web.Tests.Understanding;

/// <summary>
/// Issue 13 through the real host over POST /api/messages (expectReplies): plain words at the menu and inside a
/// question, details from the first sentence, questions answered from learn.yaml, and crisis screening still first.
/// </summary>
public sealed class UnderstandingOverHttpTests
{
    private const string WhoPrompt = "Whose behaviour would you like to look at?";

    private static async Task<List<string>> SayAsync(HttpClient client, string text) =>
        (await (await client.PostAsync(Wire.Message(text))).RepliesAsync())
            .Where(a => a.Type == ActivityTypes.Message)
            .Select(PlainText)
            .ToList();

    /// <summary>The text, whether plain or the first text block of a card (choices are cards on this channel).</summary>
    private static string PlainText(Activity activity) =>
        activity.Text is { Length: > 0 } text ? text
        : activity.Attachments is [{ Content: { } content }, ..] && Payload.AsElement(content) is { } card && card.TryGetProperty("body", out var body) ? body[0].GetProperty("text").GetString() ?? ""
        : "";

    [Fact]
    public async Task Hi_after_the_welcome_is_answered_warmly_and_the_menu_comes_back()
    {
        await using var host = new BotHostFactory();
        var client = host.CreateClient();
        await SayAsync(client, "hi");

        var replies = await SayAsync(client, "hi");

        // The greeting, then the menu again (a card on this channel).
        Assert.Equal(2, replies.Count);
        Assert.Equal("Hi, it's good to hear from you.", replies[0]);
    }

    [Fact]
    public async Task A_question_is_answered_from_the_knowledge_base_with_the_fitting_offer()
    {
        await using var host = new BotHostFactory();
        var client = host.CreateClient();
        await SayAsync(client, "hi");

        var replies = await SayAsync(client, "what is stonewalling");

        Assert.Equal(2, replies.Count);
        Assert.StartsWith("Stonewalling is shutting down", replies[0]);
    }

    [Fact]
    public async Task The_first_sentence_names_whose_behaviour_and_inside_a_question_thanks_and_bye_are_understood()
    {
        await using var host = new BotHostFactory();
        var client = host.CreateClient();
        await SayAsync(client, "hi");

        var started = await SayAsync(client, "im the one who pulls away, can we look at my signs");
        Assert.DoesNotContain(WhoPrompt, started);

        Assert.Single(await SayAsync(client, "menu"));
        Assert.Contains(WhoPrompt, await SayAsync(client, "signs"));
        Assert.Equal(["You're welcome. Whenever you're ready, let's carry on.", WhoPrompt], await SayAsync(client, "thanks"));
        Assert.Equal(["Okay, let's pause here. What you've saved is kept, and you can come back whenever you like. Take care."], await SayAsync(client, "bye"));
    }

    [Fact]
    public async Task A_crisis_inside_a_learn_question_is_still_answered_first()
    {
        await using var host = new BotHostFactory();
        var client = host.CreateClient();
        await SayAsync(client, "hi");
        await SayAsync(client, "Learn about emotional distance");

        var replies = await SayAsync(client, "i want to end my life");

        Assert.Contains(replies, r => r.Contains("988", StringComparison.Ordinal));
    }
}
