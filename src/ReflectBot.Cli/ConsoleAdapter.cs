using System.Globalization;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Cli;

/// <summary>
/// The terminal channel (<c>console</c>): each line the user types is one message activity, and everything the
/// bot sends is printed through <see cref="ActivityRenderer"/>. One conversation per run; turns run one at a time.
/// </summary>
public sealed class ConsoleAdapter : BotAdapter
{
    private readonly TextWriter _output;
    private readonly ConversationReference _conversation;
    private IReadOnlyList<TerminalButton> _lastButtons = [];
    private int _nextId;

    public ConsoleAdapter(TextWriter output, string userId, string conversationId, string locale = "en-US")
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _conversation = new ConversationReference
        {
            ChannelId = Channels.Console,
            User = new ChannelAccount { Id = userId, Name = "You", Role = RoleTypes.User },
            Bot = new ChannelAccount { Id = "reflectbot", Name = "ReflectBot", Role = RoleTypes.Bot },
            Conversation = new ConversationAccount { Id = conversationId },
            Locale = locale,
            ServiceUrl = "console:",
        };
    }

    /// <summary>The user joins: sent once at start so the welcome shows.</summary>
    public Task StartConversationAsync(BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        var update = NewActivity(ActivityTypes.ConversationUpdate);
        update.MembersAdded = [_conversation.User!, _conversation.Bot!];
        return RunTurnAsync(update, callback, cancellationToken);
    }

    /// <summary>
    /// One typed line as a message. A bare number answering the last numbered buttons sends that button
    /// (its text, or its card data); a number the bot offered as a plain list is sent as typed.
    /// </summary>
    public Task SendLineAsync(string line, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        var message = NewActivity(ActivityTypes.Message);
        var trimmed = line.Trim();
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number >= 1 && number <= _lastButtons.Count)
        {
            var button = _lastButtons[number - 1];
            message.Text = button.Text;
            message.Value = button.Value;
        }
        else
        {
            message.Text = line;
        }

        return RunTurnAsync(message, callback, cancellationToken);
    }

    public override async Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activities);
        var responses = new ResourceResponse[activities.Length];
        for (var i = 0; i < activities.Length; i++)
        {
            var activity = activities[i];
            responses[i] = new ResourceResponse { Id = activity.Id ?? NextId() };
            if (ActivityRenderer.Render(activity) is not { } rendered)
            {
                continue;
            }

            // Only the latest buttons answer to a number: older ones have scrolled out of the conversation.
            _lastButtons = rendered.Buttons;
            await _output.WriteLineAsync(rendered.Text.AsMemory(), cancellationToken).ConfigureAwait(false);
            await _output.WriteLineAsync().ConfigureAwait(false);
        }

        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return responses;
    }

    public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A terminal cannot change what it already printed.");

    public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A terminal cannot remove what it already printed.");

    private Task RunTurnAsync(Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken)
    {
        var context = new TurnContext(this, activity);
        return RunPipelineAsync(context, callback, cancellationToken);
    }

    private Activity NewActivity(string type) => new()
    {
        Type = type,
        Id = NextId(),
        ChannelId = _conversation.ChannelId,
        From = _conversation.User,
        Recipient = _conversation.Bot,
        Conversation = _conversation.Conversation,
        ServiceUrl = _conversation.ServiceUrl,
        Locale = _conversation.Locale,
        Timestamp = DateTimeOffset.UtcNow,
    };

    private string NextId() => (++_nextId).ToString(CultureInfo.InvariantCulture);
}
