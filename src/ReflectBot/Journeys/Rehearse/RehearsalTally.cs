using System.Text.Json.Nodes;
using ReflectBot.Content;
using ReflectBot.Journeys.Reframe.Analysis;
using ReflectBot.State;

namespace ReflectBot.Journeys.Rehearse;

/// <summary>
/// What the user's lines added up to, kept in the role-play's saved state (a JsonObject) between turns.
/// Each count is of lines, not findings: "two of your four lines started from I".
/// </summary>
public sealed class RehearsalTally
{
    private const string LinesKey = "lines";
    private const string IStatementsKey = "iStatements";
    private const string BlameKey = "blame";
    private const string RequestsKey = "requests";
    private const string NeedsKey = "needs";
    private const string StrongestKey = "strongest";
    private const string StrongestWarmthKey = "strongestWarmth";
    private const string StartStageKey = "startStage";
    private const string EndStageKey = "endStage";

    private readonly JsonObject _state;

    private RehearsalTally(JsonObject state) => _state = state;

    /// <summary>A view over <paramref name="state"/>; changes are written straight into it.</summary>
    public static RehearsalTally Over(JsonObject state) => new(state);

    public int Lines => Int(LinesKey);
    public int IStatements => Int(IStatementsKey);

    /// <summary>Lines with blame, name-calling, contempt or a harsh start.</summary>
    public int Blame => Int(BlameKey);
    public int Requests => Int(RequestsKey);
    public int Needs => Int(NeedsKey);
    public string StrongestLine => _state[StrongestKey]?.GetValue<string>() ?? "";
    public PartnerStage StartStage => Stage(StartStageKey);
    public PartnerStage EndStage => Stage(EndStageKey);

    public void Begin(PartnerStage stage)
    {
        _state[StartStageKey] = RehearsalContent.StageKey(stage);
        _state[EndStageKey] = RehearsalContent.StageKey(stage);
    }

    public void Add(string line, ReframeAnalysis analysis, PartnerStage stageAfter)
    {
        Increment(LinesKey);
        if (analysis.Has(FindingKind.IStatement))
        {
            Increment(IStatementsKey);
        }

        if (analysis.Has(FindingKind.Blame) || analysis.Has(FindingKind.NameCalling) || analysis.Has(FindingKind.Contempt) || analysis.Has(FindingKind.Harsh))
        {
            Increment(BlameKey);
        }

        if (analysis.Has(FindingKind.ConcreteRequest))
        {
            Increment(RequestsKey);
        }

        if (analysis.Has(FindingKind.Need))
        {
            Increment(NeedsKey);
        }

        // The warmest line wins; on a tie the earlier one stays.
        if (_state[StrongestKey] is null || analysis.Warmth > Int(StrongestWarmthKey))
        {
            _state[StrongestKey] = line;
            _state[StrongestWarmthKey] = analysis.Warmth;
        }

        _state[EndStageKey] = RehearsalContent.StageKey(stageAfter);
    }

    /// <summary>The one suggestion for next time: the biggest gap first.</summary>
    public string TryNext(TryNextTexts texts) =>
        Blame > 0 ? texts.Blame
        : IStatements == 0 ? texts.NoIStatement
        : Requests == 0 ? texts.NoRequest
        : Needs == 0 ? texts.NoNeed
        : texts.KeepGoing;

    public string Scorecard(RehearsalContent content) => ContentText.Fill(
        content.Scorecard.Text,
        ("lines", Lines.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("iStatements", IStatements.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("blame", Blame.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("requests", Requests.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("movement", ContentText.Fill(
            StartStage == EndStage ? content.Scorecard.Stayed : content.Scorecard.Moved,
            ("from", content.Scorecard.Stages[StartStage]),
            ("to", content.Scorecard.Stages[EndStage]))),
        ("strongest", StrongestLine),
        ("tryNext", TryNext(content.Scorecard.TryNext)));

    public SavedScorecard ToSaved(string topic, string partnerStyle, RehearsalContent content, DateTimeOffset savedAt) => new()
    {
        Topic = topic,
        PartnerStyle = partnerStyle,
        Lines = Lines,
        IStatements = IStatements,
        Blame = Blame,
        Requests = Requests,
        StrongestLine = StrongestLine,
        TryNext = TryNext(content.Scorecard.TryNext),
        SavedAt = savedAt,
    };

    private int Int(string key) => _state[key] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;

    private void Increment(string key) => _state[key] = Int(key) + 1;

    private PartnerStage Stage(string key) =>
        Enum.TryParse<PartnerStage>(_state[key]?.GetValue<string>(), ignoreCase: true, out var stage) ? stage : PartnerStage.Closed;
}
