using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ReflectBot.Framework.Connector.Authentication;

/// <summary>
/// Checks the bearer JWT that the Bot Connector puts on every inbound activity: signature against
/// the keys published in the OpenID metadata, issuer, audience, lifetime, the key's channel
/// endorsements and the token's serviceurl claim.
/// </summary>
public sealed class BotFrameworkAuthentication
{
    private const string BearerScheme = "Bearer";
    private const string ServiceUrlClaim = "serviceurl";
    private const string EndorsementsProperty = "endorsements";

    private readonly BotAuthenticationOptions _options;
    private readonly IDocumentRetriever _documentRetriever;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly JsonWebTokenHandler _tokenHandler = new();
    private readonly SemaphoreSlim _forcedRefreshGate = new(1, 1);

    // Swapped for a fresh manager on a forced refresh: ConfigurationManager.RequestRefresh only
    // schedules a background fetch in IdentityModel 8, and the retry must see the new keys now.
    private volatile ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private DateTimeOffset _lastForcedRefresh = DateTimeOffset.MinValue;

    /// <param name="metadataHttpClient">Used to fetch the OpenID metadata and its JWKS.</param>
    public BotFrameworkAuthentication(
        BotAuthenticationOptions options,
        HttpClient metadataHttpClient,
        TimeProvider? timeProvider = null,
        ILogger<BotFrameworkAuthentication>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metadataHttpClient);
        _options = options;
        _documentRetriever = new HttpDocumentRetriever(metadataHttpClient) { RequireHttps = true };
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<BotFrameworkAuthentication>.Instance;
        _metadata = CreateMetadataManager();
    }

    /// <summary>
    /// True when no app id is configured: every request is let through as anonymous. Meant for
    /// local tools (Emulator, Agents Playground) only; the host should warn about it at start-up.
    /// </summary>
    public bool IsAuthenticationDisabled => string.IsNullOrWhiteSpace(_options.MicrosoftAppId);

    /// <param name="authorizationHeader">The raw Authorization header value, e.g. "Bearer eyJ...".</param>
    /// <param name="channelId">The activity's channelId; must be endorsed by the signing key when it carries endorsements.</param>
    /// <param name="serviceUrl">The activity's serviceUrl; must equal the token's serviceurl claim.</param>
    public async Task<AuthenticationResult> AuthenticateAsync(
        string? authorizationHeader, string channelId, string serviceUrl, CancellationToken cancellationToken)
    {
        if (IsAuthenticationDisabled)
        {
            return AuthenticationResult.Anonymous();
        }

        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            return AuthenticationResult.Fail(AuthenticationFailure.MissingHeader, "Authorization header is missing.");
        }

        var header = authorizationHeader.Trim();
        var space = header.IndexOf(' ');
        if (space <= 0 || !header[..space].Equals(BearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Fail(AuthenticationFailure.NotBearerScheme, "Authorization header must use the Bearer scheme.");
        }

        var rawToken = header[(space + 1)..].Trim();
        JsonWebToken token;
        try
        {
            token = _tokenHandler.ReadJsonWebToken(rawToken);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return AuthenticationResult.Fail(AuthenticationFailure.MalformedToken, "Bearer token is not a readable JWT.");
        }

        if (string.IsNullOrEmpty(token.Kid))
        {
            return AuthenticationResult.Fail(AuthenticationFailure.UnknownSigningKey, "Token names no signing key (kid).");
        }

        OpenIdConnectConfiguration? metadata;
        try
        {
            metadata = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            if (!HasKey(metadata, token.Kid))
            {
                metadata = await RefreshForUnknownKeyAsync(token.Kid, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException ex)
        {
            _logger.LogError(ex, "Could not load Bot Framework OpenID metadata from {MetadataUrl}", _options.OpenIdMetadataUrl);
            return AuthenticationResult.Fail(AuthenticationFailure.MetadataUnavailable, "Signing keys could not be loaded.");
        }

        if (metadata is null || !HasKey(metadata, token.Kid))
        {
            return AuthenticationResult.Fail(AuthenticationFailure.UnknownSigningKey, "Token is signed with a key the metadata does not publish.");
        }

        var validation = await _tokenHandler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.MicrosoftAppId,
            IssuerSigningKeys = metadata.SigningKeys,
            // Only the key the token names: a token re-signed by another key under a known kid must fail.
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = _options.ClockSkew,
        }).ConfigureAwait(false);

        if (!validation.IsValid)
        {
            return Describe(validation.Exception);
        }

        var endorsements = EndorsementsOf(metadata, token.Kid);
        if (endorsements is not null && !endorsements.Contains(channelId ?? string.Empty, StringComparer.OrdinalIgnoreCase))
        {
            return AuthenticationResult.Fail(AuthenticationFailure.NotEndorsedForChannel, $"Signing key is not endorsed for channel '{channelId}'.");
        }

        var claimedServiceUrl = validation.ClaimsIdentity.FindFirst(ServiceUrlClaim)?.Value;
        if (claimedServiceUrl is null || !ServiceUrlsMatch(claimedServiceUrl, serviceUrl))
        {
            return AuthenticationResult.Fail(AuthenticationFailure.ServiceUrlMismatch, "Token serviceurl claim does not match the activity's serviceUrl.");
        }

        return AuthenticationResult.Success(validation.ClaimsIdentity);
    }

    /// <summary>
    /// Same endpoint and host, ignoring a trailing slash; scheme and host compare case-insensitively
    /// (Uri lower-cases them), the path case-sensitively.
    /// </summary>
    internal static bool ServiceUrlsMatch(string a, string b)
    {
        if (Uri.TryCreate(a, UriKind.Absolute, out var left) && Uri.TryCreate(b, UriKind.Absolute, out var right))
        {
            return Uri.Compare(left, right, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
                && string.Equals(left.AbsolutePath.TrimEnd('/'), right.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal)
                && string.Equals(left.Query, right.Query, StringComparison.Ordinal);
        }

        return string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<OpenIdConnectConfiguration?> RefreshForUnknownKeyAsync(string kid, CancellationToken cancellationToken)
    {
        await _forcedRefreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have refreshed while this one waited.
            var current = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            if (HasKey(current, kid))
            {
                return current;
            }

            var now = _time.GetUtcNow();
            if (now - _lastForcedRefresh < _options.MetadataRefreshCooldown)
            {
                return current;
            }

            _lastForcedRefresh = now;
            _logger.LogInformation("Token signed with unknown key id {KeyId}; refreshing Bot Framework signing keys", kid);
            var fresh = CreateMetadataManager();
            var refreshed = await fresh.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            _metadata = fresh;
            return refreshed;
        }
        finally
        {
            _forcedRefreshGate.Release();
        }
    }

    private ConfigurationManager<OpenIdConnectConfiguration> CreateMetadataManager() =>
        new(_options.OpenIdMetadataUrl, new OpenIdConnectConfigurationRetriever(), _documentRetriever);

    private static bool HasKey(OpenIdConnectConfiguration metadata, string kid) =>
        metadata.SigningKeys.Any(key => string.Equals(key.KeyId, kid, StringComparison.Ordinal));

    /// <summary>The JWK's "endorsements" array, or null when the key carries none (then any channel is fine).</summary>
    private static IReadOnlyList<string>? EndorsementsOf(OpenIdConnectConfiguration metadata, string kid)
    {
        var jwk = metadata.JsonWebKeySet?.Keys.FirstOrDefault(key => string.Equals(key.Kid, kid, StringComparison.Ordinal));
        if (jwk is null || !jwk.AdditionalData.TryGetValue(EndorsementsProperty, out var value) || value is null)
        {
            return null;
        }

        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(item => item.ValueKind == JsonValueKind.String)
                .Select(item => item.GetString()!)
                .ToList(),
            IEnumerable<object> items => items.Select(item => item?.ToString() ?? string.Empty).ToList(),
            // A malformed endorsements value endorses nothing rather than everything.
            _ => [],
        };
    }

    private static AuthenticationResult Describe(Exception? exception) => exception switch
    {
        SecurityTokenInvalidAlgorithmException => AuthenticationResult.Fail(AuthenticationFailure.InvalidSignature, "Token uses a signing algorithm that is not accepted."),
        SecurityTokenExpiredException => AuthenticationResult.Fail(AuthenticationFailure.Expired, "Token has expired."),
        SecurityTokenNotYetValidException => AuthenticationResult.Fail(AuthenticationFailure.NotYetValid, "Token is not valid yet."),
        SecurityTokenInvalidAudienceException => AuthenticationResult.Fail(AuthenticationFailure.WrongAudience, "Token audience is not this bot's app id."),
        SecurityTokenInvalidIssuerException => AuthenticationResult.Fail(AuthenticationFailure.WrongIssuer, "Token issuer is not trusted."),
        SecurityTokenSignatureKeyNotFoundException => AuthenticationResult.Fail(AuthenticationFailure.UnknownSigningKey, "Token is signed with a key the metadata does not publish."),
        SecurityTokenInvalidSignatureException => AuthenticationResult.Fail(AuthenticationFailure.InvalidSignature, "Token signature is invalid."),
        _ => AuthenticationResult.Fail(AuthenticationFailure.Invalid, "Token is not valid."),
    };
}
