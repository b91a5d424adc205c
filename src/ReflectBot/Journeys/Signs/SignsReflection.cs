using System.Globalization;
using ReflectBot.Content;

namespace ReflectBot.Journeys.Signs;

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
        var inWhom = content.InWhom(answers.Who);
        var weights = content.Signs.Series.Answers.ToDictionary(a => a.Key, content.WeightOf, StringComparer.Ordinal);
        var noticed = content.Signs.Items
            .Select((sign, order) => (Sign: sign, Order: order, Weight: answers.Signs.TryGetValue(sign.Key, out var a) && weights.TryGetValue(a, out var w) ? w : 0))
            .Where(s => s.Weight > 0)
            .OrderByDescending(s => s.Weight).ThenBy(s => s.Order)
            .ToList();

        var duration = content.Duration.Choices.FirstOrDefault(d => d.Key == answers.Duration);
        var talked = content.Talked.Choices.FirstOrDefault(t => t.Key == answers.Talked);
        var past = content.Past.Choices.FirstOrDefault(p => p.Key == answers.Past);
        var heavy = answers.Toll is { } toll && toll >= content.Toll.HeavyFrom;

        var picture = new List<string>
        {
            noticed.Count == 0
                ? ContentText.Fill(content.Summary.NoticedNone, ("inWhom", inWhom))
                : ContentText.Fill(
                    content.Summary.Noticed,
                    ("count", noticed.Count.ToString(CultureInfo.InvariantCulture)),
                    ("total", content.Signs.Items.Count.ToString(CultureInfo.InvariantCulture)),
                    ("inWhom", inWhom),
                    ("signs", ContentText.JoinList(noticed.Take(3).Select(s => s.Sign.Summary).ToList(), content.Summary.And))),
        };
        if (duration is not null && talked is not null)
        {
            picture.Add(ContentText.Fill(content.Summary.Context, ("duration", duration.Summary), ("talked", talked.Summary)));
        }

        if (answers.Toll is { } weight)
        {
            picture.Add(ContentText.Fill(content.Summary.Toll, ("toll", weight.ToString(CultureInfo.InvariantCulture))));
        }

        if (heavy)
        {
            picture.Add(content.Summary.Heavy);
        }

        var messages = new List<string> { content.Summary.Thanks, string.Join(" ", picture) };

        var roots = LikelyRoots(content, noticed.Select(n => (n.Sign, n.Weight)), past?.Root);
        var perspective = new List<string>();
        if (roots.Count > 0)
        {
            perspective.Add(ContentText.Fill(content.Summary.Roots, ("roots", ContentText.JoinList(roots, content.Summary.And))));
        }

        // A short spell is worth a reminder that distance now and then is part of life.
        if (duration is { Persistent: false })
        {
            perspective.Add(content.Summary.Reminder);
        }

        if (perspective.Count > 0)
        {
            messages.Add(string.Join(" ", perspective));
        }

        var reasons = new List<string>();
        if (duration?.Persistent == true && talked?.NoChange == true)
        {
            reasons.Add(content.Next.Reasons.Persistent);
        }

        if (heavy)
        {
            reasons.Add(content.Next.Reasons.Heavy);
        }

        if (past?.Referral == true)
        {
            reasons.Add(content.Next.Reasons.Past);
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
