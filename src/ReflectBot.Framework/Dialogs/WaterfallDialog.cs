using System.Text.Json.Nodes;

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

    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var state = dc.ActiveDialog!.State;
        state[ValuesKey] = new JsonObject();
        state[OptionsKey] = options switch
        {
            null => null,
            JsonNode node => node.DeepClone(),
            string s => JsonValue.Create(s),
            int i => JsonValue.Create(i),
            bool b => JsonValue.Create(b),
            _ => throw new ArgumentException("Waterfall options must be JSON (a JsonNode, string, int or bool) so they can be saved.", nameof(options)),
        };
        return RunStepAsync(dc, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
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
        var index = CurrentIndex(dc.ActiveDialog!);
        return RunStepAsync(dc, index + 1, reason, result, cancellationToken);
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
        var values = state[ValuesKey] as JsonObject ?? [];
        state[ValuesKey] = values;
        var stepContext = new WaterfallStepContext(this, dc, state[OptionsKey], values, index, reason, result);
        return await _steps[index].Step(stepContext, cancellationToken).ConfigureAwait(false);
    }

    private int CurrentIndex(DialogInstance instance)
    {
        var index = instance.State[StepIndexKey] is JsonValue v && v.TryGetValue<int>(out var i) ? i : -1;
        if (index < 0 || index >= _steps.Count)
        {
            throw new DialogStateMismatchException($"The saved step of '{Id}' does not exist in this version of the bot.");
        }

        return index;
    }
}

/// <summary>What one waterfall step sees: the dialog context, saved values, options and the previous result.</summary>
public sealed class WaterfallStepContext
{
    private readonly WaterfallDialog _parent;
    private bool _nextCalled;

    internal WaterfallStepContext(WaterfallDialog parent, DialogContext dc, JsonNode? options, JsonObject values, int index, DialogReason reason, object? result)
    {
        _parent = parent;
        Context = dc;
        Options = options;
        Values = values;
        Index = index;
        Reason = reason;
        Result = result;
    }

    /// <summary>The dialog context (begin child dialogs, prompt, end).</summary>
    public DialogContext Context { get; }

    public Builder.ITurnContext TurnContext => Context.Context;

    /// <summary>Options the waterfall was begun with.</summary>
    public JsonNode? Options { get; }

    /// <summary>Values kept between steps, saved with the dialog stack.</summary>
    public JsonObject Values { get; }

    public int Index { get; }

    public DialogReason Reason { get; }

    /// <summary>The result of the previous step's prompt or child dialog (or the user's text).</summary>
    public object? Result { get; }

    /// <summary>Skips to the next step without waiting for the user.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"NextAsync was called twice in step {Index} of '{_parent.Id}'.");
        }

        _nextCalled = true;
        return _parent.RunStepAsync(Context, Index + 1, DialogReason.NextCalled, result, cancellationToken);
    }

    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default) =>
        Context.BeginDialogAsync(dialogId, options, cancellationToken);

    public Task<DialogTurnResult> PromptAsync(string dialogId, Prompts.PromptOptions options, CancellationToken cancellationToken = default) =>
        Context.PromptAsync(dialogId, options, cancellationToken);

    public Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default) =>
        Context.EndDialogAsync(result, cancellationToken);

    public Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default) =>
        Context.ReplaceDialogAsync(dialogId, options, cancellationToken);
}
