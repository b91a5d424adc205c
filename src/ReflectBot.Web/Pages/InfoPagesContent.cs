using ReflectBot.Content;

namespace ReflectBot.Web.Pages;

/// <summary>A titled part of an information page: short paragraphs, then a bulleted list (either may be empty).</summary>
public sealed record InfoSection(string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Items);

/// <summary>One information page (privacy or terms) as written in pages.yaml, placeholders still in place.</summary>
public sealed record InfoPage(string Title, string Intro, IReadOnlyList<InfoSection> Sections);

/// <summary>The words of the /privacy and /terms pages (<c>dialogs/en-US/pages.yaml</c>), read and checked once at start-up.</summary>
public sealed class InfoPagesContent : IBotContent
{
    public const string FileName = "pages.yaml";

    public required string Skip { get; init; }
    public required string Chat { get; init; }
    public required string PrivacyLink { get; init; }
    public required string TermsLink { get; init; }
    public required string HelpHeading { get; init; }
    public required string HelpEmergency { get; init; }
    public required string HelpCrisis { get; init; }
    public required string HelpAbuse { get; init; }
    public required string Call { get; init; }
    public required string Text { get; init; }
    public required InfoPage Privacy { get; init; }
    public required InfoPage Terms { get; init; }

    /// <summary>The privacy page's sentence on how long data is kept, with <c>{retentionDays}</c>.</summary>
    public required string Retention { get; init; }

    /// <summary>Said instead of <see cref="Retention"/> when no retention period is set.</summary>
    public required string RetentionOff { get; init; }

    public static InfoPagesContent Load(ContentSource source)
    {
        var root = source.LocaleFile(FileName);
        var common = root.Get("common");
        var help = common.Get("help");
        var privacy = root.Get("privacy");
        var content = new InfoPagesContent
        {
            Skip = Checked(common.Get("skip")),
            Chat = Checked(common.Get("chat")),
            PrivacyLink = Checked(common.Get("privacy")),
            TermsLink = Checked(common.Get("terms")),
            HelpHeading = Checked(help.Get("heading")),
            HelpEmergency = Checked(help.Get("emergency"), "emergency", "region"),
            HelpCrisis = Checked(help.Get("crisis")),
            HelpAbuse = Checked(help.Get("abuse")),
            Call = Checked(help.Get("call")),
            Text = Checked(help.Get("text")),
            Retention = Checked(privacy.Get("retention"), "retentionDays"),
            RetentionOff = Checked(privacy.Get("retentionOff")),
            Privacy = Page(privacy, "retention", "deleteCommand"),
            Terms = Page(root.Get("terms"), "deleteCommand"),
        };

        // The retention period is a promise: the privacy page must state it.
        if (!content.Privacy.Sections.Any(s => s.Paragraphs.Concat(s.Items).Any(t => t.Contains("{retention}", StringComparison.Ordinal))))
        {
            throw privacy.Get("sections").Error("one paragraph or item must say {retention}, how long data is kept");
        }

        return content;
    }

    private static InfoPage Page(ContentNode page, params string[] placeholders) => new(
        Checked(page.Get("title")),
        Checked(page.Get("intro")),
        page.Get("sections").Items().Select(section =>
        {
            var paragraphs = section.TryGet("paragraphs")?.Items().Select(p => Checked(p, placeholders)).ToList() ?? [];
            var items = section.TryGet("items")?.Items().Select(i => Checked(i, placeholders)).ToList() ?? [];
            if (paragraphs.Count == 0 && items.Count == 0)
            {
                throw section.Error("a section needs paragraphs or items");
            }

            return new InfoSection(Checked(section.Get("heading")), paragraphs, items);
        }).ToList());

    /// <summary>The text, after checking it only uses the placeholders this place can fill.</summary>
    private static string Checked(ContentNode node, params string[] allowed)
    {
        var text = node.Text();
        for (var open = text.IndexOf('{'); open >= 0; open = text.IndexOf('{', open + 1))
        {
            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                throw node.Error("a '{' is never closed");
            }

            var name = text[(open + 1)..close];
            if (Array.IndexOf(allowed, name) < 0)
            {
                throw node.Error(allowed.Length == 0
                    ? $"'{{{name}}}' cannot be filled here (this text takes no placeholders)"
                    : $"'{{{name}}}' cannot be filled here (expected: {string.Join(", ", allowed.Select(a => "{" + a + "}"))})");
            }
        }

        return text;
    }
}
