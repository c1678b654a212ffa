using Buurtkracht.Bot.Beheer;
using Buurtkracht.Bot;
using Buurtkracht.Bot.Cli;
using Buurtkracht.Bot.Health;
using Buurtkracht.Bot.Hosting;
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

// First: it refuses a setup that cannot work (two instances on SQLite, polling with several) before anything starts.
builder.Services.AddScaleOut(builder.Configuration);
builder.Services.AddBuurtkrachtCore(builder.Configuration);
builder.Services.AddWebChat(builder.Configuration, builder.Environment);
builder.Services.AddTelegramChannel(builder.Configuration);
builder.Services.AddTeamsChannel(builder.Configuration);
builder.Services.AddBeheer(builder.Configuration);
builder.Services.AddHostedService<StartupSummary>();

var app = builder.Build();
app.UseRequestBodyLimits();
app.UseStaticFiles();
// Beheer brings routing, authentication, authorization and the rate limiter (for the web chat's policies too).
app.UseBeheer();
app.MapHealth();
app.MapWebChat();
app.MapTelegramWebhook();
app.MapTeamsMessages();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so the end-to-end tests can host it.</summary>
public partial class Program;
