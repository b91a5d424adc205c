namespace ReflectBot.Framework.Dialogs.Choices;

/// <summary>One option of a choice prompt: the value returned, what is shown, and other words that pick it.</summary>
public sealed class Choice
{
    public Choice() { }

    public Choice(string value) => Value = value;

    public string Value { get; set; } = "";

    /// <summary>The button title; defaults to <see cref="Value"/>.</summary>
    public string? Title { get; set; }

    public List<string>? Synonyms { get; set; }
}

/// <summary>The choice a user picked.</summary>
public sealed class FoundChoice
{
    public string Value { get; set; } = "";

    public int Index { get; set; }

    public double Score { get; set; }

    public string? Synonym { get; set; }
}
