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

/// <summary>
/// A stand-in sender over a plain HttpClient: no token, no retries. Good for local channels (the Agents
/// Playground, tests); replaced by the connector client that authenticates before Teams is used for real.
/// </summary>
public sealed class HttpConnectorSender(HttpClient httpClient) : IConnectorSender
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    public async Task<string?> SendAsync(HttpMethod method, Uri serviceUrl, string relativePath, string? jsonBody, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(relativePath);

        // Channels send serviceUrls with and without a trailing slash.
        var uri = new Uri($"{serviceUrl.AbsoluteUri.TrimEnd('/')}/{relativePath.TrimStart('/')}");
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(Json);
        if (jsonBody is not null)
        {
            request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
        }

        using var response = await httpClient.SendAsync(request, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"Connector {method} {uri.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}.",
                null,
                response.StatusCode);
        }

        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return string.IsNullOrEmpty(body) ? null : body;
    }
}
