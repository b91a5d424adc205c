namespace ReflectBot.Content;

/// <summary>
/// Marks a <c>partial</c> type that is read from content YAML by convention: the build writes its
/// <c>Bind(ContentNode)</c> (ReflectBot.Content.Generator), reading every public settable property from the key of
/// the same name in camelCase. <c>required</c> properties must be there; the others may be left out (null, or an
/// empty list or map). A key the type does not have stops loading, so a misspelt key is never silently ignored.
/// With <see cref="File"/>, the type is a whole file and also gets <c>Load(ContentSource)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ContentAttribute : Attribute
{
    /// <summary>The file this type reads, e.g. <c>signs.yaml</c> (in the locale's folder).</summary>
    public string? File { get; init; }

    /// <summary>The file is relative to the content root (<c>safety/…</c>), the same for every locale.</summary>
    public bool Shared { get; init; }
}

/// <summary>The YAML key, when it is not the property's name in camelCase (e.g. <c>crisis_lines</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ContentKeyAttribute(string key) : Attribute
{
    public string Key { get; } = key;
}

/// <summary>Not read from the file: set by the type's own loading code.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ContentIgnoreAttribute : Attribute;

/// <summary>
/// The <c>{placeholders}</c> the bot fills in this text; the text may use only these, so a misspelt placeholder stops
/// start-up instead of reaching someone as "{emergancy}". A text without this attribute takes no placeholders.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FillsAttribute(params string[] names) : Attribute
{
    public string[] Names { get; } = names;
}

/// <summary>Placeholders the text must contain (and may use), so a counsellor's edit cannot drop one silently.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NeedsAttribute(params string[] names) : Attribute
{
    public string[] Names { get; } = names;
}

/// <summary>The keys a list's entries must have: each once, none missing, no others unless <see cref="OthersAllowed"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class KeysAttribute(params string[] keys) : Attribute
{
    public string[] Keys { get; } = keys;

    /// <summary>The listed keys must be there, and other entries may be added.</summary>
    public bool OthersAllowed { get; init; }
}

/// <summary>A whole number of at least <paramref name="min"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AtLeastAttribute(int min) : Attribute
{
    public int Min { get; } = min;
}

/// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class BetweenAttribute(int min, int max) : Attribute
{
    public int Min { get; } = min;

    public int Max { get; } = max;
}

/// <summary>A .NET date pattern ("dddd d MMMM"), checked at start-up so a typo does not stop a conversation.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DatePatternAttribute : Attribute;

/// <summary>A type the content binder can read; implemented by the generated code of every <see cref="ContentAttribute"/> type.</summary>
public interface IContent<TSelf>
    where TSelf : IContent<TSelf>
{
    static abstract TSelf Bind(ContentNode node);
}

/// <summary>A content type that is a whole file, loaded once at start-up (see <c>AddBotContent</c>).</summary>
public interface IContentFile<TSelf> : IContent<TSelf>, IBotContent
    where TSelf : IContentFile<TSelf>
{
    static abstract TSelf Load(ContentSource source);
}
