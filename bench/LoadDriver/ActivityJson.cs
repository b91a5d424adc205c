using System.Buffers;
using System.Text.Json;

namespace LoadDriver;

/// <summary>Writes the activities a simulated user sends, and reads the few fields of replies the checks need.</summary>
public static class ActivityJson
{
    // Replies never leave the machine: with expectReplies nothing is posted to serviceUrl, and if a bot
    // tried anyway, the discard port on loopback refuses it.
    public const string ServiceUrl = "http://127.0.0.1:9/";
    public const string BotId = "bot";

    /// <summary>An activity for POST /api/messages with deliveryMode expectReplies.</summary>
    public static void WriteApiActivity(
        IBufferWriter<byte> output, ScriptTurn turn, string activityId, string conversationId, string userId, string channelId)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("type", turn.IsJoin ? "conversationUpdate" : "message");
        json.WriteString("id", activityId);
        json.WriteString("timestamp", DateTimeOffset.UtcNow);
        json.WriteString("channelId", channelId);
        json.WriteString("serviceUrl", ServiceUrl);
        json.WriteString("deliveryMode", "expectReplies");
        json.WriteString("locale", "en-US");
        WriteAccount(json, "from", userId, "user");
        WriteAccount(json, "recipient", BotId, "bot");
        json.WriteStartObject("conversation");
        json.WriteString("id", conversationId);
        json.WriteEndObject();
        if (turn.IsJoin)
        {
            json.WriteStartArray("membersAdded");
            json.WriteStartObject();
            json.WriteString("id", userId);
            json.WriteEndObject();
            json.WriteEndArray();
        }
        else
        {
            json.WriteString("text", turn.Text);
            json.WriteString("textFormat", "plain");
        }

        json.WriteEndObject();
    }

    /// <summary>A message for POST /v3/directline/conversations/{id}/activities, shaped like Web Chat's.</summary>
    public static void WriteDirectLineMessage(IBufferWriter<byte> output, string text, string userId, string clientActivityId)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("type", "message");
        json.WriteString("text", text);
        json.WriteString("textFormat", "plain");
        json.WriteString("locale", "en-US");
        WriteAccount(json, "from", userId, "user");
        json.WriteStartObject("channelData");
        json.WriteString("clientActivityID", clientActivityId);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void WriteDirectLineStart(IBufferWriter<byte> output, string userId)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteStartObject("user");
        json.WriteString("id", userId);
        json.WriteEndObject();
        json.WriteString("locale", "en-US");
        json.WriteEndObject();
    }

    private static void WriteAccount(Utf8JsonWriter json, string property, string id, string role)
    {
        json.WriteStartObject(property);
        json.WriteString("id", id);
        json.WriteString("role", role);
        json.WriteEndObject();
    }

    /// <summary>The fields of one received activity that the driver checks.</summary>
    public readonly record struct Received(string? Type, string? Id, string? ReplyToId, string? ConversationId, string? FromId);

    public static Received Read(JsonElement activity) => new(
        String(activity, "type"),
        String(activity, "id"),
        String(activity, "replyToId"),
        activity.TryGetProperty("conversation", out var conversation) ? String(conversation, "id") : null,
        activity.TryGetProperty("from", out var from) ? String(from, "id") : null);

    /// <summary>The activities array of an expectReplies body or a Direct Line activity set.</summary>
    public static bool TryGetActivities(JsonElement root, out JsonElement activities)
    {
        activities = default;
        return root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("activities", out activities)
            && activities.ValueKind == JsonValueKind.Array;
    }

    /// <summary>The top-level <c>watermark</c> of a Direct Line activity set, read without building a document.</summary>
    public static string? Watermark(ReadOnlySpan<byte> activitySet)
    {
        var reader = new Utf8JsonReader(activitySet);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isWatermark = reader.ValueTextEquals("watermark"u8);
            reader.Read();
            if (isWatermark && reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    public static string? String(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
