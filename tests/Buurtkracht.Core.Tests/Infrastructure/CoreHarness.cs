using Buurtkracht.Core.Persistence;
using Buurtkracht.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Buurtkracht.Core.Tests.Infrastructure;

/// <summary>What one inbound message produced: the engine's verdict and every outbox row the turn wrote.</summary>
public sealed record Turn(InboundOutcome Outcome, IReadOnlyList<OutboxMessage> Rows)
{
    public IReadOnlyList<OutgoingMessage> Replies { get; } = Rows.Select(Outbox.ReadPayload).ToList();
    public IReadOnlyList<string> Texts => Replies.Select(r => r.Text).ToList();
    public OutgoingMessage Last => Replies.Count > 0 ? Replies[^1] : throw new Xunit.Sdk.XunitException("The turn produced no reply.");
}

/// <summary>
/// The engine as the host wires it (AddBuurtkrachtCore) on a SQLite file of its own, without the web host or the hosted
/// services: a <see cref="ManualClock"/> instead of the system clock and a <see cref="FakeChannel"/> instead of a
/// platform. Tests hand messages straight to <see cref="IInboundHandler"/> and read replies from the outbox.
/// </summary>
public sealed class CoreHarness : IAsyncDisposable
{
    private readonly Action<IServiceCollection>? _configure;
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _registerChannel;
    private long _nextUpdate;

