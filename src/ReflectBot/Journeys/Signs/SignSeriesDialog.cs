using System.Globalization;
using ReflectBot.Content;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Choices;

namespace ReflectBot.Journeys.Signs;

/// <summary>
/// The signs one at a time, yes / sometimes / no, for channels without cards: begun with a
/// <see cref="SignSeriesProgress"/>, it asks about the sign at its index, then begins itself again with the next,
/// and ends with every answer by sign key.
/// </summary>
public sealed class SignSeriesDialog : JourneyDialog
{
    public const string DialogId = "signs.series";
    private const string StepsId = "signs.series.steps";

    private readonly SignsContent _content;

    public SignSeriesDialog(SignsContent content)
        : base(DialogId)
    {
        _content = content;
        AddDialog(new WaterfallDialog(StepsId).AddStep(AskSignStepAsync).AddStep(RecordSignStepAsync));
        InitialDialogId = StepsId;
    }

    /// <summary>Where a series starts, for <paramref name="who"/>.</summary>
    public static SignSeriesProgress Start(string who) => new(0, who, []);

    private Task<DialogTurnResult> AskSignStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var progress = (SignSeriesProgress)step.Options!;
        var question = ContentText.Fill(
            _content.Signs.Series.Question,
            ("number", Count(progress.Index + 1)),
            ("count", Count(_content.Signs.Items.Count)),
            ("sign", _content.Signs.Items[progress.Index].Title),
            ("inWhom", _content.InWhom(progress.Who)));
        return AskChoiceAsync(step, question, _content.Signs.Series.Retry, _content.Signs.Series.Answers, cancellationToken);
    }

    /// <summary>Records one answer, then asks about the next sign, or ends the series with all answers.</summary>
    private Task<DialogTurnResult> RecordSignStepAsync(WaterfallStepContext step, CancellationToken cancellationToken)
    {
        var progress = (SignSeriesProgress)step.Options!;
        var answers = new Dictionary<string, string>(progress.Answers, StringComparer.Ordinal)
        {
            [_content.Signs.Items[progress.Index].Key] = ((FoundChoice)step.Result!).Value,
        };

        return progress.Index + 1 < _content.Signs.Items.Count
            ? step.ReplaceDialogAsync(StepsId, progress with { Index = progress.Index + 1, Answers = answers }, cancellationToken)
            : step.EndDialogAsync(answers, cancellationToken);
    }

    internal static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);
}
