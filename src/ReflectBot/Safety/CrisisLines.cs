using ReflectBot.Content;

namespace ReflectBot.Safety;

/// <summary>One phone, text or web service in a crisis-line set.</summary>
/// <param name="Name">What the service is called.</param>
/// <param name="Call">Number to call, as people write it locally; null when there is none.</param>
/// <param name="Text">Number (and keyword) to text; null when there is none.</param>
/// <param name="Website">Address without scheme; null when there is none.</param>
/// <param name="Note">A short, plain line shown beside the service; null when there is none.</param>
public sealed record HelpLine(string Name, string? Call, string? Text, string? Website, string? Note);

/// <summary>The emergency number and help lines for one region (or the international fallback).</summary>
public sealed record CrisisLineSet(
    string Id,
    string RegionName,
    string Emergency,
    IReadOnlyList<HelpLine> CrisisLines,
    IReadOnlyList<HelpLine> AbuseLines,
    IReadOnlyList<string> Regions)
{
    /// <summary>True for the set used when the person's region is unknown.</summary>
    public bool IsFallback => Regions.Count == 0;
}

/// <summary>
/// Crisis lines per region from dialogs/safety/crisis-lines.yaml, loaded and validated once.
/// <see cref="For"/> picks a set from the region part of a locale: "en-GB" → UK, "fr-CA" → Canada.
/// </summary>
public sealed class CrisisLines
{
    /// <summary>Where the data lives, relative to the content root (the dialogs folder).</summary>
    public const string RelativePath = "safety/crisis-lines.yaml";

    private readonly Dictionary<string, CrisisLineSet> _byRegion;
    private readonly Dictionary<string, CrisisLineSet>.AlternateLookup<ReadOnlySpan<char>> _byRegionSpan;

    private CrisisLines(IReadOnlyList<CrisisLineSet> sets, CrisisLineSet fallback)
    {
        Sets = sets;
        Fallback = fallback;
        _byRegion = new Dictionary<string, CrisisLineSet>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in sets)
        {
            foreach (var region in set.Regions)
            {
                _byRegion.Add(region, set);
            }
        }

        _byRegionSpan = _byRegion.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Every regional set, in file order (the fallback is not among them).</summary>
    public IReadOnlyList<CrisisLineSet> Sets { get; }

    /// <summary>The international set used when no region is known.</summary>
    public CrisisLineSet Fallback { get; }

    /// <summary>
    /// The set for <paramref name="locale"/>'s region. When the locale names a region we do not list ("de-DE"),
    /// the international <see cref="Fallback"/>: the person is somewhere else, where the default country's numbers
    /// could be wrong. When it names no region at all (absent, or a bare language like "en"), the set for
    /// <paramref name="defaultLocale"/>'s region, failing that the fallback.
    /// Accepts "en-GB", "en_gb", "zh-Hant-CA".
    /// </summary>
    public CrisisLineSet For(string? locale, string defaultLocale)
    {
        if (TryForRegionOf(locale, out var set))
        {
            return set;
        }

        return RegionOf(locale).IsEmpty && TryForRegionOf(defaultLocale, out set) ? set : Fallback;
    }

    /// <summary>The set for the region part of <paramref name="locale"/>, if that region is listed.</summary>
    public bool TryForRegionOf(string? locale, out CrisisLineSet set)
    {
        set = Fallback;
        var region = RegionOf(locale);
        if (region.IsEmpty || !_byRegionSpan.TryGetValue(region, out var found))
        {
            return false;
        }

        set = found;
        return true;
    }

    /// <summary>
    /// The region subtag of a BCP 47-style locale: the first subtag after the language that is two
    /// letters or three digits. Empty when there is none.
    /// </summary>
    internal static ReadOnlySpan<char> RegionOf(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return [];
        }

        var rest = locale.AsSpan().Trim();
        var first = true;
        while (!rest.IsEmpty)
        {
            var cut = rest.IndexOfAny('-', '_');
            var part = cut < 0 ? rest : rest[..cut];
            rest = cut < 0 ? [] : rest[(cut + 1)..];
            if (first)
            {
                first = false;
                continue;
            }

            if ((part.Length == 2 && char.IsAsciiLetter(part[0]) && char.IsAsciiLetter(part[1]))
                || (part.Length == 3 && char.IsAsciiDigit(part[0]) && char.IsAsciiDigit(part[1]) && char.IsAsciiDigit(part[2])))
            {
                return part;
            }
        }

