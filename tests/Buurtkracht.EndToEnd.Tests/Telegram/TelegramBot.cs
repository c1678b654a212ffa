using System.Text.Json.Nodes;
using Buurtkracht.Core.Persistence;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;

namespace Buurtkracht.EndToEnd.Tests.Telegram;

/// <summary>The real service polling an in-process fake Bot API over loopback: what a Telegram user would see.</summary>
internal sealed class TelegramBot : IAsyncDisposable
{
    // Only bounds how long a failing test waits; generous because CI runs on 2 busy cores.
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly IDictionary<string, string?>? _settings;
    private readonly DatabaseProvider _provider;

    private TelegramBot(FakeTelegramServer telegram, BotHost host, IDictionary<string, string?>? settings, DatabaseProvider provider)
    {
        Telegram = telegram;
        Host = host;
        _settings = settings;
        _provider = provider;
    }

    public FakeTelegramServer Telegram { get; }
    public BotHost Host { get; private set; }

    /// <param name="settings">Configuration keys on top of the Telegram ones, such as "Broadcasts:SweepInterval".</param>
    public static async Task<TelegramBot> StartAsync(
        FakeTelegramServer? telegram = null, string? dataFolder = null, IDictionary<string, string?>? settings = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        telegram ??= await FakeTelegramServer.StartAsync();
        var host = NewHost(telegram, dataFolder, settings, provider);
        await host.StartAsync();
        return new TelegramBot(telegram, host, settings, provider);
    }

    public static BotHost NewHost(
        FakeTelegramServer telegram, string? dataFolder, IDictionary<string, string?>? settings = null, DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        new(dataFolder, Settings(telegram, settings), provider: provider);

    /// <summary>The settings of a host polling <paramref name="telegram"/>, on top of <paramref name="settings"/>.</summary>
    public static Dictionary<string, string?> Settings(FakeTelegramServer telegram, IDictionary<string, string?>? settings = null) =>
        new(settings ?? new Dictionary<string, string?>())
        {
            ["Telegram:BotToken"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
            ["Telegram:Mode"] = "Polling",
            ["Telegram:PollingTimeoutSeconds"] = "1",
        };

    /// <summary>Stops the service and starts a new one on the same database, as after a restart.</summary>
    public async Task RestartAsync()
    {
        var folder = Host.DataFolder;
        await Host.DisposeAsync();
        Host = NewHost(Telegram, folder, _settings, _provider);
        await Host.StartAsync();
    }

    public long Send(JsonObject update) => Telegram.EnqueueUpdate(update);

    /// <summary>The next sendMessage to the chat whose text contains <paramref name="fragment"/>.</summary>
    public Task<RecordedCall> ReplyAsync(long chatId, string fragment) =>
        Telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == chatId.ToString() && (c.Text("text") ?? "").Contains(fragment), Patience);

    public IReadOnlyList<RecordedCall> MessagesTo(long chatId) =>
        Telegram.CallsTo("sendMessage").Where(c => c.ChatId == chatId.ToString()).ToList();

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Telegram.DisposeAsync();
    }
}
