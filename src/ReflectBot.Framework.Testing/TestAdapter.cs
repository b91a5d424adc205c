using System.Collections.Concurrent;
using System.Globalization;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Testing;

/// <summary>
/// An in-memory adapter for tests: user activities go straight into a turn, the bot's replies queue up
/// for <see cref="TestFlow"/> (or <see cref="GetNextReply"/>) to inspect. Channel "test" unless told otherwise.
/// </summary>
public class TestAdapter : BotAdapter
{
    private readonly ConcurrentQueue<Activity> _replies = new();
    private readonly List<Activity> _log = [];
    private readonly List<Activity> _updated = [];
    private readonly List<ConversationReference> _deleted = [];
    private readonly bool _sendTraceActivities;
    private int _nextId;

    public TestAdapter(string channelId = Channels.Test, bool sendTraceActivities = false)
        : this(CreateConversation("Convo1", channelId: channelId), sendTraceActivities)
    {
    }

    public TestAdapter(ConversationReference conversation, bool sendTraceActivities = false)
    {
        Conversation = conversation ?? throw new ArgumentNullException(nameof(conversation));
        _sendTraceActivities = sendTraceActivities;
    }

    /// <summary>Who talks to whom, where: applied to every activity sent to the bot.</summary>
    public ConversationReference Conversation { get; set; }

    /// <summary>Locale given to user activities that carry none.</summary>
    public string? Locale { get; set; } = "en-US";

    /// <summary>Replies sent but not yet taken by <see cref="GetNextReply"/>.</summary>
    public int PendingReplies => _replies.Count;

    /// <summary>Everything said so far, the user's activities and the bot's, in order (traces only when enabled).</summary>
    public IReadOnlyList<Activity> ConversationLog
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    public IReadOnlyList<Activity> UpdatedActivities
    {
        get
        {
            lock (_updated)
            {
                return [.. _updated];
            }
        }
    }

    public IReadOnlyList<ConversationReference> DeletedActivities
    {
        get
        {
            lock (_deleted)
            {
                return [.. _deleted];
            }
        }
    }

    public static ConversationReference CreateConversation(string name, string user = "user1", string bot = "bot", string channelId = Channels.Test) => new()
    {
        ChannelId = channelId,
        ServiceUrl = "https://test.com",
        User = new ChannelAccount { Id = user.ToLowerInvariant(), Name = user, Role = RoleTypes.User },
        Bot = new ChannelAccount { Id = bot.ToLowerInvariant(), Name = bot, Role = RoleTypes.Bot },
        Conversation = new ConversationAccount { Id = name, IsGroup = false, ConversationType = "personal", Name = name },
    };

    public new TestAdapter Use(IMiddleware middleware)
    {
        base.Use(middleware);
        return this;
    }

    /// <summary>A message from the user in this conversation, ready to send.</summary>
    public Activity MakeActivity(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        From = Conversation.User,
        Recipient = Conversation.Bot,
        Conversation = Conversation.Conversation,
        ChannelId = Conversation.ChannelId,
        ServiceUrl = Conversation.ServiceUrl,
        Locale = Locale,
    };

    public Task SendTextToBotAsync(string text, BotCallbackHandler callback, CancellationToken cancellationToken = default) =>
        ProcessActivityAsync(MakeActivity(text), callback, cancellationToken);

    /// <summary>Runs one turn to the end. Channel, conversation, recipient, id and timestamp come from this adapter.</summary>
    public virtual async Task ProcessActivityAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(callback);
        activity.Type ??= ActivityTypes.Message;
        activity.ChannelId = Conversation.ChannelId;
        if (activity.From is null || activity.From.Id == "unknown" || activity.From.Role == RoleTypes.Bot)
        {
            activity.From = Conversation.User;
        }

        activity.Recipient = Conversation.Bot;
        activity.Conversation = Conversation.Conversation;
        activity.ServiceUrl = Conversation.ServiceUrl;
        activity.Id = NextId();
        activity.Timestamp ??= DateTimeOffset.UtcNow;
        activity.Locale ??= Locale;
        lock (_log)
        {
            _log.Add(activity);
        }

        var context = new TurnContext(this, activity);
        await RunPipelineAsync(context, callback, cancellationToken).ConfigureAwait(false);
    }

    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new ResourceResponse[activities.Length];
        for (var i = 0; i < activities.Length; i++)
        {
            var activity = activities[i];
            activity.Id ??= NextId();
            activity.Timestamp ??= DateTimeOffset.UtcNow;
            responses[i] = new ResourceResponse(activity.Id);
            if (activity.IsType(ActivityTypes.Trace) && !_sendTraceActivities)
            {
                continue;
            }

            lock (_log)
            {
                _log.Add(activity);
            }

            _replies.Enqueue(activity);
        }

        return Task.FromResult(responses);
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken)
    {
        lock (_updated)
        {
            _updated.Add(activity);
        }

        return Task.FromResult(new ResourceResponse(activity.Id));
    }

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken)
    {
        lock (_deleted)
        {
            _deleted.Add(reference);
        }

        return Task.CompletedTask;
    }

    /// <summary>The oldest reply not yet taken, or null.</summary>
    public Activity? GetNextReply() => _replies.TryDequeue(out var reply) ? reply : null;

    /// <summary>The next reply, waiting up to <paramref name="timeout"/> for one sent in the background.</summary>
    public async Task<Activity?> GetNextReplyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_replies.TryDequeue(out var reply))
            {
                return reply;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replies still queued, oldest first, without taking them.</summary>
    public IReadOnlyList<Activity> PeekReplies() => [.. _replies];

    private string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
}
