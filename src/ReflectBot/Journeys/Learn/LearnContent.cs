using ReflectBot.Content;

namespace ReflectBot.Journeys.Learn;

/// <summary>The Learn knowledge base (<c>learn.yaml</c>).</summary>
[Content(File = "learn.yaml")]
public sealed partial record LearnContent
{
    /// <summary>Keys an entry may offer; <c>none</c> offers nothing.</summary>
    public static readonly IReadOnlySet<string> Offers = new HashSet<string>(StringComparer.Ordinal)
    {
        "signs", "reframe", "plan", "rehearse", "therapist", "none",
    };

    /// <summary>This conversation's button on the main menu.</summary>
    public required ChoiceWords Menu { get; init; }
    public required string Intro { get; init; }
    public required string AskMore { get; init; }
    public required string DidYouMean { get; init; }
    public required string SomethingElse { get; init; }
    public required string OfferYes { get; init; }
    public required string OfferNo { get; init; }
    public required string Done { get; init; }
    public required LearnNoMatch NoMatch { get; init; }
    public required IReadOnlyList<LearnEntry> Entries { get; init; }

    public LearnEntry? Find(string id) => Entries.FirstOrDefault(e => e.Id == id);

    private void Validate(ContentNode node)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (entry, item) in Entries.Zip(node.Get("entries").Items()))
        {
            if (!seen.Add(entry.Id))
            {
                throw item.Get("id").Error($"the id '{entry.Id}' is used twice");
            }
        }
    }
}

/// <summary>
/// One answer of the Learn knowledge base: the questions it answers, the keywords that point at it, 2 to 5 sentences,
/// and the conversation to offer after it (<see cref="Offer"/> is a main-menu key, or <c>none</c>).
/// </summary>
[Content]
public sealed partial record LearnEntry
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public required IReadOnlyList<string> Questions { get; init; }
    public required string Answer { get; init; }
    public required string Offer { get; init; }
    public string? OfferText { get; init; }

    private void Validate(ContentNode node)
    {
        if (!LearnContent.Offers.Contains(Offer))
        {
            throw node.Get("offer").Error($"'{Offer}' is not one of {string.Join(", ", LearnContent.Offers)}");
        }

        if (Offer != "none" && string.IsNullOrWhiteSpace(OfferText))
        {
            throw node.Error("an entry that offers a conversation needs offerText");
        }
    }
}

/// <summary>What the bot says when no entry fits well: honest, then the topics it can talk about.</summary>
[Content]
public sealed partial record LearnNoMatch
{
    public required string Text { get; init; }
    public required IReadOnlyList<string> Topics { get; init; }
    public required string After { get; init; }
}
