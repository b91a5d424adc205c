using Microsoft.Extensions.Options;

namespace ReflectBot.Content;

/// <summary>
/// Where the conversation content lives and a cache of its parsed files, so each file is read once at start-up.
/// Feature content classes (one per YAML file) are built from here and validated when the bot starts.
/// </summary>
public sealed class ContentSource
{
    private readonly Dictionary<string, ContentNode> _files = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ContentSource(IOptions<ReflectBotOptions> options)
        : this(ResolveRoot(options.Value.ContentPath), options.Value.DefaultLocale)
    {
    }

    public ContentSource(string root, string locale = "en-US")
    {
        if (!Directory.Exists(root))
        {
            throw new ContentException(root, 0, "the content folder does not exist (set Content:Path)");
        }

        Root = root;
        Locale = locale;
    }

    /// <summary>The folder holding <c>en-US/</c>, <c>safety/</c> ...</summary>
    public string Root { get; }

    /// <summary>The locale whose content folder is used.</summary>
    public string Locale { get; }

    /// <summary>A file of the locale's folder, e.g. <c>common.yaml</c>.</summary>
    public ContentNode LocaleFile(string name) => File(Path.Combine(Locale, name));

    /// <summary>A file relative to the content root, e.g. <c>safety/crisis-lines.yaml</c>.</summary>
    public ContentNode File(string relativePath)
    {
        lock (_lock)
        {
            if (!_files.TryGetValue(relativePath, out var node))
            {
                var full = Path.Combine(Root, relativePath);
                if (!System.IO.File.Exists(full))
                {
                    throw new ContentException(relativePath, 0, "the file is missing");
                }

                node = ContentNode.Load(full, relativePath.Replace('\\', '/'));
                _files[relativePath] = node;
            }

            return node;
        }
    }

    /// <summary>
    /// The configured path, else <c>dialogs/</c> beside the binaries (copied there by the build), else the
    /// repository's <c>dialogs/</c> found by walking up (handy for <c>dotnet run</c> from a source tree).
    /// </summary>
    public static string ResolveRoot(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "dialogs");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "dialogs");
            if (Directory.Exists(candidate) && System.IO.File.Exists(Path.Combine(dir.FullName, "ReflectBot.sln")))
            {
                return candidate;
            }
        }

        return beside;
    }
}

/// <summary>Marker for content classes, so start-up can load and validate them all before the first turn.</summary>
public interface IBotContent;

/// <summary>Fills <c>{name}</c> placeholders in content text.</summary>
public static class ContentText
{
    public static string Fill(string template, params (string Name, string Value)[] values)
    {
        var result = template;
        foreach (var (name, value) in values)
        {
            result = result.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return result;
    }

    /// <summary>Joins "a", "b", "c" as "a, b and c" with the content's own word for "and".</summary>
    public static string JoinList(IReadOnlyList<string> items, string and) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {and} {items[^1]}",
    };
}