    private CoreHarness(
        Action<IServiceCollection>? configure, IDictionary<string, string?>? settings, ChannelKind kind, bool registerChannel, DatabaseProvider provider,
        string? postgres)
    {
        _configure = configure;
        _registerChannel = registerChannel;
        Provider = provider;
        ConnectionString = provider == DatabaseProvider.PostgreSql ? postgres ?? TestPostgres.NewDatabase() : Database.ConnectionString;
        Channel = new FakeChannel(kind);
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:Buurtkracht"] = ConnectionString,
            ["Database:Provider"] = provider.ToString(),
        };
        // Nothing listens there: a test that wants addresses looked up starts a FakeLocatieserver and names it.
        _settings.TryAdd("Meldingen:Geocoder:BaseUrl", UnreachableGeocoder);
        Services = Build();
    }

    /// <summary>A loopback port nothing listens on: the geocoder is "down" unless a test says otherwise.</summary>
    public const string UnreachableGeocoder = "http://127.0.0.1:9/bzk/locatieserver/search/v3_1";

    /// <summary>The SQLite file (also made, but unused, when <see cref="Provider"/> is PostgreSQL).</summary>
    public TempDatabase Database { get; } = new();
    public DatabaseProvider Provider { get; }
    /// <summary>The connection string of the database the harness works on, whichever the provider.</summary>
    public string ConnectionString { get; }
    public ManualClock Clock { get; } = new();
    public FakeChannel Channel { get; }
    public ServiceProvider Services { get; private set; }

    public IInboundHandler Engine => Services.GetRequiredService<IInboundHandler>();
    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    /// <param name="configure">Extra registrations, such as a test-only command.</param>
    /// <param name="settings">Configuration keys on top of the connection string, such as "Outbox:GiveUpAfter".</param>
    /// <param name="initialize">False leaves the file empty, for tests that build an older schema first.</param>
    /// <param name="registerChannel">False leaves <see cref="Channel"/> out of the service, as an unconfigured platform.</param>
    /// <param name="provider">PostgreSQL gives the harness a fresh database on the test server (<see cref="TestPostgres"/>).</param>
    /// <param name="postgres">PostgreSQL: the database of another harness instead, as a second instance of the service.</param>
    public static async Task<CoreHarness> StartAsync(
        Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null,
        ChannelKind channel = ChannelKind.Telegram, bool initialize = true, bool registerChannel = true,
        DatabaseProvider provider = DatabaseProvider.Sqlite, string? postgres = null)
    {
        var harness = new CoreHarness(configure, settings, channel, registerChannel, provider, postgres);
        if (initialize) await harness.InitializeAsync();
        return harness;
    }

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddBuurtkrachtCore(configuration);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
        if (_registerChannel) services.AddSingleton<IChannel>(Channel);
        _configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>What the host's DatabaseInitializer does at start: migrate, seed, open the gate for inbound work.</summary>
    public async Task InitializeAsync()
    {
        await using (var scope = Services.CreateAsyncScope())
            await DatabaseInitializer.InitializeAsync(scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>(), Provider, CancellationToken.None);
        Services.GetRequiredService<ServiceReadiness>().MarkDatabaseReady();
    }

    /// <summary>A process restart: every in-memory singleton goes, the file and the clock stay.</summary>
    public async Task RestartAsync()
    {
        await Services.DisposeAsync();
        Services = Build();
        await InitializeAsync();
    }

    public Task<InboundOutcome> HandleAsync(InboundMessage message) => Engine.HandleAsync(message, CancellationToken.None);

    /// <summary>Handles the message and returns it with every outbox row the turn wrote, in order.</summary>
    public async Task<Turn> SendAsync(InboundMessage message)
    {
        var before = await DbAsync(db => db.OutboxMessages.MaxAsync(o => (long?)o.Id)) ?? 0;
        var outcome = await HandleAsync(message);
        var rows = await DbAsync(db => db.OutboxMessages.Where(o => o.Id > before).OrderBy(o => o.Id).ToListAsync());
        return new Turn(outcome, rows);
    }

    public Task<Turn> PrivateAsync(Sender from, string text) => SendAsync(Private(from, text));

    public Task<Turn> PrivateAsync(Sender from, InboundContent content) => SendAsync(Private(from, content));

    public Task<Turn> GroupAsync(Sender from, string text, string chatId = People.GroupChatId) => SendAsync(Group(from, text, chatId));

    public Task<Turn> GroupAsync(Sender from, InboundContent content, string chatId = People.GroupChatId) => SendAsync(Group(from, content, chatId));

    public string NextUpdateId() => $"u-{Interlocked.Increment(ref _nextUpdate)}";

    /// <summary>A message in the sender's private chat (chat id = user id, as on Telegram); "/x y" becomes a command.</summary>
    public InboundMessage Private(Sender from, string text) => Private(from, CommandText.Parse(text));

    public InboundMessage Private(Sender from, InboundContent content) =>
        new(NextUpdateId(), new ChatAddress(Channel.Kind, from.UserId), ChatKind.Private, null, from, content);

    public InboundMessage Group(Sender from, string text, string chatId = People.GroupChatId) => Group(from, CommandText.Parse(text), chatId);

    public InboundMessage Group(Sender from, InboundContent content, string chatId = People.GroupChatId) =>
        new(NextUpdateId(), new ChatAddress(Channel.Kind, chatId), ChatKind.Group, People.GroupTitle, from, content);

    public async Task<T> DbAsync<T>(Func<BuurtkrachtDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>());
    }

    public async Task DbAsync(Func<BuurtkrachtDb, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>());
    }

    public Task<List<OutboxMessage>> OutboxAsync(string chatId) =>
        DbAsync(db => db.OutboxMessages.Where(o => o.ChatId == chatId).OrderBy(o => o.Id).ToListAsync());

    public async Task<IReadOnlyList<string>> OutboxTextsAsync(string chatId) =>
        (await OutboxAsync(chatId)).Select(row => Outbox.ReadPayload(row).Text).ToList();

    public Task<OutboxMessage> OutboxRowAsync(long id) => DbAsync(db => db.OutboxMessages.SingleAsync(o => o.Id == id));

    /// <summary>Writes a message into the outbox as a feature would, committed at once.</summary>
    public Task<long> EnqueueAsync(string chatId, ChatKind kind, OutgoingMessage message, ChannelKind? channel = null) =>
        DbAsync(async db =>
        {
            var row = Outbox.Enqueue(db, new ChatAddress(channel ?? Channel.Kind, chatId), kind, message, Clock.GetUtcNow());
            await db.SaveChangesAsync();
            return row.Id;
        });

    public Task<long> EnqueueAsync(string chatId, ChatKind kind, string text) => EnqueueAsync(chatId, kind, OutgoingMessage.Plain(text));

    public Task<TimeSpan> DispatchAsync() => Dispatcher.DispatchRoundAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Database.Dispose();
    }
}

/// <summary>The people and the street group the tests talk about.</summary>
public static class People
{
    public const string GroupChatId = "-1001";
    public const string OtherGroupChatId = "-1002";
    public const string GroupTitle = "Straatapp Kerkstraat";

    public static readonly Sender Anna = new("101", "Anna de Vries", "nl");
    public static readonly Sender Bram = new("102", "Bram Bakker", "nl");
    public static readonly Sender Carla = new("103", "Carla Smit", "nl");
    public static readonly Sender Dirk = new("104", "Dirk Visser", "nl");
    public static readonly Sender Bot = new("900", "Buurtkracht", IsBot: true);
}
