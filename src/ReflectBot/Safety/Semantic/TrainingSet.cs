using ReflectBot.Content;

namespace ReflectBot.Safety.Semantic;

/// <summary>Whose risk a message describes: the writer's own, or someone else's ("my friend said she wants to die").</summary>
public enum RiskSubject
{
    Self,
    Other,
}

/// <summary>When the risk is: now, over ("I tried to overdose at 19; I'm well now"), or back ("… and I feel that way again").</summary>
public enum RiskTime
{
    Now,
    Past,
    PastNow,
}

/// <summary>One labelled training message, with whose risk it is, when, and its language where the file says so.</summary>
public sealed record TrainingMessage(string File, int Line, SafetyCategory Label, string Text, RiskSubject Who, RiskTime When, string Language)
{
    /// <summary>
    /// The reply the message needs, as one class for the classifier: a crisis that is over gets the gentle follow-up
    /// (a check-in), never the emergency numbers; everything else keeps its label.
    /// </summary>
    public SafetyCategory ReplyClass => Label.IsCrisis() && When == RiskTime.Past ? SafetyCategory.CheckIn : Label;
}

/// <summary>
/// Reads labelled messages in either format of dialogs/safety: <c>label&lt;TAB&gt;message</c> (labelled-messages.tsv) or
/// <c>label&lt;TAB&gt;who&lt;TAB&gt;when&lt;TAB&gt;lang&lt;TAB&gt;message</c> (training/*.tsv); '#' starts a comment line.
/// </summary>
public static class TrainingSet
{
    public static IReadOnlyList<TrainingMessage> Read(string fullPath, string displayName)
    {
        if (!File.Exists(fullPath))
        {
            throw new ContentException(displayName, 0, "file not found");
        }

        var messages = new List<TrainingMessage>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(fullPath))
        {
            lineNumber++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = line.Split('\t');
            var ok = SafetyCategories.TryParse(fields[0], out var label);
            switch (fields.Length)
            {
                case 2 when ok && !string.IsNullOrWhiteSpace(fields[1]):
                    messages.Add(new TrainingMessage(displayName, lineNumber, label, fields[1], RiskSubject.Self, RiskTime.Now, "en"));
                    break;
                case 5 when ok && !string.IsNullOrWhiteSpace(fields[4]) && TryWho(fields[1], out var who) && TryWhen(fields[2], out var when) && fields[3].Length == 2:
                    messages.Add(new TrainingMessage(displayName, lineNumber, label, fields[4], who, when, fields[3]));
                    break;
                default:
                    throw new ContentException(displayName, lineNumber, "expected 'label<TAB>message' or 'label<TAB>who<TAB>when<TAB>lang<TAB>message' with known values");
            }
        }

        return messages;
    }

    private static bool TryWho(string text, out RiskSubject who)
    {
        who = text == "other" ? RiskSubject.Other : RiskSubject.Self;
        return text is "self" or "other";
    }

    private static bool TryWhen(string text, out RiskTime when)
    {
        when = text switch
        {
            "past" => RiskTime.Past,
            "past-now" => RiskTime.PastNow,
            _ => RiskTime.Now,
        };
        return text is "now" or "past" or "past-now";
    }
}
