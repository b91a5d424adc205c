namespace ReflectBot.Content;

/// <summary>One main-menu entry: the conversation it starts, its button title and other words that pick it.</summary>
public sealed record MenuEntry(string Key, string Title, IReadOnlyList<string> Synonyms);

/// <summary>The words used everywhere (<c>common.yaml</c>): welcome, menu, help, global commands.</summary>
public sealed class CommonContent : IBotContent
{
    public required string Greeting { get; init; }
    public required string Disclaimer { get; init; }
    public required string Returning { get; init; }
    public required string MenuPrompt { get; init; }
    public required string MenuRetry { get; init; }
    public required string MenuAfterBranch { get; init; }
    public required IReadOnlyList<MenuEntry> Menu { get; init; }
    public required string Help { get; init; }
    public required IReadOnlyList<string> HelpCommands { get; init; }
    public required IReadOnlyList<string> MenuCommands { get; init; }
    public required IReadOnlyList<string> StartOverCommands { get; init; }
    public required IReadOnlyList<string> CancelCommands { get; init; }
    public required string Cancelled { get; init; }
    public required string StartingOver { get; init; }
    public required string StackReset { get; init; }
    public required string Error { get; init; }

    /// <summary>Said when a turn ran past its time limit and was dropped: nothing of it was kept.</summary>
    public required string TookTooLong { get; init; }
    public required string TooLong { get; init; }
    public required string NotUnderstood { get; init; }

    /// <summary>The short line Teams shows under a card once an <c>Action.Execute</c> on it went through.</summary>
    public required string CardActionReceived { get; init; }

    public static CommonContent Load(ContentSource source)
    {
        var root = source.LocaleFile("common.yaml");
        var welcome = root.Get("welcome");
        var menu = root.Get("menu");
        var commands = root.Get("commands");
        return new CommonContent
        {
            Greeting = welcome.Get("greeting").Text(),
            Disclaimer = welcome.Get("disclaimer").Text(),
            Returning = welcome.Get("returning").Text(),
            MenuPrompt = menu.Get("prompt").Text(),
            MenuRetry = menu.Get("retry").Text(),
            MenuAfterBranch = menu.Get("afterBranch").Text(),
            Menu = menu.Get("choices").Items()
                .Select(c => new MenuEntry(c.Get("key").Text(), c.Get("title").Text(), c.TryGet("synonyms")?.Texts() ?? []))
                .ToList(),
            Help = root.Get("help").Text(),
            HelpCommands = commands.Get("help").Texts(),
            MenuCommands = commands.Get("menu").Texts(),
            StartOverCommands = commands.Get("startOver").Texts(),
            CancelCommands = commands.Get("cancel").Texts(),
            Cancelled = root.Get("cancelled").Text(),
            StartingOver = root.Get("startingOver").Text(),
            StackReset = root.Get("stackReset").Text(),
            Error = root.Get("error").Text(),
            TookTooLong = root.Get("tookTooLong").Text(),
            TooLong = root.Get("tooLong").Text(),
            NotUnderstood = root.Get("notUnderstood").Text(),
            CardActionReceived = root.Get("cardActionReceived").Text(),
        };
    }
}
