using System.Text;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Testing;

/// <summary>
/// A scripted conversation, as the SDK's TestFlow: <c>new TestFlow(adapter, bot).Send("hi").AssertReply("Hello").StartTestAsync()</c>.
/// Each step returns a new flow, so a common opening can be shared. Nothing runs until <see cref="StartTestAsync"/>.
/// Every send runs its turn to the end before the next step, so replies are in the queue when asserted.
/// A reply that does not match throws <see cref="InvalidOperationException"/> (as the SDK does) whose message holds the
/// whole conversation so far; what the bot or a validator throws comes through unchanged.
/// <para>
/// Unlike the SDK, <see cref="AssertNoReply"/> does not wait by default (turns run to the end before it looks), and
/// reply assertions wait up to the timeout milliseconds only for replies sent in the background.
/// </para>
/// </summary>
public sealed class TestFlow
{
    /// <summary>How long a reply assertion waits for a reply sent in the background, in milliseconds.</summary>
    public const uint DefaultReplyTimeout = 3000;

    private readonly BotCallbackHandler _callback;
    private readonly TestFlow? _previous;
    private readonly Func<Task>? _step;

    public TestFlow(TestAdapter adapter, BotCallbackHandler? callback = null)
    {
        Adapter = adapter ?? throw new ArgumentNullException(nameof(adapter));
        _callback = callback ?? ((_, _) => Task.CompletedTask);
    }

    public TestFlow(TestAdapter adapter, IBot bot)
        : this(adapter, (bot ?? throw new ArgumentNullException(nameof(bot))).OnTurnAsync)
    {
    }

    private TestFlow(TestFlow previous, Func<Task> step)
    {
        Adapter = previous.Adapter;
        _callback = previous._callback;
        _previous = previous;
        _step = step;
    }

    public TestAdapter Adapter { get; }

    /// <summary>Runs every step in order.</summary>
    public async Task StartTestAsync()
    {
        var steps = new Stack<Func<Task>>();
        for (var flow = this; flow?._step is not null; flow = flow._previous)
        {
            steps.Push(flow._step);
        }

        while (steps.Count > 0)
        {
            await steps.Pop()().ConfigureAwait(false);
        }
    }

    public TestFlow Send(string userSays) =>
        Then(() => Adapter.SendTextToBotAsync(userSays, _callback));

    public TestFlow Send(IActivity userActivity)
    {
        ArgumentNullException.ThrowIfNull(userActivity);
        return Then(() => Adapter.ProcessActivityAsync((Activity)userActivity, _callback));
    }

    /// <summary>The user joins: a conversationUpdate with the user (and the bot) in membersAdded.</summary>
    public TestFlow SendConversationUpdate() => Then(() =>
    {
        var update = Adapter.MakeActivity();
        update.Type = ActivityTypes.ConversationUpdate;
        update.Text = null;
        update.MembersAdded = [Adapter.Conversation.User!, Adapter.Conversation.Bot!];
        return Adapter.ProcessActivityAsync(update, _callback);
    });

    /// <summary>Waits before the next step.</summary>
    public TestFlow Delay(TimeSpan timespan) => Then(() => Task.Delay(timespan));

    /// <summary>Waits <paramref name="ms"/> milliseconds before the next step.</summary>
    public TestFlow Delay(uint ms) => Delay(TimeSpan.FromMilliseconds(ms));

    /// <summary>The next reply is a message whose text is exactly <paramref name="expected"/>.</summary>
    public TestFlow AssertReply(string expected, string? description = null, uint timeout = DefaultReplyTimeout) =>
        Expect(
            reply => reply.IsType(ActivityTypes.Message) && reply.Text == expected,
            reply => $"Expected the bot to say \"{expected}\" but it sent {Describe(reply)}.",
            description,
            timeout);

