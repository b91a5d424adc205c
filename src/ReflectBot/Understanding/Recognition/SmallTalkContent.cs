using ReflectBot.Content;

namespace ReflectBot.Understanding.Recognition;

/// <summary>
/// What the bot says to one small-talk or control intent: <see cref="Reply"/> at the menu, <see cref="InPrompt"/> in the
/// middle of a conversation (the question is asked again after it), <see cref="Again"/> when it comes up a second time.
/// </summary>
public sealed record SmallTalkReply(string Reply, string InPrompt, string? Again = null);

/// <summary>Replies to someone describing their situation, and the conversations offered after it.</summary>
public sealed record ShareSituationReplies(string Reply, string ReplySelf, string OfferPrompt, IReadOnlyList<string> Offers, IReadOnlyList<string> OffersSelf);

/// <summary>"I don't know": the general replies and a gentler version of each journey question.</summary>
public sealed record DontKnowReplies(string Reply, string InPrompt, string Again, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Prompts)
{
    /// <summary>The gentler version of <paramref name="question"/> in <paramref name="conversation"/>, if there is one.</summary>
    public string? For(string conversation, string question) =>
        Prompts.TryGetValue(conversation, out var questions) && questions.TryGetValue(question, out var text) ? text : null;
}

/// <summary>The offer to leave one conversation for another; <see cref="Prompt"/> fills <c>{title}</c>.</summary>
public sealed record SwitchReplies(string Prompt, string Yes, string No);

/// <summary>"Did you mean one of these?" and the last choice, for when nothing offered fits.</summary>
public sealed record UnsureReplies(string Prompt, string SomethingElse);

/// <summary>What ReflectBot says to small talk and conversation control (<c>smalltalk.yaml</c>).</summary>
public sealed class SmallTalkContent : IBotContent
{
    public required SmallTalkReply Greeting { get; init; }
    public required SmallTalkReply Thanks { get; init; }
    public required SmallTalkReply Goodbye { get; init; }
    public required SmallTalkReply Capabilities { get; init; }

    /// <summary>Fills <c>{retentionDays}</c>.</summary>
    public required SmallTalkReply Privacy { get; init; }
    public required SmallTalkReply Frustration { get; init; }

    /// <summary><see cref="SmallTalkReply.Again"/> is said when there is nothing to go back to.</summary>
    public required SmallTalkReply GoBack { get; init; }
    public required string Affirm { get; init; }
    public required string Deny { get; init; }
    public required ShareSituationReplies ShareSituation { get; init; }
    public required SmallTalkReply OutOfScope { get; init; }
    public required DontKnowReplies DontKnow { get; init; }
    public required SwitchReplies Switch { get; init; }
    public required UnsureReplies Unsure { get; init; }

    public static SmallTalkContent Load(ContentSource source)
    {
        var root = source.LocaleFile("smalltalk.yaml");
        var share = root.Get("share_situation");
        var dontKnow = root.Get("dont_know");
        var goBack = root.Get("go_back");
        return new SmallTalkContent
        {
            Greeting = Reply(root.Get("greeting")),
            Thanks = Reply(root.Get("thanks")),
            Goodbye = Reply(root.Get("goodbye")),
            Capabilities = Reply(root.Get("capabilities")),
            Privacy = Reply(root.Get("privacy")),
            Frustration = Reply(root.Get("frustration")),
            GoBack = new SmallTalkReply(goBack.Get("reply").Text(), goBack.Get("inPrompt").Text(), goBack.Get("nothingBefore").Text()),
            Affirm = root.Get("affirm").Get("reply").Text(),
            Deny = root.Get("deny").Get("reply").Text(),
            ShareSituation = new ShareSituationReplies(
                share.Get("reply").Text(),
                share.Get("replySelf").Text(),
                share.Get("offerPrompt").Text(),
                share.Get("offers").Texts(),
                share.Get("offersSelf").Texts()),
            OutOfScope = Reply(root.Get("none")),
            Switch = new SwitchReplies(root.Get("switch").Get("prompt").Text(), root.Get("switch").Get("yes").Text(), root.Get("switch").Get("no").Text()),
            Unsure = new UnsureReplies(root.Get("unsure").Get("prompt").Text(), root.Get("unsure").Get("somethingElse").Text()),
            DontKnow = new DontKnowReplies(
                dontKnow.Get("reply").Text(),
                dontKnow.Get("inPrompt").Text(),
                dontKnow.Get("again").Text(),
                dontKnow.Get("prompts").Entries.ToDictionary(
                    c => c.Key,
                    c => (IReadOnlyDictionary<string, string>)c.Value.Entries.ToDictionary(q => q.Key, q => q.Value.Text(), StringComparer.Ordinal),
                    StringComparer.Ordinal)),
        };
    }

    private static SmallTalkReply Reply(ContentNode node) =>
        new(node.Get("reply").Text(), node.Get("inPrompt").Text(), node.TryGet("again")?.Text());
}
