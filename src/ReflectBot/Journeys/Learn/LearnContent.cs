using ReflectBot.Content;

namespace ReflectBot.Journeys.Learn;

/// <summary>
/// One answer of the Learn knowledge base: the questions it answers, the keywords that point at it, 2 to 5 sentences,
/// and the conversation to offer after it (<see cref="Offer"/> is a main-menu key, or <c>none</c>).
/// </summary>
public sealed record LearnEntry(
    string Id,
    string Title,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Questions,
    string Answer,
    string Offer,
    string? OfferText);

/// <summary>What the bot says when no entry fits well: honest, then the topics it can talk about.</summary>
public sealed record LearnNoMatch(string Text, IReadOnlyList<string> Topics, string After);

/// <summary>The Learn knowledge base (<c>learn.yaml</c>).</summary>
public sealed class LearnContent : IBotContent
{
    /// <summary>Keys an entry may offer; <c>none</c> offers nothing.</summary>
    public static readonly IReadOnlySet<string> Offers = new HashSet<string>(StringComparer.Ordinal)
    {
        "signs", "reframe", "plan", "rehearse", "therapist", "none",
    };

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

    public static LearnContent Load(ContentSource source)
    {
        var root = source.LocaleFile("learn.yaml");
        var noMatch = root.Get("noMatch");
        var entries = new List<LearnEntry>();
        foreach (var item in root.Get("entries").Items())
        {
            var entry = new LearnEntry(
                item.Get("id").Text(),
                item.Get("title").Text(),
                item.Get("keywords").Texts(),
                item.Get("questions").Texts(),
                item.Get("answer").Text(),
                item.Get("offer").Text(),
                item.TryGet("offerText")?.Text());
            if (entry.Questions.Count == 0)
            {
                throw item.Get("questions").Error("needs at least one question");
            }

            if (!Offers.Contains(entry.Offer))
            {
                throw item.Get("offer").Error($"'{entry.Offer}' is not one of {string.Join(", ", Offers)}");
            }

            if (entry.Offer != "none" && string.IsNullOrWhiteSpace(entry.OfferText))
            {
                throw item.Error("an entry that offers a conversation needs offerText");
            }

            if (entries.Any(e => e.Id == entry.Id))
            {
                throw item.Get("id").Error($"the id '{entry.Id}' is used twice");
            }

            entries.Add(entry);
        }

        if (entries.Count == 0)
        {
            throw root.Get("entries").Error("needs at least one entry");
        }

        return new LearnContent
        {
            Intro = root.Get("intro").Text(),
            AskMore = root.Get("askMore").Text(),
            DidYouMean = root.Get("didYouMean").Text(),
            SomethingElse = root.Get("somethingElse").Text(),
            OfferYes = root.Get("offerYes").Text(),
            OfferNo = root.Get("offerNo").Text(),
            Done = root.Get("done").Text(),
            NoMatch = new LearnNoMatch(noMatch.Get("text").Text(), noMatch.Get("topics").Texts(), noMatch.Get("after").Text()),
            Entries = entries,
        };
    }
}
