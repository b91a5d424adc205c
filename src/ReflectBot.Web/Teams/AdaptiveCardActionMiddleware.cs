using System.Text.Json;
using System.Text.Json.Nodes;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;
using IMiddleware = ReflectBot.Framework.Builder.IMiddleware;

namespace ReflectBot.Web.Teams;

/// <summary>
/// Teams sends an Adaptive Card <c>Action.Execute</c> as an <c>invoke</c> named <c>adaptiveCard/action</c> and
/// waits for an invoke response; without one the adapter answers 501 and Teams shows an error on the card.
/// The bot is first given the invoke as it came; if it answers it, that answer stands. Otherwise, since the bot
/// handles card answers as messages (<c>Action.Submit</c> arrives as a message with <c>value</c>), the bot is run
/// again with the invoke presented as such a message (<c>value</c> = the action's data, or the verb as the text
/// when there is no data), and Teams gets <c>{"statusCode":200,"type":"application/vnd.microsoft.activity.message"}</c>.
/// The bot's replies go to the conversation as usual. Text typed into the card is crisis-screened by the safety
/// middleware (it screens every string in an invoke's <c>value</c>) before this runs; if the turn then fails after
/// the crisis reply went out, the invoke is still acknowledged. Because the bot may run twice in one turn, this must be
/// the innermost middleware: nothing but the bot sits between it and <c>next</c>.
/// </summary>
public sealed class AdaptiveCardActionMiddleware(string acknowledgement) : IMiddleware
{
    public const string InvokeName = "adaptiveCard/action";
    private const string MessageResponseType = "application/vnd.microsoft.activity.message";

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (!activity.IsType(ActivityTypes.Invoke) || !string.Equals(activity.Name, InvokeName, StringComparison.Ordinal))
        {
            await next(cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            // A bot that answers the invoke itself keeps its answer.
            await next(cancellationToken).ConfigureAwait(false);
            if (!IsUnanswered(turnContext))
            {
                return;
            }

            await RunAsSubmissionAsync(turnContext, next, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (turnContext.Responded && IsUnanswered(turnContext))
        {
            // The person already has an answer (a crisis reply goes out before state is touched, so a store outage
            // fails the turn only after it): the card went through, and Teams must not mark it failed with a 501.
            await turnContext.SendActivityAsync(InvokeResponseActivity(acknowledgement), CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (IsUnanswered(turnContext))
        {
            await turnContext.SendActivityAsync(InvokeResponseActivity(acknowledgement), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task RunAsSubmissionAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var (type, name, value, text) = (activity.Type, activity.Name, activity.Value, activity.Text);
        var (data, verb) = ReadAction(Payload.AsElement(value));
        activity.Type = ActivityTypes.Message;
        activity.Name = null;
        activity.Value = data;
        activity.Text = data is null ? verb : null;
        try
        {
            await next(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The adapter decides on the invoke response by the activity's type once the turn is over.
            (activity.Type, activity.Name, activity.Value, activity.Text) = (type, name, value, text);
        }
    }

    /// <summary>
    /// No invoke response yet, or only the 501 an <see cref="ActivityHandler"/> gives an invoke it has no handler for
    /// (as the SDK's does): the bot did not answer the card itself.
    /// </summary>
    private static bool IsUnanswered(ITurnContext turnContext) =>
        turnContext is TurnContext { InvokeResponse: null or { Status: 501 } };

    /// <summary><c>value.action.data</c> (an object with the card's inputs merged in) and <c>value.action.verb</c>.</summary>
    internal static (JsonElement? Data, string? Verb) ReadAction(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } v || !v.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        var verb = action.TryGetProperty("verb", out var verbElement) && verbElement.ValueKind == JsonValueKind.String ? verbElement.GetString() : null;
        JsonElement? data = action.TryGetProperty("data", out var dataElement) && dataElement.ValueKind == JsonValueKind.Object && dataElement.EnumerateObject().Any()
            ? dataElement.Clone()
            : null;
        return (data, verb);
    }

    private static Activity InvokeResponseActivity(string message)
    {
        var body = new JsonObject { ["statusCode"] = 200, ["type"] = MessageResponseType, ["value"] = message };
        var value = new JsonObject { ["status"] = 200, ["body"] = body };
        return new Activity
        {
            Type = ActivityTypes.InvokeResponse,
            Value = JsonSerializer.SerializeToElement(value, SchemaJson.Default.JsonObject),
        };
    }
}
