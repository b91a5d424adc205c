using System.Security.Claims;

namespace ReflectBot.Framework.Connector.Authentication;

/// <summary>Why an inbound request was refused; each one maps to a 401.</summary>
public enum AuthenticationFailure
{
    None,
    MissingHeader,
    NotBearerScheme,
    MalformedToken,
    MetadataUnavailable,
    UnknownSigningKey,
    InvalidSignature,
    Expired,
    NotYetValid,
    WrongAudience,
    WrongIssuer,
    NotEndorsedForChannel,
    ServiceUrlMismatch,
    Invalid,
}

/// <summary>The outcome of authenticating one inbound request.</summary>
public sealed class AuthenticationResult
{
    private AuthenticationResult(ClaimsIdentity? identity, AuthenticationFailure failure, string? reason, bool anonymous)
    {
        Identity = identity;
        Failure = failure;
        FailureReason = reason;
        IsAnonymous = anonymous;
    }

    /// <summary>True when the request may go on (a valid token, or authentication is disabled).</summary>
    public bool Succeeded => Failure == AuthenticationFailure.None;

    /// <summary>True when the request was let through only because authentication is disabled.</summary>
    public bool IsAnonymous { get; }

    /// <summary>The token's claims on success; an empty, unauthenticated identity when anonymous.</summary>
    public ClaimsIdentity? Identity { get; }

    public AuthenticationFailure Failure { get; }

    /// <summary>One line, safe to log and to put in a 401 body: never contains the token.</summary>
    public string? FailureReason { get; }

    public static AuthenticationResult Success(ClaimsIdentity identity) => new(identity, AuthenticationFailure.None, null, anonymous: false);

    public static AuthenticationResult Anonymous() => new(new ClaimsIdentity(), AuthenticationFailure.None, null, anonymous: true);

    public static AuthenticationResult Fail(AuthenticationFailure failure, string reason) => new(null, failure, reason, anonymous: false);

    public override string ToString() => Succeeded ? (IsAnonymous ? "anonymous" : "authenticated") : $"{Failure}: {FailureReason}";
}
