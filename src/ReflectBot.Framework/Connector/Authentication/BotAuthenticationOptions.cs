namespace ReflectBot.Framework.Connector.Authentication;

/// <summary>Settings for checking the JWT the Bot Connector sends with each inbound activity.</summary>
public sealed class BotAuthenticationOptions
{
    /// <summary>The bot's app id, the expected token audience. Empty turns authentication off (local use only).</summary>
    public string? MicrosoftAppId { get; set; }

    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    public string Issuer { get; set; } = "https://api.botframework.com";

    /// <summary>Tolerance for clock drift between the channel and this host on exp/nbf.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Least time between two forced metadata refreshes caused by a token with an unknown key id,
    /// so a stream of made-up key ids cannot turn into a stream of requests to the metadata host.
    /// </summary>
    public TimeSpan MetadataRefreshCooldown { get; set; } = TimeSpan.FromMinutes(5);
}
