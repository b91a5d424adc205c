using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ReflectBot.Framework.Dialogs;

/// <summary>
/// Reads a <see cref="DialogInstance.State"/> with a component's inner stack (<c>"dialogs"</c>) straight into a live
/// <see cref="DialogState"/> (wrapped as a JsonValue, as <see cref="ComponentDialog"/> keeps it during a turn), so a
/// conversation's nested stacks are parsed once per turn instead of once per level and again for every level below.
/// Everything else is read as a JsonNode as before, and writing is the JsonObject's own: the JSON is unchanged.
/// </summary>
internal sealed class DialogInstanceStateConverter : JsonConverter<JsonObject>
{
    internal const string InnerStackKey = "dialogs";

    public override JsonObject Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A dialog instance's state must be a JSON object.");
        }

        var state = new JsonObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            state[name] = name == InnerStackKey && IsInnerStack(reader)
                ? JsonValue.Create(JsonSerializer.Deserialize(ref reader, DialogJson.Default.DialogState)!, DialogJson.Default.DialogState)
                : JsonNode.Parse(ref reader);
        }

        return state;
    }

    public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);

    /// <summary>
    /// Only an object holding nothing but a <c>dialogStack</c> array (what a saved <see cref="DialogState"/> is) is
    /// taken for an inner stack; anything else under that key stays as it was written, untouched.
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
