using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ReflectBot.Web.DirectLine;

/// <summary>
/// What a valid token grants: one conversation, as one user, until it expires; from the pages of
/// <paramref name="Origin"/> (the site that asked for it) if it names one, never from another site's pages.
/// </summary>
public sealed record DirectLineToken(string ConversationId, string UserId, DateTimeOffset Expires, string? Origin = null);

/// <summary>
/// Issues and checks Direct Line tokens. A token is <c>base64url(payload).base64url(HMAC-SHA256(payload))</c>,
/// the key derived from the Direct Line secret, so every instance sharing the secret accepts it and nothing
/// has to be stored. The payload names the conversation, the user, the expiry and the origin that asked for it, so
/// a token cannot be moved to another conversation, user or site without breaking the signature. Tokens of the
/// first version (no origin) are still read, so a deploy does not cut off open chats.
/// </summary>
public sealed class DirectLineTokens
{
    private const string Version = "dl2";
    private const string VersionWithoutOrigin = "dl1";
    private const char Separator = '\n';
    private static readonly byte[] KeyInfo = Encoding.UTF8.GetBytes("ReflectBot Direct Line token v1");

    private readonly byte[] _key;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _lifetime;

    public DirectLineTokens(DirectLineSecret secret, IOptions<DirectLineOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret.Value), 32, salt: null, info: KeyInfo);
        _clock = clock;
        _lifetime = options.Value.TokenLifetime;
    }

    /// <summary>Seconds a new token lives, for <c>expires_in</c>.</summary>
    public int LifetimeSeconds => (int)_lifetime.TotalSeconds;

    /// <param name="origin">The normalized origin of the page that asked (see <c>EmbedderOrigins</c>), or null for none.</param>
    public string Issue(string conversationId, string userId, string? origin = null)
    {
        if (!IsValidId(conversationId) || !IsValidId(userId))
        {
            throw new ArgumentException("Conversation and user ids must be 1-128 printable characters.");
        }

        var expires = _clock.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        if (origin is not null && (origin.Length > 512 || origin.Contains(Separator, StringComparison.Ordinal)))
        {
            throw new ArgumentException("An origin is one short line.", nameof(origin));
        }

        var payload = Encoding.UTF8.GetBytes(string.Join(Separator, Version, conversationId, userId, expires.ToString(System.Globalization.CultureInfo.InvariantCulture), nonce, origin ?? ""));
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(_key, payload))}";
    }

    /// <summary>Checks the signature and reads the token; says separately whether it has expired.</summary>
    public TokenCheck Check(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return TokenCheck.Invalid;
        }

        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1)
        {
            return TokenCheck.Invalid;
        }

        byte[] payload, signature;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return TokenCheck.Invalid;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload)))
        {
            return TokenCheck.Invalid;
        }

        var parts = Encoding.UTF8.GetString(payload).Split(Separator);
        var known = (parts.Length == 6 && parts[0] == Version) || (parts.Length == 5 && parts[0] == VersionWithoutOrigin);
        if (!known || !long.TryParse(parts[3], System.Globalization.CultureInfo.InvariantCulture, out var expiresUnix))
        {
            return TokenCheck.Invalid;
        }

        var origin = parts.Length == 6 && parts[5].Length > 0 ? parts[5] : null;
        var claims = new DirectLineToken(parts[1], parts[2], DateTimeOffset.FromUnixTimeSeconds(expiresUnix), origin);
        return new TokenCheck(claims, Expired: _clock.GetUtcNow() >= claims.Expires);
    }

    /// <summary>Ids travel inside tokens and URLs: printable, no separators, bounded.</summary>
    public static bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 128 && !id.AsSpan().ContainsAnyInRange('\0', ' ') && !id.Contains('\u007f');
}

/// <summary>The outcome of reading a token: <see cref="Token"/> is null when it is not one of ours.</summary>
public sealed record TokenCheck(DirectLineToken? Token, bool Expired)
{
    public static TokenCheck Invalid { get; } = new(null, false);

    public bool IsValid => Token is not null && !Expired;
}

/// <summary>The secret in use: configured, or generated at start-up when none is.</summary>
public sealed class DirectLineSecret(string value, bool generated)
{
    public string Value { get; } = value;

    /// <summary>True when no secret was configured and this one exists only in this process.</summary>
    public bool Generated { get; } = generated;

    public static DirectLineSecret From(DirectLineOptions options) =>
        string.IsNullOrWhiteSpace(options.Secret)
            ? new DirectLineSecret(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), generated: true)
            : new DirectLineSecret(options.Secret.Trim(), generated: false);

    /// <summary>Constant-time comparison, so timing does not reveal how much of a guess was right.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(Value));
}
