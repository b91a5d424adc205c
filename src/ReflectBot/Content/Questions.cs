namespace ReflectBot.Content;

/// <summary>A question answered by picking one of its choices; the key of each choice is what the bot acts on.</summary>
[Content]
public sealed partial record ChoiceQuestion<TChoice>
    where TChoice : ChoiceItem, IContent<TChoice>
{
    public required string Prompt { get; init; }
    public required string Retry { get; init; }
    public required IReadOnlyList<TChoice> Choices { get; init; }
}

/// <summary>A question answered in the user's own words.</summary>
[Content]
public sealed partial record TextQuestion
{
    public required string Prompt { get; init; }
    public required string Retry { get; init; }
}
