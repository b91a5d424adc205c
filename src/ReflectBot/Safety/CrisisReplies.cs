using Microsoft.Extensions.Options;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs.Choices;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Safety;

/// <summary>
/// Builds the safety replies from content that was loaded and checked at start-up: nothing here reads state,
/// does I/O or can fail on a missing key, so the reply can be sent before anything else in the turn runs.
/// </summary>
public sealed class CrisisReplies
{
    /// <summary>The entity type every safety reply carries, so clients and analytics can react.</summary>
    public const string EntityType = "reflectbot/safety";

    private readonly SafetyContent _content;
    private readonly CrisisLines _lines;
    private readonly string _defaultLocale;

    public CrisisReplies(SafetyContent content, CrisisLines lines, IOptions<ReflectBotOptions> options)
    {
        _content = content;
        _lines = lines;
        _defaultLocale = options.Value.DefaultLocale;
    }

    public SafetyContent Content => _content;

    /// <summary>The help lines for a person's locale (see <see cref="CrisisLines.For"/>).</summary>
    public CrisisLineSet LinesFor(string? locale) => _lines.For(locale, _defaultLocale);

    /// <summary>
    /// The full crisis reply: (1) compassion, the emergency number and the help lines for the person's locale,
    /// (2) "are you safe right now?" with the answers as buttons. Both carry the safety entity.
    /// </summary>
    public Activity[] Crisis(SafetyCategory category, string? locale, string? channelId)
    {
        var text = _content.ReplyFor(category);
        var set = LinesFor(locale);
        var paragraphs = new List<string>(4);
        if (text.Open is { } open)
        {
            paragraphs.Add(Fill(open, set, category));
        }

        paragraphs.Add(Fill(text.Compassion, set, category));
        paragraphs.Add(Fill(text.Help, set, category) + "\n" + string.Join("\n", LinesShownFor(set, text.Lines).Select(FormatLine)));
        var help = Tag(MessageFactory.Text(string.Join("\n\n", paragraphs)), category);
        var question = Question(category, channelId, _content.Question.Text, _content.QuestionChoices);
        return [help, question];
    }

    /// <summary>The gentle check-in question, with its answers as buttons.</summary>
    public Activity CheckIn(string? channelId) =>
        Question(SafetyCategory.CheckIn, channelId, _content.CheckIn.Question, _content.CheckInChoices);

    /// <summary>A question of the safety conversation, rendered for the channel and tagged with the category.</summary>
    public Activity Question(SafetyCategory category, string? channelId, string text, IReadOnlyList<Choice> choices)
    {
        var activity = ChoiceFactory.ForChannel(channelId, [.. choices], text);
        activity.InputHint = InputHints.ExpectingInput;
        return Tag(activity, category);
    }

    /// <summary>A plain safety message with <c>{emergency}</c> and <c>{line}</c> filled for the person's locale.</summary>
    public Activity Message(string template, SafetyCategory category, string? locale) =>
        Tag(MessageFactory.Text(Fill(template, LinesFor(locale), category)), category);

    /// <summary>Adds the <c>reflectbot/safety</c> entity with the category's wire name.</summary>
    public static Activity Tag(Activity activity, SafetyCategory category)
    {
        activity.Entities ??= [];
        activity.Entities.Add(new Entity(EntityType).With("category", category.WireName()));
        return activity;
    }

    /// <summary>The category of a reply's safety entity, or null when it has none (tests and clients).</summary>
    public static string? CategoryOf(Activity activity) =>
        activity.Entities?.FirstOrDefault(e => e.Type == EntityType)?.GetString("category");

    private string Fill(string template, CrisisLineSet set, SafetyCategory category)
    {
        var first = category == SafetyCategory.Abuse ? set.AbuseLines[0] : set.CrisisLines[0];
        return ContentText.Fill(
            template,
            ("emergency", set.Emergency),
            ("line", ContentText.Fill(_content.Line.InSentence, ("name", first.Name), ("ways", Ways(first)))));
    }

    private static IEnumerable<HelpLine> LinesShownFor(CrisisLineSet set, LinesShown shown) => shown switch
    {
        LinesShown.Abuse => set.AbuseLines,
        LinesShown.Both => set.CrisisLines.Concat(set.AbuseLines).DistinctBy(l => (l.Name, l.Call, l.Text, l.Website)),
        _ => set.CrisisLines,
    };

    private string FormatLine(HelpLine line)
    {
        var ways = Ways(line);
        if (line.Note is { } note)
        {
            ways = ContentText.Fill(_content.Line.WithNote, ("ways", ways), ("note", note));
        }

        return ContentText.Fill(_content.Line.Item, ("name", line.Name), ("ways", ways));
    }

    /// <summary>"call or text 988, 988lifeline.org": every way to reach the line, joined by the content's template.</summary>
    private string Ways(HelpLine line)
    {
        var format = _content.Line;
        var ways = new List<string>(3);
        if (line.Call is { } call && line.Text is { } sms && call == sms)
        {
            ways.Add(ContentText.Fill(format.CallOrText, ("number", call)));
        }
        else
        {
            if (line.Call is { } callOnly)
            {
                ways.Add(ContentText.Fill(format.Call, ("number", callOnly)));
            }

            if (line.Text is { } textOnly)
            {
                ways.Add(ContentText.Fill(format.Text, ("number", textOnly)));
            }
        }

        if (line.Website is { } site)
        {
            ways.Add(ContentText.Fill(format.Website, ("website", site)));
        }

        return ways.Aggregate((first, next) => ContentText.Fill(format.Join, ("first", first), ("next", next)));
    }
}
