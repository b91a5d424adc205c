namespace ReflectBot.Framework.Connector.Authentication;

/// <summary>Gives the bearer token for outbound Connector calls, or null to call anonymously.</summary>
public interface IAccessTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}
