using System.Text.Json;
using System.Text.Json.Nodes;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;
using ReflectBot.Journeys.Rehearse;
using ReflectBot.State;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Rehearsal;

/// <summary>Lines whose analysis is known (checked in <see cref="RehearsalLinesTests"/>), and helpers to read the partner's replies.</summary>
internal static class Lines
{
    // Each has an I-statement, a real feeling and a concrete request; none has blame.
    public static readonly string[] Gentle =
    [
        "I feel lonely when we don't talk after work, because closeness matters to me. Could we take ten minutes after dinner to catch up?",
        "I feel sad and I need some time with you. Would you be willing to have dinner with me on Friday?",
        "I'm scared we're drifting apart, and I'd like us to feel close again. Could we plan a date night this Saturday?",
    ];

    // Each has blame; none has an I-statement or a request.
    public static readonly string[] Harsh =
    [
        "You never listen to me. You're so selfish.",
        "Whatever. You don't care anyway.",
        "You always do this, you never make time for me.",
    ];

    /// <summary>Nothing in it helps or hurts: the partner stays where they are.</summary>
    public const string Neutral = "We should talk.";

    /// <summary>An I-statement with a feeling and a need, but no request and no blame.</summary>
    public const string Soft = "I've been feeling lonely in the evenings lately, and I miss you.";
}

internal static class RehearsalHarness
{
    public static BotTestHost Host(int seed = 7, string conversationId = "conversation-1") =>
        new(settings: new Dictionary<string, string?> { ["Rehearsal:Seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            conversationId: conversationId);

    /// <summary>From "hi" to the role-play waiting for the first line, with a partner of <paramref name="style"/>.</summary>
    public static TestFlow StartRehearsal(this BotTestHost host, string style, string topic = "distant") => host.Flow()
        .Send("hi")
        .AssertReplyContains("I'm ReflectBot")
        .AssertReplyContains("not a therapist")
        .AssertReply("What would you like to do?")
        .Send("rehearse")
        .AssertReplyContains("Let's practise")
        .AssertReply("What would you like to practise saying?")
        .Send(topic)
        .AssertReply("When things get hard, how does your partner tend to react?")
        .Send(style)
        .AssertReplyContains("Say your first line");

    /// <summary>The partner line in a reply, with the stage it belongs to, looked up in the shipped content.</summary>
    public static (PartnerLine Line, PartnerStage Stage) PartnerLineIn(this BotTestHost host, Activity reply, string style)
    {
        Assert.StartsWith("Partner: ", reply.Text);
        var content = host.Get<RehearsalContent>();
        var matches = content.StyleOf(style).Lines
            .SelectMany(kv => kv.Value.Select(line => (Line: line, Stage: kv.Key)))
            .Where(x => reply.Text!.StartsWith("Partner: " + x.Line.Text, StringComparison.Ordinal))
            .ToList();
        return Assert.Single(matches);
    }

    /// <summary>Sends a line and records the partner's answer; the tip after it (coaching is on) is checked to be there.</summary>
    public static TestFlow SayLine(this TestFlow flow, BotTestHost host, string style, string line, List<(PartnerLine Line, PartnerStage Stage)> heard) => flow
        .Send(line)
        .AssertReply(reply => heard.Add(host.PartnerLineIn(reply.Sent, style)), $"the partner answers \"{line}\"")
        .AssertReply(reply => Assert.StartsWith("Tip: ", reply.Text), "a coaching tip follows");

    public static async Task<UserProfile> SavedProfileAsync(this BotTestHost host, string userId = "user1")
    {
        var key = UserState.KeyFor(Channels.TestButtons, userId);
        var items = await host.Storage.ReadAsync([key]);
        var document = JsonNode.Parse(((StoreItem)items[key]).Json)!.AsObject();
        return document["profile"].Deserialize(BotStateJson.Default.UserProfile)!;
    }
}
