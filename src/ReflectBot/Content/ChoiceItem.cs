using ReflectBot.Framework.Dialogs.Choices;

namespace ReflectBot.Content;

/// <summary>How an answer whose key the bot knows is shown: its button title and other words that pick it.</summary>
[Content]
public partial record ChoiceWords
{
    public required string Title { get; init; }

    public IReadOnlyList<string> Synonyms { get; init; } = [];

    public Choice ToChoice(string key) => new(key) { Title = Title, Synonyms = [.. Synonyms] };
}

/// <summary>One answer a user can pick, as written in the content: its key, its button title and other words that pick it.</summary>
[Content]
public partial record ChoiceItem : ChoiceWords
{
    public required string Key { get; init; }

    public Choice ToChoice() => ToChoice(Key);
}