    /// <summary>The next reply has the type and text of <paramref name="expected"/>.</summary>
    public TestFlow AssertReply(IActivity expected, string? description = null, uint timeout = DefaultReplyTimeout)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var expectedActivity = (Activity)expected;
        return Expect(
            reply => string.Equals(reply.Type, expectedActivity.Type, StringComparison.OrdinalIgnoreCase) && reply.Text == expectedActivity.Text,
            reply => $"Expected {Describe(expectedActivity)} but the bot sent {Describe(reply)}.",
            description,
            timeout);
    }

    /// <summary>The next reply is a message whose text contains <paramref name="expected"/>.</summary>
    public TestFlow AssertReplyContains(string expected, string? description = null, uint timeout = DefaultReplyTimeout) =>
        Expect(
            reply => reply.IsType(ActivityTypes.Message) && reply.Text?.Contains(expected, StringComparison.Ordinal) == true,
            reply => $"Expected the bot's reply to contain \"{expected}\" but it sent {Describe(reply)}.",
            description,
            timeout);

    /// <summary>The next reply is a message whose text is one of <paramref name="candidates"/>.</summary>
    public TestFlow AssertReplyOneOf(string[] candidates, string? description = null, uint timeout = DefaultReplyTimeout)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return Expect(
            reply => reply.IsType(ActivityTypes.Message) && candidates.Contains(reply.Text),
            reply => $"Expected one of \"{string.Join("\", \"", candidates)}\" but the bot sent {Describe(reply)}.",
            description,
            timeout);
    }

    /// <summary>The next reply passes <paramref name="validateActivity"/>; what it throws (an Assert failure) comes through as is.</summary>
    public TestFlow AssertReply(Action<IActivity> validateActivity, string? description = null, uint timeout = DefaultReplyTimeout)
    {
        ArgumentNullException.ThrowIfNull(validateActivity);
        return Then(async () => validateActivity(await NextReplyAsync(description, timeout).ConfigureAwait(false)));
    }

    /// <summary>The bot has nothing more to say (after waiting <paramref name="timeout"/> ms; none by default).</summary>
    public TestFlow AssertNoReply(string? description = null, uint timeout = 0) => Then(async () =>
    {
        var reply = await Adapter.GetNextReplyAsync(TimeSpan.FromMilliseconds(timeout)).ConfigureAwait(false);
        if (reply is not null)
        {
            throw Fail(description, $"Expected no reply but the bot sent {Describe(reply)}.", reply);
        }
    });

    /// <summary>Send then expect one exact reply.</summary>
    public TestFlow Test(string userSays, string expected, string? description = null, uint timeout = DefaultReplyTimeout) =>
        Send(userSays).AssertReply(expected, description, timeout);

    public TestFlow Test(string userSays, IActivity expected, string? description = null, uint timeout = DefaultReplyTimeout) =>
        Send(userSays).AssertReply(expected, description, timeout);

    public TestFlow Test(string userSays, Action<IActivity> validateActivity, string? description = null, uint timeout = DefaultReplyTimeout) =>
        Send(userSays).AssertReply(validateActivity, description, timeout);

    public TestFlow Test(IActivity userSays, string expected, string? description = null, uint timeout = DefaultReplyTimeout) =>
        Send(userSays).AssertReply(expected, description, timeout);

    /// <summary>Any custom step (wait, inspect state ...), run in order with the others.</summary>
    public TestFlow Then(Func<Task> step) => new(this, step ?? throw new ArgumentNullException(nameof(step)));

    /// <summary>One line per activity: who, what text, and what else a user would see (cards, buttons).</summary>
    public static string Describe(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var text = new StringBuilder();
        if (!activity.IsType(ActivityTypes.Message))
        {
            text.Append('[').Append(activity.Type ?? "no type");
            if (activity.Name is { } name)
            {
                text.Append(' ').Append(name);
            }

            text.Append("] ");
        }

        text.Append(activity.Text is null ? "(no text)" : $"\"{activity.Text}\"");
        if (activity.Attachments is { Count: > 0 } attachments)
        {
            text.Append(" [attachments: ").Append(string.Join(", ", attachments.Select(a => a.ContentType))).Append(']');
        }

        if (activity.SuggestedActions?.Actions is { Count: > 0 } actions)
        {
            text.Append(" [buttons: ").Append(string.Join(" | ", actions.Select(a => a.Title))).Append(']');
        }

        if (activity.IsType(ActivityTypes.Message) && Payload.AsElement(activity.Value) is { } value)
        {
            text.Append(" [value: ").Append(value.GetRawText()).Append(']');
        }

        return text.ToString();
    }

    private TestFlow Expect(Func<Activity, bool> matches, Func<Activity, string> problem, string? description, uint timeout) => Then(async () =>
    {
        var reply = await NextReplyAsync(description, timeout).ConfigureAwait(false);
        if (!matches(reply))
        {
            throw Fail(description, problem(reply), reply);
        }
    });

    private async Task<Activity> NextReplyAsync(string? description, uint timeout) =>
        await Adapter.GetNextReplyAsync(TimeSpan.FromMilliseconds(timeout)).ConfigureAwait(false)
            ?? throw Fail(description, "Expected a reply but the bot sent nothing more.", null);

    private InvalidOperationException Fail(string? description, string problem, Activity? culprit)
    {
        var message = new StringBuilder();
        if (description is not null)
        {
            message.Append(description).Append(": ");
        }

        message.AppendLine(problem).AppendLine("Conversation so far:");
        foreach (var activity in Adapter.ConversationLog)
        {
            var isUser = activity.From?.Role == RoleTypes.User || (activity.From?.Id is { } id && id == Adapter.Conversation.User?.Id);
            message.Append(ReferenceEquals(activity, culprit) ? "> " : "  ")
                .Append(isUser ? "user: " : "bot:  ")
                .AppendLine(Describe(activity));
        }

        return new InvalidOperationException(message.ToString().TrimEnd());
    }
}
