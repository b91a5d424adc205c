namespace ReflectBot.Tests.Analysis;

/// <summary>Finds the repository from the test binaries, so tests read the real content files.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding ReflectBot.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>The content root: the repository's dialogs/ folder.</summary>
    public static string Dialogs => Path.Combine(Root, "dialogs");

    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReflectBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ReflectBot.sln above {AppContext.BaseDirectory}");
    }
}
