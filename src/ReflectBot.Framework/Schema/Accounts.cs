using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReflectBot.Framework.Schema;

public sealed class ChannelAccount
{
    public ChannelAccount() { }

    public ChannelAccount(string? id, string? name = null, string? role = null, string? aadObjectId = null)
    {
        Id = id;
        Name = name;
        Role = role;
        AadObjectId = aadObjectId;
    }

    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class ConversationAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }
}

public sealed class ConversationReference
{
    public ConversationReference() { }

    /// <summary>A reference to one activity (the SDK's constructor; the other parts by name).</summary>
    public ConversationReference(string? activityId, ChannelAccount? user = null, ChannelAccount? bot = null, ConversationAccount? conversation = null, string? channelId = null, string? serviceUrl = null, string? locale = null)
    {
        ActivityId = activityId;
        User = user;
        Bot = bot;
        Conversation = conversation;
        ChannelId = channelId;
        ServiceUrl = serviceUrl;
        Locale = locale;
    }

    public string? ActivityId { get; set; }
    public ChannelAccount? User { get; set; }
    public ChannelAccount? Bot { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ChannelId { get; set; }
    public string? Locale { get; set; }
    public string? ServiceUrl { get; set; }
}

public sealed class MessageReaction
{
    public MessageReaction() { }

    public MessageReaction(string? type) => Type = type;

    public string? Type { get; set; }
}

/// <summary>The body the Connector answers a send with, and what SendActivity returns.</summary>
public sealed class ResourceResponse
{
    public ResourceResponse() { }
    public ResourceResponse(string? id) => Id = id;
    public string? Id { get; set; }
}

/// <summary>An entity on an activity (mention, clientInfo, reflectbot/safety ...): type plus free-form properties.</summary>
public sealed class Entity
{
    public Entity() { }
    public Entity(string type) => Type = type;

    public string? Type { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; set; }

    public string? GetString(string name) =>
        Properties is not null && Properties.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public Entity With(string name, string value)
    {
        Properties ??= [];
        Properties[name] = JsonSerializer.SerializeToElement(value, SchemaJson.Default.String);
        return this;
    }
}

/// <summary>The body of an invoke response (HTTP status plus optional body).</summary>
public sealed class InvokeResponse
{
    public int Status { get; set; }

    [JsonConverter(typeof(PayloadConverter))]
    public object? Body { get; set; }
}

/// <summary>The body of an expectReplies response.</summary>
public sealed class ExpectedReplies
{
    public IList<Activity> Activities { get; set; } = [];
}
