using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ReflectBot.Framework.State;

/// <summary>
/// Reads and writes the <c>object</c> values of dialog state (an instance's state, waterfall options and values):
/// <list type="bullet">
/// <item>strings, booleans and numbers as themselves (a whole number reads back as <c>int</c>, or <c>long</c> when it
/// does not fit; a <c>double</c> is written with a decimal point so it reads back as <c>double</c>);</item>
/// <item>a plain JSON object or array as a <see cref="JsonObject"/> or <see cref="JsonArray"/> (what stacks saved
/// before typed state hold);</item>
/// <item>a dictionary of values, and any type registered with <see cref="StateJson"/>, as
/// <c>{"$type":"BookingDetails","$value":{…}}</c>, read back as that type.</item>
/// </list>
/// A value of any other type cannot be saved and throws, naming the type and what to register.
/// </summary>
internal static class StateValueJson
{
    private static ReadOnlySpan<byte> TypeProperty => "$type"u8;

    private static ReadOnlySpan<byte> ValueProperty => "$value"u8;

    public static object? Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                // Boxed one by one: a conditional expression would turn all three into double.
                if (reader.TryGetInt32(out var i))
                {
                    return i;
                }

                return reader.TryGetInt64(out var l) ? (object)l : reader.GetDouble();
            case JsonTokenType.StartArray:
                return JsonNode.Parse(ref reader);
            case JsonTokenType.StartObject:
                return IsTyped(reader) ? ReadTyped(ref reader, options) : JsonNode.Parse(ref reader);
            default:
                throw new JsonException($"Unexpected {reader.TokenType} in saved state.");
        }
    }

    public static void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case int i:
                writer.WriteNumberValue(i);
                return;
            case long l:
                writer.WriteNumberValue(l);
                return;
            case double d:
                WriteDouble(writer, d);
                return;
            case JsonNode node:
                if (node is JsonObject obj && obj.ContainsKey("$type"))
                {
                    // Would read back as a typed value: mark it as plain JSON.
                    writer.WriteStartObject();
                    writer.WriteString(TypeProperty, StateJson.JsonNodeName);
                    writer.WritePropertyName(ValueProperty);
                    node.WriteTo(writer, options);
                    writer.WriteEndObject();
                }
                else
                {
                    node.WriteTo(writer, options);
                }

                return;
            case IDictionary<string, object?> dictionary:
                writer.WriteStartObject();
                writer.WriteString(TypeProperty, StateJson.DictionaryName);
                writer.WritePropertyName(ValueProperty);
                WriteObject(writer, dictionary, options);
                writer.WriteEndObject();
                return;
        }

        var type = value.GetType();
        if (StateJson.Find(type) is not { Name: { } name } entry)
        {
            throw new NotSupportedException(StateJson.NotRegistered(type));
        }

        writer.WriteStartObject();
        writer.WriteString(TypeProperty, name);
        writer.WritePropertyName(ValueProperty);
        JsonSerializer.Serialize(writer, value, entry.TypeInfo);
        writer.WriteEndObject();
    }

    /// <summary>Reads a plain JSON object (the reader on its start) into a dictionary of state values.</summary>
    public static Dictionary<string, object?> ReadObject(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object in saved state, found {reader.TokenType}.");
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            values[name] = Read(ref reader, options);
        }

        return values;
    }

    /// <summary>Writes a dictionary of state values as a plain JSON object.</summary>
    public static void WriteObject(Utf8JsonWriter writer, IDictionary<string, object?> values, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in values)
        {
            writer.WritePropertyName(name);
            Write(writer, value, options);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// A dictionary of state values from what a stack saved before typed state holds there (a plain JSON object,
    /// read as a JsonObject): strings, booleans and numbers become themselves, anything else stays JSON.
    /// </summary>
    public static Dictionary<string, object?> ToDictionary(JsonObject json)
    {
        var values = new Dictionary<string, object?>(json.Count, StringComparer.Ordinal);
        foreach (var (name, node) in json)
        {
            values[name] = node switch
            {
                null => null,
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
                JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
                JsonValue v when v.GetValueKind() == JsonValueKind.Number =>
                    v.TryGetValue<int>(out var i) ? i : v.TryGetValue<long>(out var l) ? (object)l : v.GetValue<double>(),
                _ => node.DeepClone(),
            };
        }

        return values;
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (!double.IsFinite(value))
        {
            throw new NotSupportedException($"{value} cannot be saved as JSON.");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        writer.WriteRawValue(text.AsSpan().IndexOfAny('.', 'E') < 0 ? text + ".0" : text, skipInputValidation: true);
    }

    /// <summary>True when the object starts with <c>"$type"</c> (the reader is a copy: looking ahead moves nothing).</summary>
    private static bool IsTyped(Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(TypeProperty);

    private static object? ReadTyped(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        reader.Read();
        reader.Read();
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A saved \"$type\" must be a string.");
        }

        var name = reader.GetString()!;
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(ValueProperty) || !reader.Read())
        {
            throw new JsonException($"A saved {name} has no \"$value\" right after its \"$type\".");
        }

        object? value = name switch
        {
            StateJson.JsonNodeName => JsonNode.Parse(ref reader),
            StateJson.DictionaryName => ReadObject(ref reader, options),
            // A type this build does not know (removed or renamed): the state cannot be resumed as it was.
            _ => JsonSerializer.Deserialize(ref reader, StateJson.FindByName(name)
                ?? throw new JsonException($"Saved state holds a {name}, a type this version of the bot does not register.")),
        };

        if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException($"A saved {name} has more than \"$type\" and \"$value\".");
        }

        return value;
    }
}

/// <summary>A dictionary of state values as a JSON object, for <c>CreateProperty&lt;Dictionary&lt;string, object&gt;&gt;</c>.</summary>
internal sealed class StateDictionaryConverter : JsonConverter<Dictionary<string, object?>>
{
    public override Dictionary<string, object?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        StateValueJson.ReadObject(ref reader, options);

    public override void Write(Utf8JsonWriter writer, Dictionary<string, object?> value, JsonSerializerOptions options) =>
        StateValueJson.WriteObject(writer, value, options);
}

internal static class StateDictionaryExtensions
{
    /// <summary>The value under <paramref name="key"/>, or null when there is none (IDictionary has no GetValueOrDefault).</summary>
    public static object? ValueOrNull(this IDictionary<string, object?> state, string key) =>
        state.TryGetValue(key, out var value) ? value : null;
}
