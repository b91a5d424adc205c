using System.Text.Json.Serialization;

namespace ReflectBot.Framework.Schema;

public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }

    /// <summary>The card or file: as received, a JsonElement; as built, the card object itself (a <see cref="HeroCard"/>, a JsonNode ...).</summary>
    [JsonConverter(typeof(PayloadConverter))]
    public object? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }
}

public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction> Actions { get; set; } = [];
}

public sealed class CardAction
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }

    [JsonConverter(typeof(PayloadConverter))]
    public object? Value { get; set; }

    /// <summary>An imBack button: clicking it sends <paramref name="value"/> as the user's text.</summary>
    public static CardAction ImBack(string title, string value) => new()
    {
        Type = ActionTypes.ImBack,
        Title = title,
        Value = value,
    };
}

public static class ActionTypes
{
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
}

public sealed class HeroCard
{
    public string? Title { get; set; }
    public string? Subtitle { get; set; }
    public string? Text { get; set; }
    public List<CardImage>? Images { get; set; }
    public List<CardAction>? Buttons { get; set; }

    public const string ContentType = "application/vnd.microsoft.card.hero";

    public Attachment ToAttachment() => new() { ContentType = ContentType, Content = this };
}

public sealed class CardImage
{
    public string? Url { get; set; }
    public string? Alt { get; set; }
}

public static class AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Wraps an Adaptive Card body (built as JSON) as an attachment.</summary>
    public static Attachment ToAttachment(object card) => new() { ContentType = ContentType, Content = card };
}
