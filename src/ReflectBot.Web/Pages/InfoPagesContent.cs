using ReflectBot.Content;

namespace ReflectBot.Web.Pages;

/// <summary>The words of the /privacy and /terms pages (<c>dialogs/en-US/pages.yaml</c>), read and checked once at start-up.</summary>
[Content(File = "pages.yaml")]
public sealed partial record InfoPagesContent
{
    public required PageCommonTexts Common { get; init; }
    public required PrivacyPage Privacy { get; init; }
    public required InfoPage Terms { get; init; }

    /// <summary>The retention period is a promise: the privacy page must state it, and only the privacy page can.</summary>
    private void Validate(ContentNode node)
    {
        if (!Privacy.Sections.Any(s => s.Paragraphs.Concat(s.Items).Any(t => t.Contains("{retention}", StringComparison.Ordinal))))
        {
            throw node.Get("privacy").Get("sections").Error("one paragraph or item must say {retention}, how long data is kept");
        }

        if (Terms.Sections.Any(s => s.Paragraphs.Concat(s.Items).Any(t => t.Contains("{retention}", StringComparison.Ordinal))))
        {
            throw node.Get("terms").Get("sections").Error("'{retention}' cannot be filled here (only the privacy page says how long data is kept)");
        }
    }
}

/// <summary>What every page shows: skip link, links between pages, and where to get help now.</summary>
[Content]
public sealed partial record PageCommonTexts
{
    public required string Skip { get; init; }
    public required string Chat { get; init; }

    [ContentKey("privacy")]
    public required string PrivacyLink { get; init; }

    [ContentKey("terms")]
    public required string TermsLink { get; init; }
    public required PageHelpTexts Help { get; init; }
}

[Content]
public sealed partial record PageHelpTexts
{
    public required string Heading { get; init; }

    [Fills("emergency", "region")]
    public required string Emergency { get; init; }
    public required string Crisis { get; init; }
    public required string Abuse { get; init; }
    public required string Call { get; init; }
    public required string Text { get; init; }
}

/// <summary>One information page (privacy or terms) as written in pages.yaml, placeholders still in place.</summary>
[Content]
public partial record InfoPage
{
    public required string Title { get; init; }
    public required string Intro { get; init; }
    public required IReadOnlyList<InfoSection> Sections { get; init; }
}

/// <summary>The privacy page, with its sentence on how long data is kept.</summary>
[Content]
public sealed partial record PrivacyPage : InfoPage
{
    /// <summary>How long data is kept, with <c>{retentionDays}</c>; fills <c>{retention}</c> in a section.</summary>
    [Fills("retentionDays")]
    public required string Retention { get; init; }

    /// <summary>Said instead of <see cref="Retention"/> when no retention period is set.</summary>
    public required string RetentionOff { get; init; }
}

/// <summary>A titled part of an information page: short paragraphs, then a bulleted list (either may be left out).</summary>
[Content]
public sealed partial record InfoSection
{
    public required string Heading { get; init; }

    [Fills("retention", "deleteCommand")]
    public IReadOnlyList<string> Paragraphs { get; init; } = [];

    [Fills("retention", "deleteCommand")]
    public IReadOnlyList<string> Items { get; init; } = [];

    private void Validate(ContentNode node)
    {
        if (Paragraphs.Count == 0 && Items.Count == 0)
        {
            throw node.Error("a section needs paragraphs or items");
        }
    }
}
