namespace ReflectBot.Tests.Safety;

/// <summary>Finds the repository from the test binaries, so tests read the real content the bot ships.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding ReflectBot.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The dialogs/ folder: the content root the bot loads at start-up.</summary>
    public static string ContentRoot => Path.Combine(Root.Value, "dialogs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReflectBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"ReflectBot.sln not found in any folder above {AppContext.BaseDirectory}");
    }
}
