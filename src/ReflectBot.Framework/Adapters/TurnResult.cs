using System.Text.Json;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Adapters;

/// <summary>What the host answers the channel's HTTP request with once the turn is over.</summary>
public sealed class TurnResult
{
    private TurnResult(int status, object? body)
    {
        Status = status;
        Body = body;
    }

    /// <summary>The HTTP status for the inbound request.</summary>
    public int Status { get; }

    /// <summary>Null, an <see cref="ExpectedReplies"/> (expectReplies), or a <see cref="JsonElement"/> (an invoke's body).</summary>
    public object? Body { get; }

    /// <summary>Replies went to the serviceUrl (or there were none): 200, empty body.</summary>
    public static TurnResult Ok { get; } = new(200, null);

    /// <summary>
    /// An invoke nobody answered. The SDK answers 501 here and so do we: the channel then shows its own
    /// "could not complete" instead of pretending the card action worked.
    /// </summary>
    public static TurnResult NotImplemented { get; } = new(501, null);

    public static TurnResult Replies(ExpectedReplies replies) => new(200, replies ?? throw new ArgumentNullException(nameof(replies)));

    public static TurnResult Invoke(InvokeResponse response) => new(response.Status, response.Body);

    private string? _json;

    /// <summary>
    /// The body as JSON text (source-generated serialisation), or null when there is none. Made once: the host writes
    /// it to the response and the deduplicator keeps it for retries, and the replies do not change after the turn.
    /// </summary>
    public string? SerializeBody() => _json ??= Body switch
    {
        null => null,
        ExpectedReplies replies => JsonSerializer.Serialize(replies, SchemaJson.Default.ExpectedReplies),
        JsonElement element => element.GetRawText(),
        _ => throw new InvalidOperationException($"Unexpected turn result body {Body.GetType().Name}."),
    };
}
