using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ReflectBot.Web.Tests.Deployment;

/// <summary>
/// <c>dotnet run --project src/ReflectBot.Web</c> keeps people's conversations in a SQLite file under the web
/// project's folder: that folder must never be committed, and the README must say where it is and how to move it.
/// </summary>
public class LocalDataFolderTests
{
    private static readonly string WebProject = Path.Combine(RepoFiles.RootDirectory, "src", "ReflectBot.Web");

    /// <summary>Where the default connection string puts the file when the content root is the web project.</summary>
    private static string DefaultDatabase() =>
        new SqliteConnectionStringBuilder(BotHostServiceCollectionExtensions.ResolveSqlitePath(null, WebProject)).DataSource;

    [Fact]
    public void The_default_store_lives_in_the_web_projects_data_folder()
    {
        Assert.Equal(Path.Combine(WebProject, "data", "reflectbot.db"), DefaultDatabase());
    }

    [Fact]
    public void Git_ignores_the_store_its_side_files_and_anything_else_put_in_its_folder()
    {
        var folder = Path.GetDirectoryName(DefaultDatabase())!;
        var paths = new[] { DefaultDatabase(), DefaultDatabase() + "-wal", DefaultDatabase() + "-shm", Path.Combine(folder, "backup-before-upgrade.sqlite") }
            .Select(p => Path.GetRelativePath(RepoFiles.RootDirectory, p).Replace('\\', '/'))
            .ToArray();

        var ignored = CheckIgnore(paths);

        Assert.Equal(paths, ignored);
    }

    [Fact]
    public void The_readme_says_where_the_data_file_is_and_which_setting_moves_it()
    {
        var readme = File.ReadAllText(Path.Combine(RepoFiles.RootDirectory, "README.md"));
        var run = readme[readme.IndexOf("dotnet run --project src/ReflectBot.Web", StringComparison.Ordinal)..readme.IndexOf("## Configuration", StringComparison.Ordinal)];

        Assert.Contains("src/ReflectBot.Web/data/reflectbot.db", run);
        Assert.Contains("Storage:ConnectionString", run);
        Assert.Contains("git-ignored", run);
    }

    /// <summary>The paths git would ignore, as <c>git check-ignore</c> lists them.</summary>
    private static List<string> CheckIgnore(string[] relativePaths)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = RepoFiles.RootDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "check-ignore", "--no-index", "--" }.Concat(relativePaths))
        {
            start.ArgumentList.Add(argument);
        }

        using var git = Process.Start(start)!;
        var output = git.StandardOutput.ReadToEnd();
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();

        // 0: some are ignored, 1: none are; anything else means git could not answer (no checkout?).
        Assert.True(git.ExitCode is 0 or 1, $"git check-ignore failed ({git.ExitCode}): {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }
}
