using ReflectBot.Content;

namespace ReflectBot.Safety;

/// <summary>One place to search for a therapist.</summary>
public sealed record TherapistDirectory(string Name, string Website, string? Note);

/// <summary>The directories for one region, or the international fallback (no regions).</summary>
public sealed record DirectorySet(string Id, IReadOnlyList<string> Regions, IReadOnlyList<TherapistDirectory> Directories)
{
    public bool IsFallback => Regions.Count == 0;
}

/// <summary>
/// Therapist directories per region from dialogs/safety/directories.yaml, loaded and validated once.
/// Chosen like the crisis lines: the locale's region when listed, else the default locale's, else the fallback.
/// </summary>
public sealed class TherapistDirectories : IBotContent
{
    public const string RelativePath = "safety/directories.yaml";

    private readonly Dictionary<string, DirectorySet> _byRegion;

    private TherapistDirectories(IReadOnlyList<DirectorySet> sets, DirectorySet fallback)
    {
        Sets = sets;
        Fallback = fallback;
        _byRegion = new Dictionary<string, DirectorySet>(StringComparer.OrdinalIgnoreCase);
        foreach (var set in sets)
        {
            foreach (var region in set.Regions)
            {
                _byRegion.Add(region, set);
            }
        }
    }

    public IReadOnlyList<DirectorySet> Sets { get; }

    public DirectorySet Fallback { get; }

    /// <summary>
    /// The set for <paramref name="locale"/>'s region; a locale naming an unlisted region gets the fallback;
    /// a locale without a region uses <paramref name="defaultLocale"/>'s.
    /// </summary>
    public DirectorySet For(string? locale, string defaultLocale)
    {
        var region = CrisisLines.RegionOf(locale).ToString();
        if (region.Length > 0)
        {
            return _byRegion.GetValueOrDefault(region) ?? Fallback;
        }

        return _byRegion.GetValueOrDefault(CrisisLines.RegionOf(defaultLocale).ToString()) ?? Fallback;
    }

    public static TherapistDirectories Load(ContentSource source)
    {
        var root = source.File(RelativePath);
        var seenRegions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var sets = new List<DirectorySet>();
        foreach (var node in root.Get("sets").Items())
        {
            var regions = new List<string>();
            foreach (var regionNode in node.Get("regions").Items())
            {
                var region = regionNode.Text();
                if (CrisisLines.RegionOf("xx-" + region).Length != region.Length)
                {
                    throw regionNode.Error($"'{region}' is not a region code (two letters like GB, or three digits)");
                }

                if (!seenRegions.Add(region))
                {
                    throw regionNode.Error($"region '{region}' is listed twice");
                }

                regions.Add(region.ToUpperInvariant());
            }

            sets.Add(ReadSet(node, ids, regions));
        }

        return new TherapistDirectories(sets, ReadSet(root.Get("fallback"), ids, []));
    }

    private static DirectorySet ReadSet(ContentNode node, HashSet<string> ids, IReadOnlyList<string> regions)
    {
        var idNode = node.Get("id");
        if (!ids.Add(idNode.Text()))
        {
            throw idNode.Error($"set id '{idNode.Text()}' is used twice");
        }

        var directories = new List<TherapistDirectory>();
        foreach (var item in node.Get("directories").Items())
        {
            var websiteNode = item.Get("website");
            var website = websiteNode.Text();
            if (website.Contains(' ') || !website.Contains('.') || website.Contains("://", StringComparison.Ordinal))
            {
                throw websiteNode.Error($"'{website}' is not a web address without https:// (e.g. bacp.co.uk/search/Therapists)");
            }

            directories.Add(new TherapistDirectory(item.Get("name").Text(), website, item.TryGet("note")?.Text()));
        }

        return new DirectorySet(idNode.Text(), regions, directories);
    }
}
