using System.Globalization;
using ReflectBot.Content;

namespace ReflectBot.Dialogs.Journey;

/// <summary>What the user told the signs conversation, by content keys (null where they did not answer).</summary>
public sealed record SignsAnswers(
    string Who,
    IReadOnlyDictionary<string, string> Signs,
    string? Duration,
    string? Talked,
    int? Toll,
    string? Past);

/// <summary>The summary to show and the reasons, if any, to suggest a therapist.</summary>
public sealed record SignsReflection(IReadOnlyList<string> Messages, IReadOnlyList<string> ReferralReasons)
{
    public bool SuggestsTherapy => ReferralReasons.Count > 0;

    /// <summary>
    /// Reflects the answers back: which signs stood out (clearest first, at most three), for how long, what talking
    /// changed, how heavy it is, and up to three possible roots drawn from the signs, never as a diagnosis.
    /// </summary>
    public static SignsReflection Build(SignsContent content, SignsAnswers answers)
    {
        var inWhom = content.Who.FirstOrDefault(w => w.Choice.Key == answers.Who)?.InWhom ?? content.Who[0].InWhom;
        var weights = content.Answers.ToDictionary(a => a.Choice.Key, a => a.Weight, StringComparer.Ordinal);
        var noticed = content.Signs
            .Select((sign, order) => (Sign: sign, Order: order, Weight: answers.Signs.TryGetValue(sign.Key, out var a) && weights.TryGetValue(a, out var w) ? w : 0))
            .Where(s => s.Weight > 0)
            .OrderByDescending(s => s.Weight).ThenBy(s => s.Order)
            .ToList();

        var duration = content.Durations.FirstOrDefault(d => d.Choice.Key == answers.Duration);
        var talked = content.Talked.FirstOrDefault(t => t.Choice.Key == answers.Talked);
        var past = content.Past.FirstOrDefault(p => p.Choice.Key == answers.Past);
        var heavy = answers.Toll is { } toll && toll >= content.HeavyFrom;

        var picture = new List<string>
        {
            noticed.Count == 0
                ? ContentText.Fill(content.SummaryNoticedNone, ("inWhom", inWhom))
                : ContentText.Fill(
                    content.SummaryNoticed,
                    ("count", noticed.Count.ToString(CultureInfo.InvariantCulture)),
                    ("total", content.Signs.Count.ToString(CultureInfo.InvariantCulture)),
                    ("inWhom", inWhom),
                    ("signs", JourneyContentReader.JoinList(noticed.Take(3).Select(s => s.Sign.Summary).ToList(), content.And))),
        };
        if (duration is not null && talked is not null)
        {
            picture.Add(ContentText.Fill(content.SummaryContext, ("duration", duration.Summary), ("talked", talked.Summary)));
        }

        if (answers.Toll is { } weight)
        {
            picture.Add(ContentText.Fill(content.SummaryToll, ("toll", weight.ToString(CultureInfo.InvariantCulture))));
        }

        if (heavy)
        {
            picture.Add(content.SummaryHeavy);
        }

        var messages = new List<string> { content.SummaryThanks, string.Join(" ", picture) };

        var roots = LikelyRoots(content, noticed.Select(n => (n.Sign, n.Weight)), past?.Root);
        var perspective = new List<string>();
        if (roots.Count > 0)
        {
            perspective.Add(ContentText.Fill(content.SummaryRoots, ("roots", JourneyContentReader.JoinList(roots, content.And))));
        }

        // A short spell is worth a reminder that distance now and then is part of life.
        if (duration is { SuggestsTherapy: false })
        {
            perspective.Add(content.SummaryReminder);
        }

        if (perspective.Count > 0)
        {
            messages.Add(string.Join(" ", perspective));
        }

        var reasons = new List<string>();
        if (duration?.SuggestsTherapy == true && talked?.SuggestsTherapy == true)
        {
            reasons.Add(content.ReasonPersistent);
        }

        if (heavy)
        {
            reasons.Add(content.ReasonHeavy);
        }

        if (past?.SuggestsTherapy == true)
        {
            reasons.Add(content.ReasonPast);
        }

        return new SignsReflection(messages, reasons);
    }

    /// <summary>Roots ranked by how clearly their signs were noticed; the root of a painful past first when the user named one.</summary>
    private static List<string> LikelyRoots(SignsContent content, IEnumerable<(SignItem Sign, int Weight)> noticed, string? firstRoot)
    {
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (sign, weight) in noticed)
        {
            foreach (var root in sign.Roots)
            {
                scores[root] = scores.GetValueOrDefault(root) + weight;
            }
        }

        if (scores.Count == 0)
        {
            return [];
        }

        var ranked = content.Roots
            .Select((root, order) => (Root: root, Order: order, Score: scores.GetValueOrDefault(root.Key)))
            .Where(r => r.Score > 0 || r.Root.Key == firstRoot)
            .OrderByDescending(r => r.Root.Key == firstRoot).ThenByDescending(r => r.Score).ThenBy(r => r.Order)
            .Take(3)
            .Select(r => r.Root.Text)
            .ToList();
        return ranked;
    }
}
