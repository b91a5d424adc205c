using System.Text.Json.Serialization;

namespace ReflectBot.Web.DirectLine;

/// <summary>The answer to starting, resuming or refreshing: what DirectLineJS reads.</summary>
public sealed class DirectLineConversationResponse
{
    public string? ConversationId { get; set; }

    public string? Token { get; set; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }

    public string? StreamUrl { get; set; }
}

/// <summary>Body of token and start calls: <c>{"user":{"id":...}, "locale":...}</c>, all optional.</summary>
public sealed class DirectLineStartRequest
{
    public DirectLineUser? User { get; set; }

    public string? Locale { get; set; }
}

public sealed class DirectLineUser
{
    public string? Id { get; set; }

    public string? Name { get; set; }
}

/// <summary>Direct Line's error shape: <c>{"error":{"code":"...","message":"..."}}</c>.</summary>
public sealed class DirectLineErrorResponse
{
    public DirectLineError Error { get; set; } = new();
}

public sealed class DirectLineError
{
    public string Code { get; set; } = "";

    public string Message { get; set; } = "";
}

/// <summary>What the web chat page gets from <c>POST /api/webchat/token</c>.</summary>
public sealed class WebChatTokenResponse
{
    public string? Token { get; set; }

    public string? ConversationId { get; set; }

    public string? UserId { get; set; }

    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; set; }
}

/// <summary>What the "Need help now?" dialog shows: the help lines for the page's region.</summary>
public sealed class CrisisLinesResponse
{
    public string Id { get; set; } = "";

    public string Region { get; set; } = "";

    public string Emergency { get; set; } = "";

    public List<HelpLineResponse> CrisisLines { get; set; } = [];

    public List<HelpLineResponse> AbuseLines { get; set; } = [];
}

public sealed class HelpLineResponse
{
    public string Name { get; set; } = "";

    public string? Call { get; set; }

    public string? Text { get; set; }

    public string? Website { get; set; }

    public string? Note { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(DirectLineConversationResponse))]
[JsonSerializable(typeof(DirectLineStartRequest))]
[JsonSerializable(typeof(DirectLineErrorResponse))]
[JsonSerializable(typeof(WebChatTokenResponse))]
[JsonSerializable(typeof(CrisisLinesResponse))]
internal sealed partial class DirectLineJson : JsonSerializerContext;
