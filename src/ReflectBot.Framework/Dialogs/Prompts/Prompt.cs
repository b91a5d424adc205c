using System.Text.Json;
using System.Text.Json.Nodes;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>Decides whether a recognised (or unrecognised) reply is acceptable. Return false to ask again.</summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);

/// <summary>What a prompt's recogniser made of the user's reply.</summary>
public sealed class PromptRecognizerResult<T>
{
    public PromptRecognizerResult() { }

    public PromptRecognizerResult(T value)
    {
        Succeeded = true;
        Value = value;
    }

    public bool Succeeded { get; set; }

    public T? Value { get; set; }
}

/// <summary>What a validator sees. It may send its own message; then the retry prompt is not sent this turn.</summary>
public sealed class PromptValidatorContext<T>
{
    internal PromptValidatorContext(ITurnContext context, PromptRecognizerResult<T> recognized, IDictionary<string, object?> state, PromptOptions options, int attemptCount)
    {
        Context = context;
        Recognized = recognized;
        State = state;
        Options = options;
        AttemptCount = attemptCount;
    }

    public ITurnContext Context { get; }

    public PromptRecognizerResult<T> Recognized { get; }

    /// <summary>The prompt's own saved state.</summary>
    public IDictionary<string, object?> State { get; }

    public PromptOptions Options { get; }

    /// <summary>How many replies this prompt has received, this one included (1 on the first reply).</summary>
    public int AttemptCount { get; }
}

/// <summary>
/// A dialog that asks once, then waits until a reply is recognised and validated, re-asking with
/// <see cref="PromptOptions.RetryPrompt"/> (or the prompt again) after each reply it cannot accept.
/// Messages are read through <see cref="PromptInput.GetText"/>, so card submissions answer too; other
/// activity types (typing, events) leave the prompt waiting.
/// <para>
/// When <see cref="PromptOptions.MaxAttempts"/> replies in a row are not accepted, the prompt ends with a
/// <c>null</c> result (not <c>default(T)</c>, so a confirm never turns into a silent "no") and sets
/// <see cref="PromptOptions.AttemptsExhaustedKey"/> in the turn state. The next waterfall step should check
/// <c>stepContext.Result is T</c> and move on kindly.
/// </para>
/// </summary>
public abstract class Prompt<T> : Dialog
{
    private const string OptionsKey = PromptStateKeys.Options;
    private const string StateKey = "state";
    private const string AttemptCountKey = "attemptCount";

    private readonly PromptValidator<T>? _validator;
    private string? _version;

    protected Prompt(string dialogId, PromptValidator<T>? validator = null)
        : base(dialogId) => _validator = validator;

    /// <summary>The kind of prompt is part of the version: the same id bound to another prompt type is a different dialog.</summary>
    public override string Version => _version ??= $"{KindName(GetType())}:{Id}";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var promptOptions = options switch
        {
            null => new PromptOptions(),
            PromptOptions po => po,
            JsonNode node => node.Deserialize(DialogJson.Default.PromptOptions) ?? new PromptOptions(),
            _ => throw new ArgumentException($"Prompt options are required for Prompt dialogs ('{Id}' was given a {options.GetType().Name}).", nameof(options)),
        };

        var instance = dc.ActiveDialog!;
        instance.State[OptionsKey] = promptOptions;
        instance.State[StateKey] = new Dictionary<string, object?>(StringComparer.Ordinal) { [AttemptCountKey] = 0 };

