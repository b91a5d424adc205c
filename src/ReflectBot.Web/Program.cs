using ReflectBot;
using ReflectBot.Framework.Adapters;
using ReflectBot.Framework.State;
using ReflectBot.Web.DirectLine;

// Temporary wiring until the host branch lands (it brings AddBotHost / MapBotEndpoints).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<IStorage>(_ => new MemoryStorage());
builder.Services.AddSingleton<IConnectorSender>(_ => new HttpConnectorSender(new HttpClient()));
builder.Services.AddSingleton(sp => new TurnErrorHandler(sp.GetRequiredService<ILogger<TurnErrorHandler>>()));
builder.Services.AddSingleton<CloudAdapter>(sp => new AdapterWithErrorHandler(sp.GetRequiredService<IConnectorSender>(), sp.GetRequiredService<TurnErrorHandler>()));
builder.Services.AddReflectBot(builder.Configuration);
builder.Services.AddDirectLine(builder.Configuration);

var app = builder.Build();
app.MapDirectLine();
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
