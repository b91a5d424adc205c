namespace ReflectBot.Framework.Connector.Authentication;

/// <summary>How the bot's Azure app registration is set up (the Azure Bot resource's "type of app").</summary>
public enum MicrosoftAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}

/// <summary>The bot's own identity, used to get tokens for calls to the Bot Connector.</summary>
public sealed class AppCredentialsOptions
{
    /// <summary>Empty means no identity: outbound calls go without a token (local channels only).</summary>
    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public MicrosoftAppType MicrosoftAppType { get; set; } = MicrosoftAppType.MultiTenant;

    /// <summary>Required for SingleTenant; ignored for MultiTenant, which always uses botframework.com.</summary>
    public string? MicrosoftAppTenantId { get; set; }

    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com";

    public string Scope { get; set; } = "https://api.botframework.com/.default";
}
