using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ReflectBot.Framework.Connector.Authentication;

/// <summary>
/// Gets OAuth2 client-credentials tokens for the bot's calls to the Bot Connector, caches each one
/// until shortly before it expires, and lets concurrent callers share a single token request.
/// </summary>
public sealed class AppCredentials : IAccessTokenProvider
{
    /// <summary>The multi-tenant bot registrations' token tenant.</summary>
    public const string BotFrameworkTenant = "botframework.com";

    /// <summary>A token is renewed this long before it expires, so a call never goes out with a dying token.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly AppCredentialsOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private CachedToken? _cached;
    private Task<CachedToken>? _pending;

    /// <exception cref="InvalidOperationException">The options describe an identity this runtime cannot use.</exception>
    public AppCredentials(
        AppCredentialsOptions options,
        HttpClient httpClient,
        TimeProvider? timeProvider = null,
        ILogger<AppCredentials>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        _options = options;
        _http = httpClient;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<AppCredentials>.Instance;

        if (IsAnonymous)
        {
            return;
        }

        if (options.MicrosoftAppType == MicrosoftAppType.UserAssignedMSI)
        {
            throw new InvalidOperationException(
                "MicrosoftAppType UserAssignedMSI is not supported: managed identity tokens need the Azure instance metadata service. Use MultiTenant or SingleTenant with MicrosoftAppPassword.");
        }

        if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            throw new InvalidOperationException("MicrosoftAppPassword is required when MicrosoftAppId is set.");
        }

        string tenant;
        if (options.MicrosoftAppType == MicrosoftAppType.SingleTenant)
        {
            if (string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
            {
                throw new InvalidOperationException("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.");
            }

            tenant = options.MicrosoftAppTenantId.Trim();
        }
        else
        {
            tenant = BotFrameworkTenant;
        }

        if (!Uri.TryCreate(options.AuthorityHost.TrimEnd('/'), UriKind.Absolute, out var authority))
        {
            throw new InvalidOperationException($"AuthorityHost '{options.AuthorityHost}' is not an absolute URL.");
        }

        TokenEndpoint = new Uri($"{authority.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(tenant)}/oauth2/v2.0/token");
    }

    /// <summary>True when no app id is configured: no token is ever requested.</summary>
    public bool IsAnonymous => string.IsNullOrWhiteSpace(_options.MicrosoftAppId);

    /// <summary>Where tokens come from; null when anonymous.</summary>
    public Uri? TokenEndpoint { get; }

    /// <summary>A valid access token, or null when anonymous.</summary>
    /// <exception cref="AppCredentialsException">The token endpoint refused or could not be reached.</exception>
    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (IsAnonymous)
        {
            return null;
        }

        Task<CachedToken> pending;
        lock (_gate)
        {
            if (_cached is { } cached && _time.GetUtcNow() < cached.RenewAt)
            {
                return cached.AccessToken;
            }

            pending = _pending ??= FetchAndCacheAsync();
        }

        // One caller giving up must not cancel the request the others are waiting on.
        var token = await pending.WaitAsync(cancellationToken).ConfigureAwait(false);
        return token.AccessToken;
    }

    private async Task<CachedToken> FetchAndCacheAsync()
    {
        // Return to the caller first so _pending is assigned before this can complete and clear it.
        await Task.Yield();
        try
        {
            var token = await RequestTokenAsync().ConfigureAwait(false);
            lock (_gate)
            {
                _cached = token;
            }

            return token;
        }
        finally
        {
            lock (_gate)
            {
                _pending = null;
            }
        }
    }

    private async Task<CachedToken> RequestTokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = _options.MicrosoftAppId!,
                ["client_secret"] = _options.MicrosoftAppPassword!,
                ["scope"] = _options.Scope,
            }),
        };

        // Expiry counts from before the request went out, never from after a slow answer.
        var requestedAt = _time.GetUtcNow();
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // No caller token is passed in, so a cancellation here is the HttpClient timeout.
            throw new AppCredentialsException($"Token endpoint {TokenEndpoint} could not be reached: {ex.Message}", innerException: ex);
        }

        using (response)
        {
            var parsed = ReadTokenResponse(await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false));
            if (!response.IsSuccessStatusCode)
            {
                var error = parsed.Error;
                _logger.LogError("Token request to {TokenEndpoint} failed with {StatusCode} {Error}", TokenEndpoint, (int)response.StatusCode, error);
                throw new AppCredentialsException(
                    $"Token request to {TokenEndpoint} failed: {(int)response.StatusCode} {response.ReasonPhrase}{(error is null ? "" : $" ({error})")}.",
                    response.StatusCode,
                    error);
            }

            if (string.IsNullOrEmpty(parsed.AccessToken) || parsed.ExpiresIn is not { } expiresIn)
            {
                throw new AppCredentialsException($"Token response from {TokenEndpoint} has no access_token or expires_in.", response.StatusCode);
            }

            return new CachedToken(parsed.AccessToken, requestedAt + TimeSpan.FromSeconds(expiresIn) - RefreshMargin);
        }
    }

    /// <summary>Reads the OAuth response fields; expires_in is a number in v2 responses but a string in some older ones.</summary>
    private static TokenResponse ReadTokenResponse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            string? Text(string name) =>
                root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

            double? expiresIn = root.TryGetProperty("expires_in", out var expires)
                ? expires.ValueKind switch
                {
                    JsonValueKind.Number => expires.GetDouble(),
                    JsonValueKind.String when double.TryParse(expires.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) => seconds,
                    _ => null,
                }
                : null;

            return new TokenResponse(Text("access_token"), expiresIn, Text("error"));
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private readonly record struct TokenResponse(string? AccessToken, double? ExpiresIn, string? Error);

    private sealed record CachedToken(string AccessToken, DateTimeOffset RenewAt);
}
