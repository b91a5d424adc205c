// The bare ASP.NET Core ceiling for bench/: POST /api/messages reads a tiny activity with a
// source-generated System.Text.Json context and answers with an expectReplies-shaped body holding
// one echo message. Anything a real bot does costs more than this, so run.sh reports every
// target as a ratio to it. /v3/directline (DirectLineEcho.cs) is the same echo over Direct Line.
using System.Text.Json.Serialization;

var builder = WebApplication.CreateSlimBuilder(args);
// As ReflectBot.Web's appsettings: no per-request log lines, which would dominate a turn this small.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(options =>
{
    options.SerializerOptions.TypeInfoResolverChain.Insert(0, EchoJsonContext.Default);
    options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
});

var app = builder.Build();
app.UseWebSockets();

app.MapPost("/api/messages", (InboundActivity activity) =>
{
    var reply = new OutboundActivity(
        Type: "message",
        Id: Guid.NewGuid().ToString("N"),
        Timestamp: DateTimeOffset.UtcNow,
        ChannelId: activity.ChannelId,
        Conversation: activity.Conversation,
        From: activity.Recipient,
        Recipient: activity.From,
        ReplyToId: activity.Id,
        Text: activity.Type == "message" ? activity.Text ?? "" : "Hello");
    return Results.Ok(new ExpectRepliesBody([reply]));
});

// Direct Line 3.0 with the same echo, for the driver's --mode directline (see DirectLineEcho.cs).
app.MapDirectLineEcho();

app.Run();

internal sealed record ChannelAccount(string? Id, string? Name);

internal sealed record ConversationAccount(string? Id);

internal sealed record InboundActivity(
    string? Type,
    string? Id,
    string? ChannelId,
    string? Text,
    ChannelAccount? From,
    ChannelAccount? Recipient,
    ConversationAccount? Conversation);

internal sealed record OutboundActivity(
    string Type,
    string Id,
    DateTimeOffset Timestamp,
    string? ChannelId,
    ConversationAccount? Conversation,
    ChannelAccount? From,
    ChannelAccount? Recipient,
    string? ReplyToId,
    string Text);

internal sealed record ExpectRepliesBody(IReadOnlyList<OutboundActivity> Activities);

[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InboundActivity))]
[JsonSerializable(typeof(ExpectRepliesBody))]
[JsonSerializable(typeof(StartRequest))]
[JsonSerializable(typeof(StartResponse))]
[JsonSerializable(typeof(PostResponse))]
[JsonSerializable(typeof(ActivitySet))]
internal sealed partial class EchoJsonContext : JsonSerializerContext;

/// <summary>Visible to WebApplicationFactory in bench/LoadDriver.Tests.</summary>
public partial class Program;
