using ReflectBot;
using ReflectBot.Web;
using ReflectBot.Web.DirectLine;
using ReflectBot.Web.Pages;
using ReflectBot.Web.Teams;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultBotUrls();

// The host's services first: its typing middleware is then the outermost, and the bot can override the fallbacks.
builder.Services.AddBotHost(builder.Configuration);
builder.Services.AddReflectBot(builder.Configuration);

// Innermost middleware, next to the bot: Teams' Action.Execute invokes run as card submissions.
builder.Services.AddTeamsCardActions();

// After AddBotHost: Direct Line wraps the host's connector sender to keep web chat replies in their backlog.
builder.Services.AddDirectLine(builder.Configuration);

// /privacy and /terms, which the Teams manifest links: words from dialogs/en-US/pages.yaml.
builder.Services.AddInfoPages();

var app = builder.Build();
app.UseBotExceptionHandler();
app.MapBotEndpoints();
app.MapDirectLine();
app.MapInfoPages();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
