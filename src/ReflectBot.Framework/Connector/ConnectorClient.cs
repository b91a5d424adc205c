using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReflectBot.Framework.Connector.Authentication;

namespace ReflectBot.Framework.Connector;

/// <summary>
/// Calls a channel's Bot Connector REST API at the activity's serviceUrl. Bodies are JSON strings,
/// so this knows nothing of the Activity schema. Retries throttling (429), server errors (5xx) and
/// network failures with jittered exponential backoff, honouring Retry-After.
/// </summary>
public sealed class ConnectorClient : Adapters.IConnectorSender
{
    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly IAccessTokenProvider? _tokens;
    private readonly ConnectorClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="tokens">Bearer tokens for each call; null (or a provider returning null) calls anonymously.</param>
    public ConnectorClient(
        HttpClient httpClient,
        IAccessTokenProvider? tokens,
        ConnectorClientOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<ConnectorClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _http = httpClient;
        _tokens = tokens;
        _options = options ?? new ConnectorClientOptions();
        if (_options.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxAttempts must be at least 1.");
        }

        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<ConnectorClient>.Instance;
    }

    public static string SendToConversationPath(string conversationId) =>
        $"v3/conversations/{Escape(conversationId)}/activities";

    public static string ReplyToActivityPath(string conversationId, string activityId) =>
        $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}";

    public static string UpdateActivityPath(string conversationId, string activityId) =>
        ReplyToActivityPath(conversationId, activityId);

    public static string DeleteActivityPath(string conversationId, string activityId) =>
        ReplyToActivityPath(conversationId, activityId);

    public Task<string?> SendToConversationAsync(Uri serviceUrl, string conversationId, string activityJson, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, SendToConversationPath(conversationId), activityJson, cancellationToken);

    public Task<string?> ReplyToActivityAsync(Uri serviceUrl, string conversationId, string replyToId, string activityJson, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, serviceUrl, ReplyToActivityPath(conversationId, replyToId), activityJson, cancellationToken);

    public Task<string?> UpdateActivityAsync(Uri serviceUrl, string conversationId, string activityId, string activityJson, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, serviceUrl, UpdateActivityPath(conversationId, activityId), activityJson, cancellationToken);

    public Task<string?> DeleteActivityAsync(Uri serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, serviceUrl, DeleteActivityPath(conversationId, activityId), null, cancellationToken);

    /// <summary>
    /// Sends one call to <c>{serviceUrl}/{relativePath}</c> and returns the response body, or null
    /// when the body is empty (e.g. a 202 for typing).
    /// </summary>
    /// <exception cref="ConnectorException">The call failed with a non-retryable status, or still failed after the last attempt.</exception>
    /// <exception cref="AppCredentialsException">No token could be obtained for the call.</exception>
    public async Task<string?> SendAsync(HttpMethod method, Uri serviceUrl, string relativePath, string? jsonBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(serviceUrl);
        ArgumentNullException.ThrowIfNull(relativePath);
        var uri = BuildUri(serviceUrl, relativePath);

        for (var attempt = 1; ; attempt++)
        {
            // Asked each time: the provider caches, and a long retry run may outlive a token.
            var token = _tokens is null ? null : await _tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Accept.Add(JsonMediaType);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (jsonBody is not null)
            {
                request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A TaskCanceledException the caller did not ask for is the HttpClient timeout.
                if (attempt >= _options.MaxAttempts)
                {
                    throw new ConnectorException(method, uri, null, null, attempt, ex);
                }

                var wait = Backoff(attempt);
                _logger.LogWarning("Connector {Method} {Host} attempt {Attempt} failed ({Error}); retrying in {Delay}", method, uri.Host, attempt, ex.GetType().Name, wait);
                await _options.Delay(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    return string.IsNullOrEmpty(body) ? null : body;
                }

                if (!IsRetryable(response.StatusCode) || attempt >= _options.MaxAttempts)
                {
                    throw new ConnectorException(method, uri, response.StatusCode, response.ReasonPhrase, attempt);
                }

                var wait = RetryAfter(response) ?? Backoff(attempt);
                _logger.LogWarning("Connector {Method} {Host} attempt {Attempt} got {StatusCode}; retrying in {Delay}", method, uri.Host, attempt, (int)response.StatusCode, wait);
                await _options.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Joins the two without a doubled or missing slash; channels send serviceUrls both with and without one.</summary>
    internal static Uri BuildUri(Uri serviceUrl, string relativePath) =>
        new($"{serviceUrl.AbsoluteUri.TrimEnd('/')}/{relativePath.TrimStart('/')}");

    private static string Escape(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return Uri.EscapeDataString(id);
    }

    /// <summary>Throttling and server faults may pass; 501 will not (the Agents Playground answers DELETE with it).</summary>
    private static bool IsRetryable(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests
        || ((int)status >= 500 && status is not HttpStatusCode.NotImplemented and not HttpStatusCode.HttpVersionNotSupported);

    /// <summary>Exponential backoff with "equal jitter": half the step fixed, half random, so retries from many turns spread out.</summary>
    private TimeSpan Backoff(int failedAttempt)
    {
        var step = _options.BaseDelay.TotalMilliseconds * Math.Pow(2, failedAttempt - 1);
        step = Math.Min(step, _options.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(step / 2 + Random.Shared.NextDouble() * step / 2);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - _time.GetUtcNow() : null);
        if (wait is not { } value)
        {
            return null;
        }

        if (value < TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return value > _options.MaxDelay ? _options.MaxDelay : value;
    }
}
