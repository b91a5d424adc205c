using ReflectBot.Framework.Schema;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

/// <summary>
/// A crisis message at each prompt of the guided journey (signs, reframe, plan, rehearsal, toolkit): the crisis
/// reply comes at once and alone, and "Go back" asks the very question that was waiting before the crisis.
/// </summary>
public class CrisisInJourneyTests
{
    /// <summary>
    /// A prompt, reached by typing <see cref="Inputs"/> after the menu. <see cref="AskedAgain"/> is what going back
    /// asks when it is not the last thing said (the role-play's own "your turn" instead of the partner's line).
    /// </summary>
    public sealed record JourneyPrompt(string Name, string[] Inputs, string? AskedAgain = null)
    {
        public override string ToString() => Name;
    }

    private static readonly string[] TenSigns = ["yes", "sometimes", "no", "no", "no", "no", "no", "yes", "yes", "no"];

    public static TheoryData<JourneyPrompt> Prompts => new()
    {
        new("signs: whose behaviour", ["recognise the signs"]),
        new("signs: first sign", ["recognise the signs", "My partner's"]),
        new("signs: sixth sign", ["recognise the signs", "My partner's", .. TenSigns[..5]]),
        new("signs: how long", ["recognise the signs", "My partner's", .. TenSigns]),
        new("signs: talked about it", ["recognise the signs", "My partner's", .. TenSigns, "years"]),
        new("signs: how heavy (number)", ["recognise the signs", "My partner's", .. TenSigns, "years", "We talked, nothing changed"]),
        new("signs: painful past", ["recognise the signs", "My partner's", .. TenSigns, "years", "We talked, nothing changed", "8"]),
        new("signs: where next", ["recognise the signs", "My partner's", .. TenSigns, "years", "We talked, nothing changed", "8", "no"]),
        new("reframe: first draft", ["help me say something"]),
        new("reframe: what happened", ["help me say something", "You never listen to me"]),
        new("reframe: feeling", ["help me say something", "You never listen to me", "When you're on your phone at dinner."]),
        new("reframe: need", ["help me say something", "You never listen to me", "When you're on your phone at dinner.", "lonely"]),
        new("reframe: request", ["help me say something", "You never listen to me", "When you're on your phone at dinner.", "lonely", "connection"]),
        new("plan: strategy", ["plan next steps"]),
        new("plan: what exactly", ["plan next steps", "check ins"]),
        new("plan: when", ["plan next steps", "check ins", "ten minutes on the sofa to ask how the week felt"]),
        new("plan: obstacle", ["plan next steps", "check ins", "ten minutes on the sofa to ask how the week felt", "Sunday evening"]),
        new("plan: another step", ["plan next steps", "check ins", "ten minutes on the sofa to ask how the week felt", "Sunday evening", "we might be too tired"]),
        new("rehearsal: topic", ["rehearse"]),
        new("rehearsal: partner style", ["rehearse", "distant"]),
        new("rehearsal: first line", ["rehearse", "distant", "withdrawn"], "Your turn. What would you say next?"),
        new("rehearsal: mid role-play", ["rehearse", "distant", "withdrawn", "I feel lonely when we don't talk in the evenings. Could we take ten minutes after dinner?"], "Your turn. What would you say next?"),
        new("toolkit", ["my toolkit"]),
    };

    [Theory]
    [MemberData(nameof(Prompts))]
    public async Task A_crisis_at_this_journey_prompt_is_answered_at_once_and_going_back_asks_the_same_question(JourneyPrompt prompt)
    {
        using var host = new BotTestHost();
        var flow = host.Flow().StartAtMenu();
        foreach (var input in prompt.Inputs)
        {
            flow = flow.Send(input).Then(() => Drain(host));
        }

        string? waiting = null;
        await flow.Then(() =>
            {
                waiting = LastBotSaid(host.Adapter);
                return Task.CompletedTask;
            })
            .Send("I want to kill myself")
            .AssertCrisisReply("self-harm", "988", "911")
            .AssertNoReply($"at '{prompt.Name}' nothing follows the crisis reply")
            .Send("Go back")
            .AssertReplyContains("let's go back to where we were")
            .AssertReply(a => Assert.Equal(prompt.AskedAgain ?? waiting, Shown(a.Sent)), "the question that was waiting is asked again")
            .AssertNoReply()
            .StartTestAsync();
    }

    private static Task Drain(BotTestHost host)
    {
        while (host.Adapter.GetNextReply() is not null)
        {
        }

        return Task.CompletedTask;
    }

    private static string LastBotSaid(TestAdapter adapter) =>
        Shown(adapter.ConversationLog.Last(a => a.From?.Id == adapter.Conversation.Bot?.Id));

    /// <summary>What a person sees of a message: its text, or its card's JSON.</summary>
    private static string Shown(Activity activity) =>
        activity.Text is { Length: > 0 } text ? text : Payload.AsElement(activity.Attachments?.FirstOrDefault()?.Content)?.GetRawText() ?? "";
}
