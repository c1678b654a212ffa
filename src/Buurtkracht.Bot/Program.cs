using Buurtkracht.Bot;
using Buurtkracht.Bot.Cli;
using Buurtkracht.Bot.Health;
using Buurtkracht.Bot.WebChat;
using Buurtkracht.Core;
using Buurtkracht.Telegram;
using Buurtkracht.Teams;

// Admin verbs run on the same executable and database, without starting the service.
if (AdminCli.Handles(args)) return await AdminCli.RunAsync(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(StartupDefaults.WebOptions(args));
StartupDefaults.AddLogLevelDefaults(builder.Configuration);
// Local secrets stay out of git (see .gitignore); environment variables override both.
builder.Configuration.AddJsonFile("appsettings.Local.json", optional: true, reloadOnChange: false);
builder.Configuration.AddEnvironmentVariables();

builder.Services.AddBuurtkrachtCore(builder.Configuration);
builder.Services.AddWebChat(builder.Configuration);
builder.Services.AddTelegramChannel(builder.Configuration);
builder.Services.AddTeamsChannel(builder.Configuration);

var app = builder.Build();
app.UseStaticFiles();
app.MapHealth();
app.MapWebChat();
app.MapTelegramWebhook();
app.MapTeamsMessages();

var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Buurtkracht.Bot");
if (!app.Configuration.IsTelegramConfigured())
    log.LogInformation("Telegram is off until configured: set Telegram:BotToken (see appsettings.example.json)");
if (!app.Configuration.IsTeamsConfigured())
    log.LogInformation("Teams is off until configured: set Teams:AppId and Teams:AppPassword");
app.Lifetime.ApplicationStarted.Register(() =>
    log.LogInformation("Web chat: open {Urls}/chat in a browser to try every dialog", string.Join(", ", app.Urls)));

await app.RunAsync();
return 0;

/// <summary>Entry point; public so the end-to-end tests can host it.</summary>
public partial class Program;
