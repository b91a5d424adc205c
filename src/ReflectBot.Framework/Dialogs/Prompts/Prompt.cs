using System.Text.Json;
using System.Text.Json.Nodes;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

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
    internal PromptValidatorContext(ITurnContext context, PromptRecognizerResult<T> recognized, JsonObject state, PromptOptions options, int attemptCount)
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
    public JsonObject State { get; }

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
            _ => throw new ArgumentException($"Prompt '{Id}' needs PromptOptions.", nameof(options)),
        };

        var instance = dc.ActiveDialog!;
        instance.State[OptionsKey] = JsonSerializer.SerializeToNode(promptOptions, DialogJson.Default.PromptOptions);
        instance.State[StateKey] = new JsonObject { [AttemptCountKey] = 0 };

        // Work on the saved copy: the caller's activities are not ours to stamp with conversation details.
        await OnPromptAsync(dc.Context, StateOf(instance), ReadFullOptions(instance), false, cancellationToken).ConfigureAwait(false);
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
            var promptContext = new PromptValidatorContext<T>(dc.Context, recognized, state, options, attemptCount);
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
        return OnPromptAsync(turnContext, StateOf(instance), ReadFullOptions(instance), false, cancellationToken);
    }

    /// <summary>Sends the prompt, or the retry prompt when <paramref name="isRetry"/> is set.</summary>
    protected abstract Task OnPromptAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, bool isRetry, CancellationToken cancellationToken);

    /// <summary>Reads the user's reply into a value of <typeparamref name="T"/>.</summary>
    protected abstract Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, JsonObject state, PromptOptions options, CancellationToken cancellationToken);

    /// <summary>The activity to show: the retry prompt on a retry when there is one, else the prompt.</summary>
    protected static Activity? PromptActivity(PromptOptions options, bool isRetry) =>
        isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt;

    /// <summary>Prompts tell voice and accessibility clients that an answer is expected.</summary>
    protected static Activity AsPrompt(Activity activity)
    {
        activity.Type ??= ActivityTypes.Message;
        activity.InputHint ??= InputHints.ExpectingInput;
        return activity;
    }

    /// <summary>"NumberPrompt&lt;Int32&gt;" rather than "NumberPrompt`1", so an int prompt and a double prompt differ.</summary>
    private static string KindName(Type type) =>
        type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(",", type.GetGenericArguments().Select(KindName))}>"
            : type.Name;

    private static int AttemptCount(JsonObject state) =>
        state[AttemptCountKey] is JsonValue v && v.TryGetValue<int>(out var count) ? count : 0;

    private static JsonObject StateOf(DialogInstance instance)
    {
        if (instance.State[StateKey] is JsonObject state)
        {
            return state;
        }

        state = new JsonObject { [AttemptCountKey] = 0 };
        instance.State[StateKey] = state;
        return state;
    }

    /// <summary>
    /// A fresh copy of the saved options each time, so sending never changes what is saved. The activities are read
    /// only if asked for: most replies are accepted and never show them again.
    /// </summary>
    private static PromptOptions ReadOptions(DialogInstance instance) => PromptOptions.FromSaved(instance.State[OptionsKey]);

    /// <summary>A fresh copy of the saved options, activities included, for sending the prompt now.</summary>
    private static PromptOptions ReadFullOptions(DialogInstance instance) =>
        instance.State[OptionsKey]?.Deserialize(DialogJson.Default.PromptOptions) ?? new PromptOptions();
}
