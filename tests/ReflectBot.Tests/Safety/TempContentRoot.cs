using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

/// <summary>A throw-away content root with a safety/ folder, for tests of broken data files.</summary>
public sealed class TempContentRoot : IDisposable
{
    public TempContentRoot()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reflectbot-safety-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "safety"));
    }

    public string Path { get; }

    public void Write(string relativePath, string text) => File.WriteAllText(System.IO.Path.Combine(Path, relativePath), text);

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>The shipped file with one exact piece of text replaced; returns the 1-based line the change is on.</summary>
    public static (string Text, int Line) Edit(string shippedRelativePath, string find, string replace)
    {
        var original = File.ReadAllText(System.IO.Path.Combine(RepoPaths.ContentRoot, shippedRelativePath));
        var at = original.IndexOf(find, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"'{find}' is not in {shippedRelativePath}; update the test");
        }

        var line = original.AsSpan(0, at).Count('\n') + 1;
        return (string.Concat(original.AsSpan(0, at), replace, original.AsSpan(at + find.Length)), line);
    }
}
