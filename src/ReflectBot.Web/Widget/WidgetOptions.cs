namespace ReflectBot.Web.Widget;

/// <summary>
/// Which other sites may embed the web chat (the <c>widget.js</c> snippet or the <c>/embed</c> frame), and where
/// quick exit goes by default (section <c>WebChat</c>).
/// </summary>
public sealed class WidgetOptions
{
    public const string SectionName = "WebChat";

    /// <summary>
    /// Origins (<c>https://counselling.example</c>: scheme, host and port, no path) allowed to embed the chat. Only
    /// these get CORS on the token endpoint and Direct Line and are named in <c>frame-ancestors</c>. Empty: the chat
    /// runs on the bot's own pages only.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Where quick exit sends the visitor when the snippet names no <c>data-exit-url</c>: a page that gives nothing
    /// away to someone looking over their shoulder.
    /// </summary>
    public string QuickExitUrl { get; set; } = "https://www.bbc.co.uk/weather";
}
