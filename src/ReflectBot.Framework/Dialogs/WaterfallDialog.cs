using System.Text.Json.Nodes;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Dialogs;

public delegate Task<DialogTurnResult> WaterfallStep(WaterfallStepContext stepContext, CancellationToken cancellationToken);

/// <summary>A dialog that runs its steps in order, one user reply per step that waits.</summary>
public class WaterfallDialog : Dialog
{
    private const string StepIndexKey = "stepIndex";
    private const string ValuesKey = "values";
    private const string OptionsKey = "options";

    private readonly List<(string Name, WaterfallStep Step)> _steps = [];
    private string? _version;

    public WaterfallDialog(string dialogId, IEnumerable<WaterfallStep>? steps = null)
        : base(dialogId)
    {
        foreach (var step in steps ?? [])
        {
            AddStep(step);
        }
    }

    /// <summary>Step names come from the step methods, so reordering or renaming steps changes the version.</summary>
    public override string Version => _version ??= $"{Id}:{string.Join(",", _steps.Select(s => s.Name))}";

    public WaterfallDialog AddStep(WaterfallStep step, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add((name ?? step.Method.Name, step));
        _version = null;
        return this;
    }

    public int StepCount => _steps.Count;

    /// <summary>
    /// Begins at the first step. <paramref name="options"/> are saved with the stack, so they must be JSON primitives,
    /// a JsonNode or a type registered with <see cref="StateJson"/> (CoreBot style: a <c>BookingDetails</c> record, read
    /// back in a step as <c>(BookingDetails)stepContext.Options</c>).
    /// </summary>
    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (!StateJson.CanSave(options))
        {
            throw new ArgumentException(StateJson.NotRegistered(options!.GetType()), nameof(options));
        }

        var state = dc.ActiveDialog!.State;
        state[OptionsKey] = options;
        state[ValuesKey] = new Dictionary<string, object?>(StringComparer.Ordinal);
        return RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);

        // Anything but a message (typing, events, card refreshes) leaves the step waiting.
        if (!dc.Context.Activity.IsType(Schema.ActivityTypes.Message))
        {
            return Task.FromResult(EndOfTurn);
        }

        // Read like a prompt would, so a card submission (value, no text) answers a waiting step too.
        return ResumeDialogAsync(dc, DialogReason.ContinueCalled, Prompts.PromptInput.GetText(dc.Context.Activity), cancellationToken);
    }

    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var index = CurrentIndex(dc.ActiveDialog!);
        return RunStepAsync(dc, index + 1, reason, result, cancellationToken);
    }

    /// <summary>Runs one step; override to wrap every step (logging, telemetry), as in the SDK.</summary>
    protected virtual Task<DialogTurnResult> OnStepAsync(WaterfallStepContext stepContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stepContext);
        return _steps[stepContext.Index].Step(stepContext, cancellationToken);
    }

    internal async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        if (index >= _steps.Count)
        {
            // The last step returned without ending: the waterfall ends with what it was given.
            return await dc.EndDialogAsync(result, cancellationToken).ConfigureAwait(false);
        }

        var state = dc.ActiveDialog!.State;
        state[StepIndexKey] = index;
        var stepContext = new WaterfallStepContext(this, dc, state.ValueOrNull(OptionsKey), ValuesOf(state), index, reason, result);
        return await OnStepAsync(stepContext, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The saved values; a stack saved before typed state holds them as a plain JSON object.</summary>
    private static IDictionary<string, object?> ValuesOf(IDictionary<string, object?> state)
    {
        switch (state.ValueOrNull(ValuesKey))
        {
            case IDictionary<string, object?> values:
                return values;
            case JsonObject saved:
                var converted = StateValueJson.ToDictionary(saved);
                state[ValuesKey] = converted;
                return converted;
            default:
                var fresh = new Dictionary<string, object?>(StringComparer.Ordinal);
                state[ValuesKey] = fresh;
                return fresh;
        }
    }

    private int CurrentIndex(DialogInstance instance)
    {
        var index = instance.State.ValueOrNull(StepIndexKey) is int i ? i : -1;
        if (index < 0 || index >= _steps.Count)
        {
            throw new DialogStateMismatchException($"The saved step of '{Id}' does not exist in this version of the bot.");
        }

        return index;
    }
}

/// <summary>
/// What one waterfall step sees. As in the SDK it is a <see cref="DialogContext"/> over the waterfall's own stack:
/// <see cref="DialogContext.Context"/> is the turn, and prompts, child dialogs and ending come from the dialog context.
/// </summary>
public class WaterfallStepContext : DialogContext
{
    private readonly WaterfallDialog _parent;
    private bool _nextCalled;

    internal WaterfallStepContext(WaterfallDialog parent, DialogContext dc, object? options, IDictionary<string, object?> values, int index, DialogReason reason, object? result)
        : base(dc.Dialogs, dc, new DialogState(dc.Stack))
    {
        // As in the SDK: the step's parent is the waterfall's parent (the component around it), not the waterfall's own context.
        Parent = dc.Parent;
        _parent = parent;
        Options = options;
        Values = values;
        Index = index;
        Reason = reason;
        Result = result;
    }

    /// <summary>The index of this step.</summary>
    public int Index { get; }

    /// <summary>Options the waterfall was begun with (a typed record when one was given).</summary>
    public object? Options { get; }

    /// <summary>Why this step runs: begun, continued with the user's reply, resumed after a child, or skipped to.</summary>
    public DialogReason Reason { get; }

    /// <summary>The result of the previous step's prompt or child dialog (or the user's text).</summary>
    public object? Result { get; }

    /// <summary>Values kept between steps, saved with the dialog stack (typed values must be registered with <see cref="StateJson"/>).</summary>
    public IDictionary<string, object?> Values { get; }

    /// <summary>Skips to the next step without waiting for the user.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"WaterfallStepContext.NextAsync(): method already called for dialog and step '{_parent.Id}[{Index}]'.");
        }

        _nextCalled = true;
        return _parent.ResumeDialogAsync(this, DialogReason.NextCalled, result, cancellationToken);
    }
}
