using Buurtkracht.Core;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Benchmarks.Outbox;

/// <summary>
/// Writes pending outbox rows straight into the running service's SQLite file through the Core DbContext (WAL: the
/// service keeps working meanwhile), as turns and jobs would have queued them. Row n goes to private chat n mod
/// <see cref="Chats"/> and says "bench n", so the harness can check every chat's order at the fake.
/// </summary>
public sealed class Seeding(string databasePath) : IAsyncDisposable
{
    /// <summary>Enough chats that Telegram's 1 per second per chat never binds before its 30 per second for the bot.</summary>
    public const int Chats = 5_000;

    public const string Prefix = "bench ";

    private readonly ServiceProvider _services = Services(databasePath);
    private long _next;

    /// <summary>Rows written so far.</summary>
    public long Written => _next;

    public static string ChatOf(long n) => (100_000 + n % Chats).ToString();

    public async Task AddAsync(int count)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var n = _next++;
            Core.Messaging.Outbox.Enqueue(db, new ChatAddress(ChannelKind.Telegram, ChatOf(n)), ChatKind.Private, OutgoingMessage.Plain(Prefix + n), now);
        }
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private static ServiceProvider Services(string databasePath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Buurtkracht"] = $"Data Source={databasePath}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddFilter((_, level) => level >= LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddBuurtkrachtCore(configuration);
        return services.BuildServiceProvider();
    }
}
