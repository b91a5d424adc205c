using ReflectBot;
using ReflectBot.Web;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultBotUrls();

// The host's services first: its typing middleware is then the outermost, and the bot can override the fallbacks.
builder.Services.AddBotHost(builder.Configuration);
builder.Services.AddReflectBot(builder.Configuration);

var app = builder.Build();
app.UseBotExceptionHandler();
app.MapBotEndpoints();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
