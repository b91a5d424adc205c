using ReflectBot.Content;
using ReflectBot.Safety;

namespace ReflectBot.Journeys.Referral;

/// <summary>One place to search for a therapist.</summary>
[Content]
public sealed partial record TherapistDirectory
{
    public required string Name { get; init; }
    public required string Website { get; init; }
    public string? Note { get; init; }

    private void Validate(ContentNode node)
    {
        if (Website.Contains(' ') || !Website.Contains('.') || Website.Contains("://", StringComparison.Ordinal))
        {
            throw node.Get("website").Error($"'{Website}' is not a web address without https:// (e.g. bacp.co.uk/search/Therapists)");
        }
    }
}

/// <summary>The directories for one region, or the international fallback (no regions).</summary>
[Content]
public sealed partial record DirectorySet
{
    public required string Id { get; init; }

    public IReadOnlyList<string> Regions { get; init; } = [];
    public required IReadOnlyList<TherapistDirectory> Directories { get; init; }

    public bool IsFallback => Regions.Count == 0;
}

/// <summary>dialogs/safety/directories.yaml as written.</summary>
[Content(File = TherapistDirectories.RelativePath, Shared = true)]
public sealed partial record DirectoriesFile
{
    public required IReadOnlyList<DirectorySet> Sets { get; init; }
    public required DirectorySet Fallback { get; init; }

    private void Validate(ContentNode node) => RegionalSets.Check(node, Sets.Select(s => (s.Id, s.Regions)).Append((Fallback.Id, Fallback.Regions)).ToList());
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
        var file = DirectoriesFile.Load(source);
        return new TherapistDirectories(file.Sets, file.Fallback);
    }
}
