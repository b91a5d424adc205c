using System.Net.Http.Headers;
using System.Text;

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
