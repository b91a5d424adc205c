using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Schema;

/// <summary>
/// The free-form <c>object</c> parts of the schema (an activity's value and channel data, a card's content, a button's
/// value). Read from the wire they are <see cref="JsonElement"/>s, written exactly as received; a value the bot sets
/// (a string, a <see cref="HeroCard"/>, a JsonNode, a registered type) is written with source-generated JSON.
/// </summary>
public static class Payload
{
    /// <summary><paramref name="payload"/> as <typeparamref name="T"/>: itself when it already is one, else read from its JSON.</summary>
    public static T? As<T>(object? payload, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return payload switch
        {
            null => default,
            T typed => typed,
            JsonElement element => element.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? default : element.Deserialize(typeInfo),
            JsonNode node => node.Deserialize(typeInfo),
            _ => AsElement(payload) is { } element ? element.Deserialize(typeInfo) : default,
        };
    }

    /// <summary><paramref name="payload"/> as JSON (a JsonElement; null when there is none).</summary>
    public static JsonElement? AsElement(object? payload) => payload switch
    {
        null => null,
        JsonElement element => element.ValueKind == JsonValueKind.Undefined ? null : element,
        _ => JsonSerializer.SerializeToElement(payload, PayloadConverter.Instance.TypeInfo),
    };

    /// <summary>True when there is a payload that is not JSON null.</summary>
    internal static bool HasContent(object? payload) =>
        payload is not null && !(payload is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined });

    internal static void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case JsonElement element:
                element.WriteTo(writer);
                return;
            case JsonNode node:
                node.WriteTo(writer, options);
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
                writer.WriteNumberValue(d);
                return;
        }

        // The schema's own types (cards) first, then what the bot registered.
        var type = value.GetType();
        var typeInfo = options.TryGetTypeInfo(type, out var known) ? known
            : StateJson.Find(type)?.TypeInfo ?? throw new NotSupportedException(StateJson.NotRegistered(type));
        JsonSerializer.Serialize(writer, value, typeInfo);
    }
}

/// <summary>Reads a payload as the <see cref="JsonElement"/> it is on the wire; writes one through <see cref="Payload"/>.</summary>
internal sealed class PayloadConverter : JsonConverter<object>
{
    public static readonly PayloadConverter Instance = new();

    private JsonTypeInfo<object>? _typeInfo;

    /// <summary>A type info writing any payload this way (for turning one into a JsonElement).</summary>
    public JsonTypeInfo<object> TypeInfo => _typeInfo ??= JsonMetadataServices.CreateValueInfo<object>(SchemaJson.Default.Options, this);

    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonElement.ParseValue(ref reader);

    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options) => Payload.Write(writer, value, options);
}
