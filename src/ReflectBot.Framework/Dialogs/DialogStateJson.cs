using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Dialogs;

/// <summary>
/// Reads and writes a <see cref="DialogInstance.State"/>: each value through <see cref="StateValueJson"/>, except a
/// component's inner stack (<c>"dialogs"</c>), kept as a plain <see cref="DialogState"/> object in the JSON and read straight
/// into a live one, so a conversation's nested stacks are parsed once per turn instead of once per level.
/// </summary>
internal sealed class DialogInstanceStateConverter : JsonConverter<IDictionary<string, object?>>
{
    internal const string InnerStackKey = "dialogs";

    public override IDictionary<string, object?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A dialog instance's state must be a JSON object.");
        }

        var state = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            state[name] = name == InnerStackKey && IsInnerStack(reader)
                ? DialogStateConverter.ReadState(ref reader, options)
                : StateValueJson.Read(ref reader, options);
        }

        return state;
    }

    public override void Write(Utf8JsonWriter writer, IDictionary<string, object?> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, item) in value)
        {
            writer.WritePropertyName(name);
            if (name == InnerStackKey && item is DialogState inner)
            {
                DialogStateConverter.WriteState(writer, inner, options);
            }
            else
            {
                StateValueJson.Write(writer, item, options);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Only an object holding nothing but a <c>dialogStack</c> array (what a saved <see cref="DialogState"/> is) is
    /// taken for an inner stack; anything else under that key is read as any other value.
    /// </summary>
    private static bool IsInnerStack(Utf8JsonReader reader)
    {
        // The reader is a copy: looking ahead does not move the caller's.
        if (reader.TokenType != JsonTokenType.StartObject || !reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("dialogStack"u8) || !reader.Read()
            || reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        reader.Skip();
        return reader.Read() && reader.TokenType == JsonTokenType.EndObject;
    }
}

/// <summary>
/// Reads a dialog version as the one string instance this process already has for the same text. A version holds
/// every inner dialog's version (the main dialog's is over a kilobyte), is read for each stack entry on every turn and
/// compared with the deployed one: shared, it is neither allocated again nor compared character by character.
/// </summary>
internal sealed class DialogVersionConverter : JsonConverter<string>
{
    // Versions are few (one per dialog of this build, plus what older stacks still carry); the cap keeps odd input from growing it.
    private const int MaxEntries = 512;
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownBySpan = Known.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly Lock Gate = new();

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A dialog version must be a string.");
        }

        var length = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        if (length > 16 * 1024)
        {
            return reader.GetString();
        }

        var rented = length <= 512 ? null : ArrayPool<char>.Shared.Rent(length);
        try
        {
            Span<char> buffer = rented ?? stackalloc char[length];
            return Intern(buffer[..reader.CopyString(buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static string Intern(ReadOnlySpan<char> chars)
    {
        lock (Gate)
        {
            if (KnownBySpan.TryGetValue(chars, out var known))
            {
                return known;
            }

            var text = chars.ToString();
            if (Known.Count < MaxEntries)
            {
                Known[text] = text;
            }

            return text;
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>
/// Reads and writes a <see cref="DialogState"/> by hand, in the shape the generated serializer gives it
/// (<c>{"dialogStack":[{"id":…,"version":…,"state":{…}}]}</c>, nulls left out). A stack is read on every turn and once
/// more for each component level inside it; the generated reader started a fresh read stack for each of those levels.
/// </summary>
internal sealed class DialogStateConverter : JsonConverter<DialogState>
{
    private static readonly DialogInstanceStateConverter StateConverter = new();
    private static readonly DialogVersionConverter VersionConverter = new();

    public override DialogState? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadState(ref reader, options);

    internal static DialogState? ReadState(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var state = new DialogState();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("dialogStack"u8))
            {
                reader.Read();
                state.DialogStack = ReadStack(ref reader, options)!;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return state;
    }

    private static List<DialogInstance>? ReadStack(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray);
        var stack = new List<DialogInstance>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            stack.Add(ReadInstance(ref reader, options)!);
        }

        return stack;
    }

    private static DialogInstance? ReadInstance(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        var instance = new DialogInstance();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                instance.Id = reader.TokenType == JsonTokenType.Null ? null! : ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                reader.Read();
                instance.Version = reader.TokenType == JsonTokenType.Null ? null : VersionConverter.Read(ref reader, typeof(string), options);
            }
            else if (reader.ValueTextEquals("state"u8))
            {
                reader.Read();
                instance.State = reader.TokenType == JsonTokenType.Null ? null! : ReadInstanceState(ref reader, instance, options);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return instance;
    }

    /// <summary>
    /// An instance's state; one this build cannot read (a typed value whose type it no longer registers) leaves the
    /// instance marked, so resuming it restarts the conversation politely instead of failing every turn.
    /// </summary>
    private static IDictionary<string, object?> ReadInstanceState(ref Utf8JsonReader reader, DialogInstance instance, JsonSerializerOptions options)
    {
        var start = reader;
        try
        {
            return StateConverter.Read(ref reader, typeof(IDictionary<string, object?>), options);
        }
        catch (JsonException) when (start.TokenType == JsonTokenType.StartObject)
        {
            reader = start;
            reader.Skip();
            instance.Unreadable = true;
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }
    }

    public override void Write(Utf8JsonWriter writer, DialogState value, JsonSerializerOptions options) =>
        WriteState(writer, value, options);

    internal static void WriteState(Utf8JsonWriter writer, DialogState value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.DialogStack is { } stack)
        {
            writer.WriteStartArray("dialogStack"u8);
            foreach (var instance in stack)
            {
                if (instance is null)
                {
                    writer.WriteNullValue();
                    continue;
                }

                writer.WriteStartObject();
                if (instance.Id is { } id)
                {
                    writer.WriteString("id"u8, id);
                }

                if (instance.Version is { } version)
                {
                    writer.WriteString("version"u8, version);
                }

                if (instance.State is { } state)
                {
                    writer.WritePropertyName("state"u8);
                    StateConverter.Write(writer, state, options);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The dialog state ends early.");
        }

        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw new JsonException($"Unexpected {reader.TokenType} in the dialog state."),
        };
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.String);
        return reader.GetString()!;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type} in the dialog state, found {reader.TokenType}.");
        }
    }
}
