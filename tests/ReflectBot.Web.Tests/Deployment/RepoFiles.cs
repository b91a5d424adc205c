namespace ReflectBot.Web.Tests.Deployment;

/// <summary>Finds files in the source tree, so tests read the committed templates, not copies.</summary>
internal static class RepoFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RootDirectory => Root.Value;

    public static string TeamsDirectory => Path.Combine(RootDirectory, "deploymentTemplates", "teams");

    public static string AzureDirectory => Path.Combine(RootDirectory, "deploymentTemplates", "azure");

    public static string Teams(string fileName) => Path.Combine(TeamsDirectory, fileName);

    public static string Azure(string fileName) => Path.Combine(AzureDirectory, fileName);

    // The test binaries live under tests/.../bin/..., so walk up to the folder holding the solution.
    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReflectBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No ReflectBot.sln above {AppContext.BaseDirectory}; the deployment tests need the source tree.");
    }
}
