namespace ReflectBot.Framework.Dialogs.Choices;

/// <summary>One option of a choice prompt: the value returned, what is shown, and other words that pick it.</summary>
public sealed class Choice
{
    public Choice() { }

    public Choice(string value) => Value = value;

    public string Value { get; set; } = "";

    /// <summary>The button to show instead of the default imBack (its title is the choice's title).</summary>
    public Schema.CardAction? Action { get; set; }

    /// <summary>The title shown; defaults to the action's title, then to <see cref="Value"/>. (ReflectBot's; the SDK uses <see cref="Action"/> alone.)</summary>
    public string? Title { get; set; }

    public List<string>? Synonyms { get; set; }

    /// <summary>What a user sees for this choice.</summary>
    internal string DisplayTitle => Action?.Title is { Length: > 0 } actionTitle ? actionTitle : string.IsNullOrWhiteSpace(Title) ? Value : Title;
}

/// <summary>The choice a user picked.</summary>
public sealed class FoundChoice
{
    public string Value { get; set; } = "";

    public int Index { get; set; }

    public double Score { get; set; }

    public string? Synonym { get; set; }
}
