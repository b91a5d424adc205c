using System.Text;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Testing;

/// <summary>
/// A scripted conversation: <c>new TestFlow(adapter, bot).Send("hi").AssertReply("Hello").StartTestAsync()</c>.
/// Each step returns a new flow, so a common opening can be shared. Nothing runs until <see cref="StartTestAsync"/>.
/// Every send runs its turn to the end before the next step, so replies are in the queue when asserted.
/// A failed step throws <see cref="TestFlowException"/> with the whole conversation so far.
/// </summary>
public sealed class TestFlow
{
    /// <summary>How long a reply assertion waits for a reply sent in the background.</summary>
    public static readonly TimeSpan DefaultReplyTimeout = TimeSpan.FromSeconds(3);

    private readonly BotCallbackHandler _callback;
    private readonly TestFlow? _previous;
    private readonly Func<Task>? _step;

    public TestFlow(TestAdapter adapter, BotCallbackHandler callback)
    {
        Adapter = adapter ?? throw new ArgumentNullException(nameof(adapter));
        _callback = callback ?? throw new ArgumentNullException(nameof(callback));
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

    public TestFlow Send(Activity userActivity)
    {
        ArgumentNullException.ThrowIfNull(userActivity);
        return Then(() => Adapter.ProcessActivityAsync(userActivity, _callback));
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

    /// <summary>The next reply is a message whose text is exactly <paramref name="expected"/>.</summary>
    public TestFlow AssertReply(string expected, string? description = null, TimeSpan? timeout = null) =>
        AssertReply(
            reply =>
            {
                if (!reply.IsType(ActivityTypes.Message) || reply.Text != expected)
                {
                    throw new TestFlowException($"Expected the bot to say \"{expected}\" but it sent {Describe(reply)}.");
                }
            },
            description,
            timeout);

    /// <summary>The next reply is a message whose text contains <paramref name="expected"/>.</summary>
    public TestFlow AssertReplyContains(string expected, string? description = null, TimeSpan? timeout = null) =>
        AssertReply(
            reply =>
            {
                if (!reply.IsType(ActivityTypes.Message) || reply.Text?.Contains(expected, StringComparison.Ordinal) != true)
                {
                    throw new TestFlowException($"Expected the bot's reply to contain \"{expected}\" but it sent {Describe(reply)}.");
                }
            },
            description,
            timeout);

    /// <summary>The next reply passes <paramref name="validate"/> (which throws, e.g. with Assert, when it does not).</summary>
    public TestFlow AssertReply(Action<Activity> validate, string? description = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(validate);
        return Then(async () =>
        {
            var reply = await Adapter.GetNextReplyAsync(timeout ?? DefaultReplyTimeout).ConfigureAwait(false);
            if (reply is null)
            {
                throw Fail(description, "Expected a reply but the bot sent nothing more.", null, null);
            }

            try
            {
                validate(reply);
            }
            catch (Exception ex)
            {
                throw Fail(description, ex.Message, reply, ex);
            }
        });
    }

    /// <summary>The bot has nothing more to say (after waiting <paramref name="timeout"/>, none by default).</summary>
    public TestFlow AssertNoReply(string? description = null, TimeSpan? timeout = null) => Then(async () =>
    {
        var reply = await Adapter.GetNextReplyAsync(timeout ?? TimeSpan.Zero).ConfigureAwait(false);
        if (reply is not null)
        {
            throw Fail(description, $"Expected no reply but the bot sent {Describe(reply)}.", reply, null);
        }
    });

    /// <summary>Send then expect one exact reply.</summary>
    public TestFlow Test(string userSays, string expected, string? description = null) =>
        Send(userSays).AssertReply(expected, description);

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

        if (activity.Value is { } value && activity.IsType(ActivityTypes.Message))
        {
            text.Append(" [value: ").Append(value.GetRawText()).Append(']');
        }

        return text.ToString();
    }

    private TestFlowException Fail(string? description, string problem, Activity? culprit, Exception? inner)
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

        return new TestFlowException(message.ToString().TrimEnd(), inner);
    }
}

/// <summary>A TestFlow step failed; the message holds the conversation so far.</summary>
public sealed class TestFlowException(string message, Exception? innerException = null) : Exception(message, innerException);
