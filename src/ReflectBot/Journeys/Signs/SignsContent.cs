using ReflectBot.Content;

namespace ReflectBot.Journeys.Signs;

/// <summary>The "Recognise the signs" conversation (<c>signs.yaml</c>).</summary>
[Content(File = "signs.yaml")]
public sealed partial record SignsContent
{
    /// <summary>This conversation's button on the main menu.</summary>
    public required ChoiceWords Menu { get; init; }

    public required string Intro { get; init; }
    public required ChoiceQuestion<WhoChoice> Who { get; init; }
    public required SignsTexts Signs { get; init; }
    public required ChoiceQuestion<DurationChoice> Duration { get; init; }
    public required ChoiceQuestion<TalkedChoice> Talked { get; init; }
    public required TollTexts Toll { get; init; }
    public required ChoiceQuestion<PastChoice> Past { get; init; }
    public required SignsSummaryTexts Summary { get; init; }
    public required IReadOnlyList<RootItem> Roots { get; init; }
    public required SignsNextTexts Next { get; init; }

    /// <summary>How the questions name whose behaviour it is ("in your partner"), by <c>who</c> key.</summary>
    public string InWhom(string who) => Who.Choices.FirstOrDefault(w => w.Key == who)?.InWhom ?? Who.Choices[0].InWhom;

    /// <summary>How clearly an answer says the sign is there (0 = not at all): its weight, else its place from the end of the list.</summary>
    public int WeightOf(SignAnswer answer)
    {
        var answers = Signs.Series.Answers;
        return answer.Weight ?? answers.Count - 1 - IndexOf(answers, answer);
    }

    private static int IndexOf(IReadOnlyList<SignAnswer> answers, SignAnswer answer)
    {
        for (var i = 0; i < answers.Count; i++)
        {
            if (ReferenceEquals(answers[i], answer))
            {
                return i;
            }
        }

        return answers.Count - 1;
    }

    /// <summary>Every root a sign or a past answer names is one listed under <c>roots</c>.</summary>
    private void Validate(ContentNode node)
    {
        var roots = Roots.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var items = node.Get("signs").Get("items").Items();
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var key in Signs.Items[i].Roots.Where(k => !roots.Contains(k)))
            {
                throw items[i].Get("roots").Error($"'{key}' is not one of the roots listed under 'roots'");
            }
        }

        var past = node.Get("past").Get("choices").Items();
        for (var i = 0; i < past.Count; i++)
        {
            if (Past.Choices[i].Root is { } root && !roots.Contains(root))
            {
                throw past[i].Get("root").Error($"'{root}' is not one of the roots listed under 'roots'");
            }
        }
    }
}

/// <summary>A whose-behaviour answer; <see cref="InWhom"/> fills <c>{inWhom}</c> ("in your partner").</summary>
[Content]
public sealed partial record WhoChoice : ChoiceItem
{
    public required string InWhom { get; init; }
}

[Content]
public sealed partial record SignsTexts
{
    public required ChecklistTexts Checklist { get; init; }
    public required SeriesTexts Series { get; init; }
    public required IReadOnlyList<SignItem> Items { get; init; }
}

/// <summary>The signs as one card of tick boxes (channels with cards).</summary>
[Content]
public sealed partial record ChecklistTexts
{
    [Fills("inWhom")]
    public required string Title { get; init; }
    public required string Hint { get; init; }
    public required string Submit { get; init; }
    public required string Retry { get; init; }

    /// <summary>Typed words that mean none of the signs fit.</summary>
    public required IReadOnlyList<string> None { get; init; }
}

/// <summary>The signs as a yes / sometimes / no series (channels without cards).</summary>
[Content]
public sealed partial record SeriesTexts
{
    [Fills("count")]
    public required string Intro { get; init; }

    [Needs("sign")]
    [Fills("number", "count", "inWhom")]
    public required string Question { get; init; }
    public required string Retry { get; init; }
    public required IReadOnlyList<SignAnswer> Answers { get; init; }
}

/// <summary>One sign of emotional distance: the question text, how the summary names it, and roots often linked to it.</summary>
[Content]
public sealed partial record SignItem
{
    public required string Key { get; init; }
    public required string Title { get; init; }
    public required string Summary { get; init; }
    public required IReadOnlyList<string> Roots { get; init; }
}

/// <summary>A yes / sometimes / no answer to one sign; <see cref="Weight"/> ranks how clearly it was noticed (see <see cref="SignsContent.WeightOf"/>).</summary>
[Content]
public sealed partial record SignAnswer : ChoiceItem
{
    public int? Weight { get; init; }
}

/// <summary>How long it has gone on; <see cref="Persistent"/> answers point towards a therapist (with talking that changed nothing).</summary>
[Content]
public sealed partial record DurationChoice : ChoiceItem
{
    public required string Summary { get; init; }
    public required bool Persistent { get; init; }
}

/// <summary>What talking changed; <see cref="NoChange"/> answers point towards a therapist (with a long duration).</summary>
[Content]
public sealed partial record TalkedChoice : ChoiceItem
{
    public required string Summary { get; init; }
    public required bool NoChange { get; init; }
}

[Content]
public sealed partial record TollTexts
{
    public required string Prompt { get; init; }
    public required string Retry { get; init; }

    /// <summary>From this weight (0–10) on, the summary says it is heavy and suggests a therapist.</summary>
    [Between(0, 10)]
    public required int HeavyFrom { get; init; }
}

/// <summary>An answer about painful past experiences; <see cref="Root"/> is named first among the possible roots.</summary>
[Content]
public sealed partial record PastChoice : ChoiceItem
{
    public required bool Referral { get; init; }
    public string? Root { get; init; }
}

[Content]
public sealed partial record SignsSummaryTexts
{
    public required string Thanks { get; init; }

    [Needs("signs")]
    [Fills("count", "total", "inWhom")]
    public required string Noticed { get; init; }

    [Fills("inWhom")]
    public required string NoticedNone { get; init; }

    [Needs("duration", "talked")]
    public required string Context { get; init; }

    [Needs("toll")]
    public required string Toll { get; init; }
    public required string Heavy { get; init; }

    [Needs("roots")]
    public required string Roots { get; init; }
    public required string Reminder { get; init; }

    /// <summary>Joins the last two items of a list: "a, b and c".</summary>
    public required string And { get; init; }
}

/// <summary>A possible root of emotional distance, named in the summary as a possibility.</summary>
[Content]
public sealed partial record RootItem
{
    public required string Key { get; init; }
    public required string Text { get; init; }
}

[Content]
public sealed partial record SignsNextTexts
{
    public required string Prompt { get; init; }

    [Needs("reasons")]
    public required string ReferralPrompt { get; init; }
    public required ReferralReasons Reasons { get; init; }
    public required string Retry { get; init; }
    public required IReadOnlyList<NextChoice> Choices { get; init; }
}

[Content]
public sealed partial record ReferralReasons
{
    public required string Persistent { get; init; }
    public required string Heavy { get; init; }
    public required string Past { get; init; }
}

/// <summary>Where to go after the summary; <see cref="OnlyWithReferral"/> entries appear only when a therapist is suggested.</summary>
[Content]
public sealed partial record NextChoice : ChoiceItem
{
    public required bool OnlyWithReferral { get; init; }
}
