namespace ReflectBot.Web.Tests.Deployment;

/// <summary>CI runs <c>dotnet test ReflectBot.sln</c>: a test project left out of the solution never runs.</summary>
public class SolutionTests
{
    [Fact]
    public void Every_test_project_in_the_repository_is_in_the_solution()
    {
        var root = RepoFiles.RootDirectory;
        var solution = File.ReadAllText(Path.Combine(root, "ReflectBot.sln")).Replace('\\', '/');
        var testProjects = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Where(p => !p.Split('/').Any(part => part is "bin" or "obj" or "node_modules"))
            .Where(p => File.ReadAllText(Path.Combine(root, p)).Contains("<IsTestProject>true</IsTestProject>", StringComparison.Ordinal)
                || Path.GetFileNameWithoutExtension(p).EndsWith("Tests", StringComparison.Ordinal))
            .ToList();

        Assert.Contains("bench/LoadDriver.Tests/LoadDriver.Tests.csproj", testProjects);
        Assert.All(testProjects, p => Assert.Contains($"\"{p}\"", solution));
    }
}
