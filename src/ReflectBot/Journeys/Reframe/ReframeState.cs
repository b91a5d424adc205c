using System.Text.Json.Serialization;

namespace ReflectBot.Journeys.Reframe;

/// <summary>The four parts of an "I feel" statement, each as it will read in it (empty until given).</summary>
public sealed class StatementParts
{
    public string Observation { get; set; } = "";

    public string Feeling { get; set; } = "";

    public string Need { get; set; } = "";

    public string Request { get; set; } = "";
}

/// <summary>
/// How <see cref="FeelingDialog"/> asks this time: first with the feeling families; after a faux feeling or a
/// thought, with the <see cref="Hint"/> and the feelings that may lie under it as buttons (<see cref="Offered"/>).
/// <see cref="Needs"/> gathers the needs such words point to, offered first when the need is asked.
/// </summary>
public sealed class FeelingQuestion
{
    public List<string>? Offered { get; set; }

    public string? Hint { get; set; }

    public List<string> Needs { get; set; } = [];

    public int Tries { get; set; }
}

/// <summary>The feeling, as it will read in the statement, and the needs to offer first.</summary>
public sealed record FeelingAnswer(string Feeling, List<string> LikelyNeeds);

/// <summary>How <see cref="NeedDialog"/> asks: needs suggested by the feeling, or groups, then the words offered as buttons.</summary>
public sealed class NeedQuestion
{
    public List<string> Suggested { get; set; } = [];

    public List<string>? Offered { get; set; }
}

/// <summary>The statement under review, and the part being changed (null while choosing, or once saved).</summary>
public sealed class StatementReview
{
    public StatementParts Parts { get; set; } = new();

    public string? Changing { get; set; }
}

/// <summary>The reframe journey's state types, for saving with the dialog stack.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatementParts))]
[JsonSerializable(typeof(FeelingQuestion))]
[JsonSerializable(typeof(FeelingAnswer))]
[JsonSerializable(typeof(NeedQuestion))]
[JsonSerializable(typeof(StatementReview))]
internal sealed partial class ReframeStateJson : JsonSerializerContext;
