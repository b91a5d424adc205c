namespace ReflectBot.Web.DirectLine;

/// <summary>Settings of the Direct Line 3.0 endpoint the bot hosts for Web Chat (section <c>DirectLine</c>).</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// The Direct Line secret: lets a trusted server start conversations and mint tokens. Empty: a random one is
    /// generated at start-up, which is all the web chat page needs (it gets tokens from <c>/api/webchat/token</c>),
    /// but tokens then do not survive a restart and are not shared between instances.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>How long a token lives; DirectLineJS refreshes every 15 minutes assuming 30.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Activities kept per conversation; older ones are dropped (a client that far behind skips them).</summary>
    public int MaxBacklog { get; set; } = 500;

    /// <summary>A conversation nobody has read from or written to for this long is forgotten (in Redis: the keys' expiry).</summary>
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// At most this many conversations are open at once (those idle past <see cref="ConversationIdleTimeout"/> do not
    /// count): in memory per instance, in Redis over all instances. At the cap a new conversation is refused with 503 and
    /// Retry-After; conversations already open are never pushed out to make room.
    /// </summary>
    public int MaxConversations { get; set; } = 10_000;

    /// <summary>Open WebSockets this instance holds at most; beyond it a new stream is refused with 503 and Retry-After.</summary>
    public int MaxSockets { get; set; } = 10_000;

    /// <summary>Open WebSockets one client address (an IPv6 /64) may hold on this instance; beyond it 429.</summary>
    public int MaxSocketsPerAddress { get; set; } = 100;

    /// <summary>
    /// WebSockets one conversation may hold; a newer one closes the oldest (a client reconnecting after a network change
    /// must get through even while its old socket lingers).
    /// </summary>
    public int MaxSocketsPerConversation { get; set; } = 3;

    /// <summary>
    /// A socket on which nothing has happened for this long (no activity sent, nothing received: Web Chat pings every
    /// 20 s, so a live page never gets there) is closed; the client reconnects when it needs to.
    /// </summary>
    public TimeSpan SocketIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Posts a token may make at once before 429 (a token bucket's size).</summary>
    public int PostBurst { get; set; } = 10;

    /// <summary>Posts per second the bucket refills with.</summary>
    public int PostsPerSecond { get; set; } = 10;

    /// <summary>How often an idle WebSocket gets an empty keep-alive frame (proxies close silent sockets).</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The bot's account in Direct Line conversations.</summary>
    public string BotId { get; set; } = "reflectbot";

    public string BotName { get; set; } = "ReflectBot";
}
