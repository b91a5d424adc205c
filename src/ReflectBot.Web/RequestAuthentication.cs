using System.Security.Claims;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Web;

/// <summary>
/// Decides whether an inbound /api/messages request may run a turn. The single seam where Bot Connector
/// JWT validation plugs in (<see cref="BotConnectorRequestAuthenticator"/>); without an app id
/// <see cref="PassThroughRequestAuthenticator"/> lets everything through.
/// </summary>
public interface IRequestAuthenticator
{
    Task<RequestAuthenticationResult> AuthenticateAsync(HttpRequest request, Activity activity, CancellationToken cancellationToken);
}

public sealed class RequestAuthenticationResult
{
    private RequestAuthenticationResult(ClaimsIdentity? identity, string? failureReason)
    {
        Identity = identity;
        FailureReason = failureReason;
    }

    public bool Succeeded => FailureReason is null;

    /// <summary>The caller's claims when it succeeded (empty and unauthenticated for a pass-through).</summary>
    public ClaimsIdentity? Identity { get; }

    /// <summary>One line, safe to return in a 401 body; never contains the token.</summary>
    public string? FailureReason { get; }

    public static RequestAuthenticationResult Allowed(ClaimsIdentity identity) => new(identity ?? throw new ArgumentNullException(nameof(identity)), null);

    public static RequestAuthenticationResult Refused(string reason) => new(null, string.IsNullOrWhiteSpace(reason) ? "Unauthorized." : reason);
}

/// <summary>Accepts every request without looking at it. Only for local channels; the host warns at start-up.</summary>
public sealed class PassThroughRequestAuthenticator : IRequestAuthenticator
{
    public Task<RequestAuthenticationResult> AuthenticateAsync(HttpRequest request, Activity activity, CancellationToken cancellationToken) =>
        Task.FromResult(RequestAuthenticationResult.Allowed(new ClaimsIdentity()));
}

/// <summary>Bot Connector JWT validation: signature, issuer, audience, lifetime, endorsements and serviceUrl.</summary>
public sealed class BotConnectorRequestAuthenticator(ReflectBot.Framework.Connector.Authentication.BotFrameworkAuthentication authentication) : IRequestAuthenticator
{
    public async Task<RequestAuthenticationResult> AuthenticateAsync(HttpRequest request, Activity activity, CancellationToken cancellationToken)
    {
        var result = await authentication.AuthenticateAsync(
            request.Headers.Authorization.ToString(), activity.ChannelId ?? "", activity.ServiceUrl ?? "", cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? RequestAuthenticationResult.Allowed(result.Identity ?? new ClaimsIdentity())
            : RequestAuthenticationResult.Refused(result.FailureReason ?? "Unauthorized.");
    }
}
