namespace ReflectBot.Web;

/// <summary>
/// The bot's Azure identity, bound from the top-level keys the Bot Framework uses
/// (<c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppType</c>, <c>MicrosoftAppTenantId</c>).
/// </summary>
public sealed class BotCredentialsOptions
{
    /// <summary>Empty: /api/messages accepts unauthenticated requests (local channels only; a start-up warning says so).</summary>
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    /// <summary><c>MultiTenant</c> (default) or <c>SingleTenant</c>.</summary>
    public string MicrosoftAppType { get; set; } = "MultiTenant";

    /// <summary>Required for SingleTenant.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>The outbound token settings; an unknown app type is a configuration error, named.</summary>
    public ReflectBot.Framework.Connector.Authentication.AppCredentialsOptions ToAppCredentialsOptions() => new()
    {
        MicrosoftAppId = MicrosoftAppId,
        MicrosoftAppPassword = MicrosoftAppPassword,
        MicrosoftAppTenantId = MicrosoftAppTenantId,
        MicrosoftAppType = Enum.TryParse<ReflectBot.Framework.Connector.Authentication.MicrosoftAppType>(MicrosoftAppType, ignoreCase: true, out var type)
            ? type
            : throw new InvalidOperationException($"MicrosoftAppType '{MicrosoftAppType}' is not known. Use MultiTenant or SingleTenant."),
    };
}
