namespace ReflectBot.Framework.Adapters;

/// <summary>
/// Sends one call to a channel's Bot Connector REST API (<c>{serviceUrl}/{relativePath}</c>) and returns the
/// response body, or null when it is empty. The adapter needs nothing more, so the real connector client
/// (token, retries) plugs in behind this.
/// </summary>
public interface IConnectorSender
{
    Task<string?> SendAsync(HttpMethod method, Uri serviceUrl, string relativePath, string? jsonBody, CancellationToken ct);
}

/// <summary>
/// A sender that keeps a reply once however often it is posted (recognised by the reply's id), for the channels where
/// it can (<see cref="CanReplay"/>). For those the adapter stores a turn's held replies with its "handled" record, and
/// a retry that finds the turn handled posts them again: the instance that ran it may have died between recording it
/// and posting the last of them. Senders that cannot tell a repeat (a real Bot Connector) are never replayed to.
/// </summary>
public interface IReplayableConnectorSender
{
    bool CanReplay(Uri serviceUrl);
}
