namespace ReflectBot.Tests.Support;

/// <summary>Finds the repository (the folder with ReflectBot.sln) from the test binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The repository's <c>dialogs/</c> folder: the content every bot test runs against.</summary>
    public static string ContentRoot => Path.Combine(Root, "dialogs");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReflectBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ReflectBot.sln not found above " + AppContext.BaseDirectory);
    }
}
