using ReflectBot.Framework.Schema;

namespace ReflectBot.Tests.Journey;

/// <summary>Shared steps for journey conversations, so each test reads like the part of the conversation it is about.</summary>
internal static class JourneyFlow
{
    public const string Menu = "What would you like to do?";
    public const string MenuAgain = "Is there anything else you'd like to do?";

    /// <summary>A new user says hi: greeting, disclaimer, then the menu.</summary>
    public static TestFlow AtMenu(this TestFlow flow) => flow
        .Send("hi")
        .AssertReplyContains("I'm ReflectBot")
        .AssertReplyContains("not a therapist")
        .AssertMenu(Menu);

    /// <summary>The next reply is the menu with <paramref name="question"/>, as text with buttons or as a card (Teams).</summary>
    public static TestFlow AssertMenu(this TestFlow flow, string question) =>
        flow.AssertReply(reply => Assert.Contains(question, reply.Text ?? CardJson(reply.Sent)));

    /// <summary>The JSON of the reply's first card, with text unescaped ("you'd", not "you\u0027d") so tests can search it.</summary>
    public static string CardJson(Activity reply)
    {
        var card = Assert.Single(reply.Attachments!);
        Assert.Equal(AdaptiveCard.ContentType, card.ContentType);
        return System.Text.Json.Nodes.JsonNode.Parse(Payload.AsElement(card.Content)!.Value.GetRawText())!
            .ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The next reply asks <paramref name="text"/> and offers exactly these button titles.</summary>
    public static TestFlow AssertChoices(this TestFlow flow, string text, params string[] titles) => flow.AssertReply(reply =>
    {
        Assert.Equal(text, reply.Text);
        Assert.Equal(titles, reply.SuggestedActions?.Actions.Select(a => a.Title) ?? []);
    });

    /// <summary>The next reply's text starts with <paramref name="start"/>.</summary>
    public static TestFlow AssertReplyStarts(this TestFlow flow, string start) => flow.AssertReply(reply =>
        Assert.StartsWith(start, reply.Text ?? "", StringComparison.Ordinal));

    /// <summary>The next reply carries an Adaptive Card; <paramref name="inspect"/> sees its JSON text.</summary>
    public static TestFlow AssertCard(this TestFlow flow, Action<string>? inspect = null) => flow.AssertReply(reply =>
    {
        var json = CardJson(reply.Sent);
        inspect?.Invoke(json);
    });

    /// <summary>Sends each of <paramref name="replies"/> in turn and, unless told otherwise, skips the bot's answers.</summary>
    public static TestFlow SendEach(this TestFlow flow, IEnumerable<string> replies, bool skipReply = true)
    {
        foreach (var reply in replies)
        {
            flow = flow.Send(reply);
            if (skipReply)
            {
                flow = flow.AssertReply(_ => { });
            }
        }

        return flow;
    }

    /// <summary>Prints every bot reply until the queue is empty (for writing tests, not asserting).</summary>
    public static TestFlow Dump(this TestFlow flow, Action<string> write) => flow.Then(() =>
    {
        while (flow.Adapter.GetNextReply() is { } reply)
        {
            write(TestFlow.Describe(reply));
        }

        return Task.CompletedTask;
    });
}
