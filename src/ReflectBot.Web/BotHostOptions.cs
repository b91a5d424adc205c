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
}
