using YamlDotNet.RepresentationModel;

namespace ReflectBot.Content;

/// <summary>
/// A read-only view of one node of a content YAML file that knows where it came from, so every
/// validation error can name the file and line a counsellor has to fix.
/// Uses YamlDotNet's representation model only: no reflection-based deserialisation.
/// </summary>
public sealed partial class ContentNode
{
    private readonly YamlNode _node;

    private ContentNode(YamlNode node, string file, string path)
    {
        _node = node;
        File = file;
        Path = path;
    }

    /// <summary>The content file this node came from, relative to the content root.</summary>
    public string File { get; }

    /// <summary>Where in the file this node sits, e.g. <c>steps.who.choices[2]</c>.</summary>
    public string Path { get; }

    /// <summary>1-based line of the node in its file.</summary>
    public long Line => _node.Start.Line;

    public bool IsMap => _node is YamlMappingNode;
    public bool IsList => _node is YamlSequenceNode;
    public bool IsScalar => _node is YamlScalarNode;

    /// <summary>Parses a YAML file; a syntax error becomes a <see cref="ContentException"/> with its line.</summary>
    public static ContentNode Load(string fullPath, string displayName)
    {
        using var reader = new StreamReader(fullPath);
        return Read(reader, displayName);
    }

    /// <summary>Parses YAML text (tests, embedded defaults).</summary>
    public static ContentNode Parse(string text, string displayName) => Read(new StringReader(text), displayName);

    private static ContentNode Read(TextReader reader, string displayName)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new ContentException(displayName, ex.Start.Line, $"is not valid YAML: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet gives up this way, without a position, when a '[' or '{' is never closed.
            throw new ContentException(displayName, 0, $"is not valid YAML: a '[' or '{{' is opened and never closed ({ex.Message})");
        }

        if (yaml.Documents.Count == 0)
        {
            throw new ContentException(displayName, 1, "is empty");
        }

        return new ContentNode(yaml.Documents[0].RootNode, displayName, "");
    }

    public ContentException Error(string message) => new(File, Line, string.IsNullOrEmpty(Path) ? message : $"{Path}: {message}");

    /// <summary>The child under <paramref name="key"/>; missing keys stop loading with file:line.</summary>
    public ContentNode Get(string key) =>
        TryGet(key) ?? throw Error($"missing key '{key}'");

    public ContentNode? TryGet(string key)
    {
        var map = AsMap();
        return map.Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? new ContentNode(child, File, Join(key))
            : null;
    }

    public bool Has(string key) => TryGet(key) is not null;

    /// <summary>The keys of a map, in file order.</summary>
    public IEnumerable<string> Keys => AsMap().Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "");

    /// <summary>The entries of a map as (key, node) pairs, in file order.</summary>
    public IEnumerable<KeyValuePair<string, ContentNode>> Entries =>
        AsMap().Children.Select(kv =>
        {
            var key = ((YamlScalarNode)kv.Key).Value ?? "";
            return new KeyValuePair<string, ContentNode>(key, new ContentNode(kv.Value, File, Join(key)));
        });

    /// <summary>The items of a list; an empty list is an error because every list in the content is used.</summary>
    public IReadOnlyList<ContentNode> Items()
    {
        if (_node is not YamlSequenceNode seq)
        {
            throw Error("expected a list");
        }

        if (seq.Children.Count == 0)
        {
            throw Error("the list has no entries");
        }

        return seq.Children.Select((c, i) => new ContentNode(c, File, $"{Path}[{i}]")).ToList();
    }

    /// <summary>The scalar text; empty text is an error since every string is shown to someone.</summary>
    public string Text()
    {
        if (_node is not YamlScalarNode scalar)
        {
            throw Error("expected text");
        }

        var value = scalar.Value;
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Error("the text is empty");
        }

        return value.Trim();
    }

    public int Int()
    {
        var text = Text();
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Error($"expected a whole number, found '{text}'");
    }

    public double Number()
    {
        var text = Text();
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw Error($"expected a number, found '{text}'");
    }

    public bool Bool()
    {
        var text = Text();
        return text switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Error($"expected true or false, found '{text}'"),
        };
    }

    /// <summary>A list of non-empty strings.</summary>
    public IReadOnlyList<string> Texts() => Items().Select(i => i.Text()).ToList();

    /// <summary>Text under a key, or a default when the key is absent.</summary>
    public string TextOr(string key, string fallback) => TryGet(key)?.Text() ?? fallback;

    private YamlMappingNode AsMap() =>
        _node as YamlMappingNode ?? throw Error("expected a map of keys");

    private string Join(string key) => string.IsNullOrEmpty(Path) ? key : $"{Path}.{key}";
}

/// <summary>Content that cannot be used: names the file, the line and what is wrong.</summary>
public sealed class ContentException(string file, long line, string problem)
    : Exception($"{file}:{line}: {problem}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public string Problem { get; } = problem;
}
