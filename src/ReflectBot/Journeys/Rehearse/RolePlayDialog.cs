using System.Text.Json.Nodes;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;
using ReflectBot.Framework.Schema;
using ReflectBot.Journeys.Reframe.Analysis;
using ReflectBot.State;

namespace ReflectBot.Journeys.Rehearse;

/// <summary>
/// The role-play itself: each user line is read by the analyser, moves the partner's openness, and gets the
/// partner's answer (and a coaching tip unless coaching is off). "pause"/"stop" ends it with the tally as the
/// result (a JsonObject, see <see cref="RehearsalTally"/>). Begin it with <see cref="Start"/>.
/// </summary>
public sealed class RolePlayDialog : Dialog
{
    public const string DialogId = "rehearsal.rolePlay";

    private const string StyleKey = "style";
    private const string OpennessKey = "openness";
    private const string UsedKey = "usedLines";
    private const string TallyKey = "tally";

    private readonly RehearsalContent _content;
    private readonly ReframeAnalyzer _analyzer;
    private readonly PartnerModel _partner;
    private readonly RehearsalRandom _random;
    private readonly ReflectBotState _state;
    private readonly Phrase.Set _stop;
    private readonly Phrase.Set _coachingOff;
    private readonly Phrase.Set _coachingOn;

    public RolePlayDialog(RehearsalContent content, ReframeAnalyzer analyzer, PartnerModel partner, RehearsalRandom random, ReflectBotState state)
        : base(DialogId)
    {
        _content = content;
        _analyzer = analyzer;
        _partner = partner;
        _random = random;
        _state = state;
        _stop = new Phrase.Set(content.Commands.Stop);
        _coachingOff = new Phrase.Set(content.Commands.CoachingOff);
        _coachingOn = new Phrase.Set(content.Commands.CoachingOn);
    }

    /// <summary>The options to begin the role-play with a partner of <paramref name="styleKey"/>.</summary>
    public static JsonObject Start(string styleKey) => new() { [StyleKey] = styleKey };

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var styleKey = (options as JsonObject)?[StyleKey]?.GetValue<string>() ?? _content.Style.Choices[0].Key;
        var style = _content.StyleOf(styleKey);
        var state = dc.ActiveDialog!.State;
        state[StyleKey] = style.Key;
        state[OpennessKey] = style.Start;
        state[UsedKey] = new JsonArray();
        var tally = new JsonObject();
        state[TallyKey] = tally;
        RehearsalTally.Over(tally).Begin(_content.StageFor(style.Start));
        return Task.FromResult(EndOfTurn);
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        var turn = dc.Context;
        if (!turn.Activity.IsType(ActivityTypes.Message))
        {
            return EndOfTurn;
        }

        var state = dc.ActiveDialog!.State;
        var text = PromptInput.GetText(turn.Activity)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            await turn.SendActivityAsync(_content.YourTurn, cancellationToken: cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        if (_stop.Matches(text))
        {
            return await dc.EndDialogAsync(((JsonObject)state[TallyKey]!).DeepClone(), cancellationToken).ConfigureAwait(false);
        }

        var profile = await _state.Profile.GetAsync(turn, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
        if (_coachingOff.Matches(text) || _coachingOn.Matches(text))
        {
            profile.CoachingOff = _coachingOff.Matches(text);
            await turn.SendActivityAsync(profile.CoachingOff ? _content.CoachingOff : _content.CoachingOn, cancellationToken: cancellationToken).ConfigureAwait(false);
            return EndOfTurn;
        }

        var style = _content.StyleOf((string)state[StyleKey]!);
        var analysis = _analyzer.Analyze(text);
        var openness = state.TryGetValue(OpennessKey, out var saved) && saved is int o ? o : style.Start;
        var before = _content.StageFor(openness);
        openness = _partner.NextOpenness(style, openness, analysis.Tone);
        var after = _content.StageFor(openness);
        state[OpennessKey] = openness;

        var used = (state.TryGetValue(UsedKey, out var savedLines) ? savedLines : null) as JsonArray ?? [];
        state[UsedKey] = used;
        var line = _partner.PickLine(style, after, used.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal));
        used.Add(line.Id);

        var tally = RehearsalTally.Over((JsonObject)state[TallyKey]!);
        tally.Add(text, analysis, after);

        var shift = after > before ? "\n\n" + _random.Pick(_content.Shifts.Warmer)
            : after < before ? "\n\n" + _random.Pick(_content.Shifts.Cooler)
            : "";
        await turn.SendActivityAsync(ContentText.Fill(_content.PartnerSays, ("line", line.Text), ("shift", shift)), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!profile.CoachingOff)
        {
            await turn.SendActivityAsync(ContentText.Fill(_content.CoachSays, ("tip", CoachTip(analysis))), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (tally.Lines >= _content.MaxLines)
        {
            await turn.SendActivityAsync(_content.MaxLinesReached, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(((JsonObject)state[TallyKey]!).DeepClone(), cancellationToken).ConfigureAwait(false);
        }

        return EndOfTurn;
    }

    /// <summary>After help (or anything that interrupted): remind the user it is their line.</summary>
    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default) =>
        turnContext.SendActivityAsync(_content.YourTurn, cancellationToken: cancellationToken);

    // What gets in the way most comes first; a line with nothing in the way is praised for its best part.
    private static readonly FindingKind[] TipOrder =
    [
        FindingKind.Contempt, FindingKind.NameCalling, FindingKind.Harsh, FindingKind.Blame, FindingKind.Demand,
        FindingKind.ThoughtAsFeeling, FindingKind.FauxFeeling, FindingKind.YouStatement, FindingKind.Absolute, FindingKind.VagueRequest,
        FindingKind.ConcreteRequest, FindingKind.RealFeeling, FindingKind.Need, FindingKind.Appreciation, FindingKind.IStatement,
    ];

    /// <summary>One short tip: the analyser's hint for the most important thing in the line.</summary>
    private string CoachTip(ReframeAnalysis analysis)
    {
        foreach (var kind in TipOrder)
        {
            if (analysis.First(kind) is { } finding)
            {
                return finding.Hint;
            }
        }

        return _random.Pick(_content.NeutralTips);
    }
}
