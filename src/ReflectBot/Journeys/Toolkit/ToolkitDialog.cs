using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Journeys.Plan;
using ReflectBot.State;

namespace ReflectBot.Journeys.Toolkit;

/// <summary>
/// "My toolkit": shows the user's saved "I feel" statements, plans and rehearsals (newest first) and ends at once,
/// so the conversation underneath carries on where it was. Started from the menu or by <see cref="MyToolkitCommand"/>.
/// </summary>
public sealed class ToolkitDialog(ToolkitContent content, PlanContent planContent, ReflectBotState state) : Dialog(nameof(ToolkitDialog))
{
    public const string MenuKey = "toolkit";

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        var profile = await state.Profile.GetAsync(dc.Context, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
        var toolkit = profile.Toolkit;
        var reply = toolkit.IsEmpty
            ? MessageFactory.Text(content.Empty)
            : JourneyCards.Summary(dc.Context.Activity.ChannelId, content.Intro, content.Title, Sections(toolkit));
        await dc.Context.SendActivityAsync(reply, cancellationToken).ConfigureAwait(false);
        return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
    }

    private List<CardSection> Sections(State.Toolkit toolkit)
    {
        var sections = new List<CardSection>();
        var statements = toolkit.Statements.OrderByDescending(s => s.SavedAt).Take(content.ShowLatest)
            .Select(s => ContentText.Fill(content.Statements.Item, ("text", s.Text), ("date", content.FormatDate(s.SavedAt))))
            .ToList();
        if (statements.Count > 0)
        {
            sections.Add(new CardSection(content.Statements.Heading, statements));
        }

        foreach (var plan in toolkit.Plans.OrderByDescending(p => p.SavedAt).Take(content.ShowLatest))
        {
            sections.Add(new CardSection(ContentText.Fill(content.Plans.Heading, ("date", content.FormatDate(plan.SavedAt))), []));
            for (var i = 0; i < plan.Steps.Count; i++)
            {
                var step = plan.Steps[i];

                // The plan keeps no separate "has a time" flag: a recognised time of day other than midnight is one.
                var hasTime = step.WhenResolved is { } at && at.TimeOfDay != TimeSpan.Zero;
                sections.Add(PlanDialog.Section(planContent, i + 1, step, hasTime));
            }
        }

        var rehearsals = toolkit.Scorecards.OrderByDescending(s => s.SavedAt).Take(content.ShowLatest)
            .Select(s => ContentText.Fill(content.Rehearsals.Item, ("topic", s.Topic), ("tryNext", s.TryNext), ("date", content.FormatDate(s.SavedAt))))
            .ToList();
        if (rehearsals.Count > 0)
        {
            sections.Add(new CardSection(content.Rehearsals.Heading, rehearsals));
        }

        return sections;
    }
}