        await OnPromptAsync(dc.Context, StateOf(instance), ReadOptions(instance), false, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        if (!dc.Context.Activity.IsType(ActivityTypes.Message))
        {
            return EndOfTurn;
        }

        var instance = dc.ActiveDialog!;
        var state = StateOf(instance);
        var options = ReadOptions(instance);
        var recognized = await OnRecognizeAsync(dc.Context, state, options, cancellationToken).ConfigureAwait(false);

        var attemptCount = AttemptCount(state) + 1;
        state[AttemptCountKey] = attemptCount;

        bool isValid;
        if (_validator is not null)
        {
            // The validator gets its own copy: what it changes must not be saved as the prompt's options.
            var promptContext = new PromptValidatorContext<T>(dc.Context, recognized, state, options.Copy(), attemptCount);
            isValid = await _validator(promptContext, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            isValid = recognized.Succeeded;
        }

        if (isValid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken).ConfigureAwait(false);
        }

        if (options.MaxAttempts > 0 && attemptCount >= options.MaxAttempts)
        {
            dc.Context.TurnState[PromptOptions.AttemptsExhaustedKey] = true;
            return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }

        // A validator that explained the problem itself has already answered this turn.
        if (!dc.Context.Responded)
        {
            await OnPromptAsync(dc.Context, state, options, true, cancellationToken).ConfigureAwait(false);
        }

        return EndOfTurn;
    }

    /// <summary>A dialog begun on top of this prompt ended: ask again and keep waiting.</summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return OnPromptAsync(turnContext, StateOf(instance), ReadOptions(instance), false, cancellationToken);
    }

    /// <summary>Sends the prompt, or the retry prompt when <paramref name="isRetry"/> is set.</summary>
    protected abstract Task OnPromptAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, bool isRetry, CancellationToken cancellationToken = default);

    /// <summary>Reads the user's reply into a value of <typeparamref name="T"/>.</summary>
    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, IDictionary<string, object?> state, PromptOptions options, CancellationToken cancellationToken = default);

    /// <summary>The activity to show: the retry prompt on a retry when there is one, else the prompt.</summary>
    protected static Activity? PromptActivity(PromptOptions options, bool isRetry) =>
        isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt;

    /// <summary>
    /// A copy of a saved prompt activity to send: sending stamps it with the conversation, and the saved one must stay
    /// as the dialog gave it. Prompts tell voice and accessibility clients that an answer is expected.
    /// </summary>
    protected static Activity AsPrompt(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var copy = activity.Clone();
        copy.Type ??= ActivityTypes.Message;

        // Also over MessageFactory's acceptingInput (the SDK keeps it): a prompt waits for an answer, and says so to
        // clients that open a microphone or focus the input box for it.
        if (copy.InputHint is null or InputHints.AcceptingInput)
        {
            copy.InputHint = InputHints.ExpectingInput;
        }

        return copy;
    }

    /// <summary>"NumberPrompt&lt;Int32&gt;" rather than "NumberPrompt`1", so an int prompt and a double prompt differ.</summary>
    private static string KindName(Type type) =>
        type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(",", type.GetGenericArguments().Select(KindName))}>"
            : type.Name;

    private static int AttemptCount(IDictionary<string, object?> state) =>
        state.ValueOrNull(AttemptCountKey) is int count ? count : 0;

    /// <summary>The prompt's state; a stack saved before typed state holds it as a plain JSON object.</summary>
    private static IDictionary<string, object?> StateOf(DialogInstance instance)
    {
        switch (instance.State.ValueOrNull(StateKey))
        {
            case IDictionary<string, object?> state:
                return state;
            case JsonObject saved:
                var converted = StateValueJson.ToDictionary(saved);
                instance.State[StateKey] = converted;
                return converted;
            default:
                var fresh = new Dictionary<string, object?>(StringComparer.Ordinal) { [AttemptCountKey] = 0 };
                instance.State[StateKey] = fresh;
                return fresh;
        }
    }

    /// <summary>The saved options; a stack saved before typed state holds them as a plain JSON object.</summary>
    private static PromptOptions ReadOptions(DialogInstance instance)
    {
        switch (instance.State.ValueOrNull(OptionsKey))
        {
            case PromptOptions options:
                return options;
            case JsonObject saved:
                var converted = saved.Deserialize(DialogJson.Default.PromptOptions) ?? new PromptOptions();
                instance.State[OptionsKey] = converted;
                return converted;
            default:
                return new PromptOptions();
        }
    }
}
