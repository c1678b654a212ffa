using Buurtkracht.Core;
using Buurtkracht.Core.Broadcasts;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Benchmarks.Broadcast;

/// <summary>The chats the broadcast must reach, per platform.</summary>
public sealed record Targets(IReadOnlyList<string> Telegram, IReadOnlyList<string> Teams);

/// <summary>What the broadcast's row says once the sweep has reported it.</summary>
public sealed record BroadcastStatusRow(int Id, string Status, int Delivered, int Failed, int Unreachable);

/// <summary>
/// Writes the linked street groups, the Teams conversation references and one coördinator straight into the running
/// service's database through the Core DbContext (SQLite in WAL mode, or the PostgreSQL database the instances share:
/// the service keeps working meanwhile), as if they had linked over months. Groups are interleaved over the platforms, as they would link over time.
/// </summary>
public static class Seeding
{
    public const long Coordinator = 301;
    public static readonly string CoordinatorChat = Coordinator.ToString();

    public static async Task<Targets> SeedAsync(IReadOnlyDictionary<string, string?> database, int telegramGroups, int teamsConversations, string serviceUrl)
    {
        await using var provider = Services(database);
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        var now = DateTimeOffset.UtcNow;
        var telegram = new List<string>();
        var teams = new List<string>();
        var total = telegramGroups + teamsConversations;
        for (var i = 0; i < total; i++)
        {
            // Spread the Teams conversations evenly among the Telegram groups (every sixth with the defaults).
            var isTeams = teams.Count < teamsConversations && (long)(i + 1) * teamsConversations / total > teams.Count;
            var chatId = isTeams ? $"19:bench-{i:D5}@thread.v2" : (-1_001_000_000_000L - i).ToString();
            (isTeams ? teams : telegram).Add(chatId);
            db.StreetGroups.Add(new StreetGroup
            {
                Channel = isTeams ? ChannelKind.Teams : ChannelKind.Telegram,
                ChatId = chatId,
                Title = $"Straatapp {i:D5}",
                CreatedAt = now,
                LinkedAt = now,
            });
            if (isTeams)
                db.Set<TeamsConversationReference>().Add(new TeamsConversationReference
                {
                    ConversationId = chatId, ServiceUrl = serviceUrl, TenantId = Testing.TeamsActivities.Tenant,
                    ConversationType = "groupChat", UpdatedAt = now,
                });
        }
        var coordinator = new Member
        {
            Channel = ChannelKind.Telegram, ChannelUserId = CoordinatorChat, DisplayName = "Carla", PrivateChatId = CoordinatorChat, CreatedAt = now,
        };
        coordinator.Roles.Add(new RoleAssignment { Role = Role.Coordinator, GrantedAt = now, GrantedBy = "cli" });
        db.Members.Add(coordinator);
        await db.SaveChangesAsync();
        ClearPools();
        return new Targets(telegram, teams);
    }

    public static BroadcastStatusRow ReadBroadcast(IReadOnlyDictionary<string, string?> database)
    {
        using var provider = Services(database);
        using var scope = provider.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        var b = db.Set<Core.Broadcasts.Broadcast>().AsNoTracking().OrderByDescending(b => b.Id).First();
        ClearPools();
        return new BroadcastStatusRow(b.Id, b.Status.ToString(), b.Delivered, b.Failed, b.Unreachable);
    }

    // The harness' connections closed at once: on PostgreSQL they would otherwise stay as backends beside the service's.
    private static void ClearPools()
    {
        SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    private static ServiceProvider Services(IReadOnlyDictionary<string, string?> database)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(database).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.AddFilter((_, level) => level >= LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddBuurtkrachtCore(configuration);
        return services.BuildServiceProvider();
    }
}
