using Buurtkracht.Bot.WebChat;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Teams;
using Buurtkracht.Telegram;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Buurtkracht.Bot.Hosting;

/// <summary>
/// One log line once the server listens, before the host's own "Application started": where the web chat is, which
/// database file, which channels are on and where meldingen go. The first thing an operator needs after a start, and
/// the line to look for after the first, silent `dotnet run`.
/// </summary>
internal sealed class StartupSummary(
    IServer server, IConfiguration configuration, WebChatActivation webChat, IEnumerable<IMeldingSink> sinks, ILoggerFactory logs)
    : IHostedLifecycleService
{
    public const string LoggerCategory = "Buurtkracht.Bot";

    // Started, not Start: by then every hosted service has started, so Kestrel knows the ports it really bound.
    public Task StartedAsync(CancellationToken ct)
    {
        logs.CreateLogger(LoggerCategory).LogInformation(
            "Buurtkracht is running: {WebChat} · database {Database} · channels: {Channels} · {Meldingen}",
            WebChatText(), DatabaseText(), ChannelsText(), MeldingenText());
        return Task.CompletedTask;
    }

    private string WebChatText()
    {
        if (!webChat.On) return "no web chat";
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Count == 0 ? "web chat at /chat" : $"web chat at {string.Join(", ", addresses.Select(a => a.TrimEnd('/') + "/chat"))}";
    }

    // Never the connection string itself: a PostgreSQL one carries the password.
    private string DatabaseText()
    {
        var location = DatabaseLocation.Resolve(configuration);
        return location.SqliteFile ?? $"{location.Provider} (ConnectionStrings:{DatabaseOptions.ConnectionStringName})";
    }

    private string ChannelsText()
    {
        var telegram = configuration.IsTelegramConfigured()
            ? $"Telegram on ({configuration.GetSection(TelegramOptions.SectionName).Get<TelegramOptions>()?.Mode ?? TelegramMode.Polling})"
            : "Telegram off (set Telegram:BotToken)";
        var teams = configuration.IsTeamsConfigured() ? "Teams on" : "Teams off (set Teams:AppId and Teams:AppPassword)";
        return $"web chat {(webChat.On ? "on" : "off")} ({webChat.Reason}), {telegram}, {teams}";
    }

    private string MeldingenText()
    {
        var destinations = sinks.Select(s => s.Name).Where(n => n != StoreOnlySink.SinkName).ToList();
        return destinations.Count > 0
            ? $"meldingen go to {string.Join(" and ", destinations)}"
            : "meldingen are only stored: no Open311 or e-mail destination is configured (Meldingen:Open311:Endpoint, " +
              "or Meldingen:Email:Host and Meldingen:Email:To), so a coördinator passes them on (meldingen list, /beheer/meldingen)";
    }

    public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
