namespace ReflectBot.Web.Limits;

/// <summary>
/// How fast new chats may begin (section <c>WebChat:StartLimits</c>): web chat tokens minted and Direct Line
/// conversations created, per client address and over all addresses, per minute. Beyond them the answer is 429 with
/// Retry-After. Calls made with the Direct Line secret (a trusted server) are not counted. 0 turns a limit off.
/// Nothing here touches a conversation that has already begun.
/// </summary>
public sealed class StartLimitsOptions
{
    public const string SectionName = "WebChat:StartLimits";

    /// <summary>Tokens one address may mint per minute (one per page load of the bot's page or a new widget chat).</summary>
    public int TokensPerAddressPerMinute { get; set; } = 30;

    /// <summary>Tokens all addresses together may mint per minute.</summary>
    public int TokensPerMinute { get; set; } = 1200;

    /// <summary>Conversations one address may start per minute.</summary>
    public int ConversationsPerAddressPerMinute { get; set; } = 30;

    /// <summary>Conversations all addresses together may start per minute.</summary>
    public int ConversationsPerMinute { get; set; } = 1200;
}