        return [];
    }

    /// <summary>Reads and validates <c>{contentRoot}/safety/crisis-lines.yaml</c>; problems stop loading with file:line.</summary>
    public static CrisisLines Load(string contentRoot)
    {
        var fullPath = Path.Combine(contentRoot, RelativePath);
        if (!File.Exists(fullPath))
        {
            throw new ContentException(RelativePath, 0, $"file not found under content root '{contentRoot}'");
        }

        return FromRoot(ContentNode.Load(fullPath, RelativePath));
    }

    private static CrisisLines FromRoot(ContentNode root)
    {
        RequireOnlyKeys(root, "sets", "fallback");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var regions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sets = new List<CrisisLineSet>();
        foreach (var node in root.Get("sets").Items())
        {
            RequireOnlyKeys(node, "id", "name", "regions", "emergency", "crisis_lines", "abuse_lines");
            var regionList = new List<string>();
            foreach (var regionNode in node.Get("regions").Items())
            {
                var region = regionNode.Text();
                if (RegionOf("xx-" + region).Length != region.Length)
                {
                    throw regionNode.Error($"'{region}' is not a region code (two letters like GB, or three digits)");
                }

                if (regions.TryGetValue(region, out var owner))
                {
                    throw regionNode.Error($"region '{region}' is already used by set '{owner}'");
                }

                regions.Add(region, node.Get("id").Text());
                regionList.Add(region.ToUpperInvariant());
            }

            sets.Add(ReadSet(node, ids, regionList));
        }

        var fallbackNode = root.Get("fallback");
        RequireOnlyKeys(fallbackNode, "id", "name", "emergency", "crisis_lines", "abuse_lines");
        var fallback = ReadSet(fallbackNode, ids, []);
        return new CrisisLines(sets, fallback);
    }

    private static CrisisLineSet ReadSet(ContentNode node, HashSet<string> ids, IReadOnlyList<string> regions)
    {
        var idNode = node.Get("id");
        var id = idNode.Text();
        if (!ids.Add(id))
        {
            throw idNode.Error($"set id '{id}' is used twice");
        }

        return new CrisisLineSet(
            id,
            node.Get("name").Text(),
            node.Get("emergency").Text(),
            ReadLines(node.Get("crisis_lines")),
            ReadLines(node.Get("abuse_lines")),
            regions);
    }

    /// <summary>A list of lines; <see cref="ContentNode.Items"/> already refuses an empty list.</summary>
    private static List<HelpLine> ReadLines(ContentNode list)
    {
        var lines = new List<HelpLine>();
        foreach (var node in list.Items())
        {
            RequireOnlyKeys(node, "name", "call", "text", "website", "note");
            var line = new HelpLine(
                node.Get("name").Text(),
                node.TryGet("call")?.Text(),
                node.TryGet("text")?.Text(),
                node.TryGet("website")?.Text(),
                node.TryGet("note")?.Text());
            if (line.Call is null && line.Text is null && line.Website is null)
            {
                throw node.Error($"'{line.Name}' needs a call, text or website");
            }

            foreach (var (key, value) in new[] { ("call", line.Call), ("text", line.Text) })
            {
                if (value is not null && !value.Any(char.IsAsciiDigit))
                {
                    throw node.Get(key).Error($"'{value}' has no number in it");
                }
            }

            if (line.Website is { } site && (site.Contains(' ') || !site.Contains('.')))
            {
                throw node.Get("website").Error($"'{site}' is not a web address");
            }

            lines.Add(line);
        }

        return lines;
    }

    private static void RequireOnlyKeys(ContentNode node, params string[] allowed)
    {
        foreach (var (key, child) in node.Entries)
        {
            if (Array.IndexOf(allowed, key) < 0)
            {
                // A list or map value starts on the line below its key, so say where the key is.
                var where = child.IsScalar ? "" : " just above this line";
                throw child.Error($"unknown key '{key}'{where} (expected: {string.Join(", ", allowed)})");
            }
        }
    }
}
