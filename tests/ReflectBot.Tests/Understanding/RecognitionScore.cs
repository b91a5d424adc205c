using System.Globalization;
using System.Text;
using ReflectBot.Understanding.Recognition;

namespace ReflectBot.Tests.Understanding;

/// <summary>
/// How the recognizer does on a labelled set, in the terms of issue 13: messages routed or answered sensibly, "didn't
/// catch that" replies, and confident wrong answers; with the intent accuracy, the Learn answers and the entities.
/// </summary>
public sealed class RecognitionScore
{
    private readonly List<string> _misses = [];

    public int Total { get; private set; }
    public int Correct { get; private set; }

    /// <summary>Correct, or asked "did you mean" with the right intent among the choices, or an honest "no good answer" to an off-topic question.</summary>
    public int Sensible { get; private set; }

    /// <summary>The bot said it didn't follow (unknown), or called an in-scope message out of scope.</summary>
    public int DidNotCatch { get; private set; }

    /// <summary>Acted without asking on the wrong intent, or answered a question with the wrong Learn entry.</summary>
    public int ConfidentWrong { get; private set; }
    public int Asked { get; private set; }

    public int LearnQuestions { get; private set; }
    public int LearnAnswered { get; private set; }
    public int LearnAnsweredRight { get; private set; }
    public int LearnSuggestedRight { get; private set; }
    public int LearnNoMatch { get; private set; }

    public int EntityLabels { get; private set; }
    public int EntityRight { get; private set; }

    public IReadOnlyList<string> Misses => _misses;

    public static RecognitionScore Of(IEnumerable<LabelledUtterance> set, Func<string, RecognizedMessage> read, RecognitionModel model)
    {
        var score = new RecognitionScore();
        foreach (var item in set)
        {
            score.Add(item, read(item.Text), model);
        }

        return score;
    }

    public double Rate(int count) => Total == 0 ? 0 : count / (double)Total;

    private void Add(LabelledUtterance item, RecognizedMessage read, RecognitionModel model)
    {
        Total++;
        var gold = item.Intent;
        var outcome = Judge(item, read, model);
        switch (outcome)
        {
            case Outcome.Correct:
                Correct++;
                Sensible++;
                break;
            case Outcome.AskedRight:
                Asked++;
                Sensible++;
                break;
            case Outcome.AskedWrong:
                Asked++;
                break;
            case Outcome.HonestNoAnswer:
                Sensible++;
                break;
            case Outcome.DidNotCatch:
                DidNotCatch++;
                break;
            case Outcome.ConfidentWrong:
                ConfidentWrong++;
                break;
        }

        if (outcome is not (Outcome.Correct or Outcome.AskedRight))
        {
            _misses.Add(string.Create(CultureInfo.InvariantCulture,
                $"{item.Line,4} {outcome,-14} {gold,-16} -> {read.Intent,-16} {read.Certainty,-10} {read.Score:F2} [{string.Join(", ", read.Alternatives.Select(a => $"{a.Intent} {a.Score:F2}"))}] {(read.Learn.Count > 0 ? read.Learn[0].Entry.Id + $" {read.Learn[0].Probability:F2}" : "")} | {item.Text}"));
        }

        foreach (var (name, expected) in item.Entities)
        {
            EntityLabels++;
            var actual = name switch
            {
                "who" => read.Entities.Who,
                "topic" => read.Entities.Topic,
                "step" => read.Entities.Step,
                "goal" => read.Entities.Goal,
                _ => null,
            };
            if (actual == expected)
            {
                EntityRight++;
            }
            else
            {
                _misses.Add($"{item.Line,4} entity {name}={expected} got {actual ?? "-"} | {item.Text}");
            }
        }
    }

    private enum Outcome { Correct, AskedRight, AskedWrong, HonestNoAnswer, DidNotCatch, ConfidentWrong }

    private Outcome Judge(LabelledUtterance item, RecognizedMessage read, RecognitionModel model)
    {
        var gold = item.Intent;
        if (gold == IntentNames.None)
        {
            if (read.Certainty == Certainty.OutOfScope)
            {
                return Outcome.Correct;
            }

            // An off-topic question read as a question gets the honest "no good answer" list: sensible, not right.
            if (read.Intent == IntentNames.LearnQuestion && read.IsConfident && model.Fit(read.Learn) == LearnFit.NoMatch)
            {
                return Outcome.HonestNoAnswer;
            }

            return read.Certainty switch
            {
                Certainty.Unknown => Outcome.HonestNoAnswer,
                Certainty.Unsure => Outcome.AskedWrong,
                _ => Outcome.ConfidentWrong,
            };
        }

        switch (read.Certainty)
        {
            case Certainty.OutOfScope or Certainty.Unknown:
                return Outcome.DidNotCatch;
            case Certainty.Unsure:
                return read.Alternatives.Take(2).Any(a => a.Intent == gold) ? Outcome.AskedRight : Outcome.AskedWrong;
            case Certainty.Answer:
                return Outcome.DidNotCatch;
        }

        if (read.Intent != gold)
        {
            return Outcome.ConfidentWrong;
        }

        if (gold != IntentNames.LearnQuestion || item.LearnIds.Count == 0)
        {
            return Outcome.Correct;
        }

        LearnQuestions++;
        switch (model.Fit(read.Learn))
        {
            case LearnFit.Answer when item.LearnIds.Contains(read.Learn[0].Entry.Id):
                LearnAnswered++;
                LearnAnsweredRight++;
                return Outcome.Correct;
            case LearnFit.Answer:
                LearnAnswered++;
                return Outcome.ConfidentWrong;
            case LearnFit.Suggest when read.Learn.Any(m => item.LearnIds.Contains(m.Entry.Id)):
                LearnSuggestedRight++;
                return Outcome.AskedRight;
            case LearnFit.Suggest:
                return Outcome.AskedWrong;
            default:
                LearnNoMatch++;
                return Outcome.DidNotCatch;
        }
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"messages: {Total}");
        text.AppendLine(CultureInfo.InvariantCulture, $"routed or answered sensibly: {Rate(Sensible):P1} (right at once {Rate(Correct):P1}, asked with the right choice {Rate(Asked):P1} asked in all)");
        text.AppendLine(CultureInfo.InvariantCulture, $"didn't catch that: {Rate(DidNotCatch):P1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"confident wrong: {Rate(ConfidentWrong):P1}");
        text.AppendLine(CultureInfo.InvariantCulture, $"learn questions routed to Learn: {LearnQuestions}: answered {LearnAnswered} ({LearnAnsweredRight} right), offered the right entry {LearnSuggestedRight}, no match {LearnNoMatch}");
        text.AppendLine(CultureInfo.InvariantCulture, $"entities: {EntityRight}/{EntityLabels}");
        return text.ToString();
    }
}
