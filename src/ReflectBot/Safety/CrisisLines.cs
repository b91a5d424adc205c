using ReflectBot.Content;

namespace ReflectBot.Safety;

/// <summary>One phone, text or web service in a crisis-line set.</summary>
[Content]
public sealed partial record HelpLine
{
    /// <summary>What the service is called.</summary>
    public required string Name { get; init; }

    /// <summary>Number to call, as people write it locally; null when there is none.</summary>
    public string? Call { get; init; }

    /// <summary>Number (and keyword) to text; null when there is none.</summary>
    public string? Text { get; init; }

    /// <summary>Address without scheme; null when there is none.</summary>
    public string? Website { get; init; }

    /// <summary>A short, plain line shown beside the service; null when there is none.</summary>
    public string? Note { get; init; }

    private void Validate(ContentNode node)
    {
        if (Call is null && Text is null && Website is null)
        {
            throw node.Error($"'{Name}' needs a call, text or website");
        }

        foreach (var (key, value) in new[] { ("call", Call), ("text", Text) })
        {
            if (value is not null && !value.Any(char.IsAsciiDigit))
            {
                throw node.Get(key).Error($"'{value}' has no number in it");
            }
        }

        if (Website is { } site && (site.Contains(' ') || !site.Contains('.')))
        {
            throw node.Get("website").Error($"'{site}' is not a web address");
        }
    }
}

/// <summary>The emergency number and help lines for one region (or the international fallback).</summary>
[Content]
public sealed partial record CrisisLineSet
{
    public required string Id { get; init; }

    [ContentKey("name")]
    public required string RegionName { get; init; }

    /// <summary>Region codes (GB, 840) this set is for; none for the fallback.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];
    public required string Emergency { get; init; }

    [ContentKey("crisis_lines")]
    public required IReadOnlyList<HelpLine> CrisisLines { get; init; }

    [ContentKey("abuse_lines")]
    public required IReadOnlyList<HelpLine> AbuseLines { get; init; }

    /// <summary>True for the set used when the person's region is unknown.</summary>
    public bool IsFallback => Regions.Count == 0;
}

/// <summary>dialogs/safety/crisis-lines.yaml as written: the regional sets and the international fallback.</summary>
[Content(File = CrisisLines.RelativePath, Shared = true)]
public sealed partial record CrisisLinesFile
{
    public required IReadOnlyList<CrisisLineSet> Sets { get; init; }
    public required CrisisLineSet Fallback { get; init; }

    private void Validate(ContentNode node) => RegionalSets.Check(node, Sets.Select(s => (s.Id, s.Regions)).Append((Fallback.Id, Fallback.Regions)).ToList());
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
        if (!File.Exists(Path.Combine(contentRoot, RelativePath)))
        {
            throw new ContentException(RelativePath, 0, $"file not found under content root '{contentRoot}'");
        }

        var file = CrisisLinesFile.Load(new ContentSource(contentRoot));
        return new CrisisLines(file.Sets, file.Fallback);
    }
}

/// <summary>The checks shared by the per-region files (crisis lines, therapist directories).</summary>
internal static class RegionalSets
{
    /// <summary>
    /// Set ids are unique, every set but the last (the fallback) names regions, the fallback names none, and each
    /// region code is well formed and used by one set only.
    /// </summary>
    public static void Check(ContentNode root, IReadOnlyList<(string Id, IReadOnlyList<string> Regions)> sets)
    {
        var setNodes = root.Get("sets").Items().Append(root.Get("fallback")).ToList();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sets.Count; i++)
        {
            var (id, regions) = sets[i];
            var node = setNodes[i];
            if (!ids.Add(id))
            {
                throw node.Get("id").Error($"set id '{id}' is used twice");
            }

            var isFallback = i == sets.Count - 1;
            if (isFallback && regions.Count > 0)
            {
                throw node.Get("regions").Error("the fallback is for everywhere else: it takes no regions");
            }

            if (isFallback)
            {
                continue;
            }

            var regionNodes = node.Get("regions").Items();
            for (var r = 0; r < regions.Count; r++)
            {
                var region = regions[r];
                if (CrisisLines.RegionOf("xx-" + region).Length != region.Length)
                {
                    throw regionNodes[r].Error($"'{region}' is not a region code (two letters like GB, or three digits)");
                }

                if (!owners.TryAdd(region, id))
                {
                    throw regionNodes[r].Error($"region '{region}' is already used by set '{owners[region]}'");
                }
            }
        }
    }
}
