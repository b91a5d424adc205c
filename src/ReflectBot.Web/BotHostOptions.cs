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

/// <summary>Which store keeps conversation and user state (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (default, embedded file), <c>Memory</c> (lost on restart) or <c>Redis</c> (several instances).</summary>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>
    /// For Sqlite: a Microsoft.Data.Sqlite connection string (a relative Data Source is under the content root).
    /// For Redis: a StackExchange.Redis configuration string, e.g. <c>host:6380,ssl=true,password=...</c>.
    /// </summary>
    public string? ConnectionString { get; set; }
}

public static class StorageProviders
{
    public const string Sqlite = "Sqlite";
    public const string Memory = "Memory";
    public const string Redis = "Redis";
}
