using System.Data.Common;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Buurtkracht.Core.Tests;

/// <summary>RoleGrants and the unique indexes of M0011: a role is held once, whoever grants it and however they race.</summary>
public sealed class RoleGrantTests : HarnessTests
{
    private async Task<(int Anna, int Bram, int Group)> SeedAsync() => await H.DbAsync(async db =>
    {
        var anna = new Member { Channel = ChannelKind.Telegram, ChannelUserId = Anna.UserId, DisplayName = Anna.DisplayName, CreatedAt = H.Clock.GetUtcNow() };
        var bram = new Member { Channel = ChannelKind.Telegram, ChannelUserId = Bram.UserId, DisplayName = Bram.DisplayName, CreatedAt = H.Clock.GetUtcNow() };
        var group = new StreetGroup { Channel = ChannelKind.Telegram, ChatId = GroupChatId, Title = GroupTitle, CreatedAt = H.Clock.GetUtcNow() };
        db.AddRange(anna, bram, group);
        await db.SaveChangesAsync();
        return (anna.Id, bram.Id, group.Id);
    });

    private Task<bool> GrantAsync(BuurtkrachtDb db, int memberId, Role role, int? groupId) =>
        GrantAsync(db, memberId, role, groupId, H.Clock.GetUtcNow());

    private static async Task<bool> GrantAsync(BuurtkrachtDb db, int memberId, Role role, int? groupId, DateTimeOffset at)
    {
        var member = await db.Members.SingleAsync(m => m.Id == memberId);
        var group = groupId is { } id ? await db.StreetGroups.SingleAsync(g => g.Id == id) : null;
        return await RoleGrants.GrantAsync(db, member, role, group, at, "test", "cli", null, CancellationToken.None);
    }

    private Task<int> RolesAsync() => H.DbAsync(db => db.RoleAssignments.CountAsync());

    private Task<int> GrantAuditsAsync() => H.DbAsync(db => db.Set<AuditEntry>().CountAsync(a => a.Action == AuditActions.RoleGranted));

    [Fact]
    public async Task Granting_a_role_twice_keeps_one_row_and_one_audit_entry()
    {
        var ids = await SeedAsync();

        Assert.True(await H.DbAsync(db => GrantAsync(db, ids.Anna, Role.Coordinator, null)));
        Assert.False(await H.DbAsync(db => GrantAsync(db, ids.Anna, Role.Coordinator, null)));
        Assert.True(await H.DbAsync(db => GrantAsync(db, ids.Anna, Role.Moderator, ids.Group)));
        Assert.False(await H.DbAsync(db => GrantAsync(db, ids.Anna, Role.Moderator, ids.Group)));
        Assert.True(await H.DbAsync(db => GrantAsync(db, ids.Bram, Role.Coordinator, null)));

        Assert.Equal(3, await RolesAsync());
        Assert.Equal(3, await GrantAuditsAsync());
    }

    [Fact]
    public async Task The_unique_indexes_refuse_a_second_global_role_and_a_second_moderator_role_of_the_same_group()
    {
        var ids = await SeedAsync();
        using var connection = H.Database.Open();
        void Insert(string role, string group) => SqliteSchema.Rows(connection,
            $"INSERT INTO RoleAssignments (MemberId, Role, GroupId, GrantedAt, GrantedBy) VALUES ({ids.Anna}, '{role}', {group}, 0, 'sql') RETURNING Id",
            r => r.GetInt64(0));

        Insert("Coordinator", "NULL");
        Insert("Moderator", ids.Group.ToString());
        Insert("Admin", "NULL");

        // NULLs are distinct in a unique index: only the filtered index over (MemberId, Role) catches the second coördinator row.
        Assert.Equal(2067, Assert.Throws<SqliteException>(() => Insert("Coordinator", "NULL")).SqliteExtendedErrorCode);
        Assert.Equal(2067, Assert.Throws<SqliteException>(() => Insert("Moderator", ids.Group.ToString())).SqliteExtendedErrorCode);
        Assert.Equal(3, await RolesAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_grant_that_loses_the_race_hits_the_unique_index_and_reports_the_role_was_already_there(bool moderator)
    {
        var ids = await SeedAsync();
        var (role, group) = moderator ? (Role.Moderator, (int?)ids.Group) : (Role.Coordinator, null);
        // The rival grants on its own connection after this grant has looked and found nothing, before it inserts: the
        // interleaving of two coördinatoren (or the CLI and a /koppel turn) granting at the same moment.
        var rivalResult = (bool?)null;
        var race = new RivalAfterCheck(async _ => rivalResult = await H.DbAsync(db => GrantAsync(db, ids.Anna, role, group)));
        var options = new DbContextOptionsBuilder<BuurtkrachtDb>()
            .UseSqlite(H.Database.ConnectionString).AddInterceptors(new SqlitePragmas(), race).Options;

        bool granted;
        await using (var db = new BuurtkrachtDb(options))
            granted = await GrantAsync(db, ids.Anna, role, group, H.Clock.GetUtcNow());

        Assert.True(rivalResult);
        Assert.False(granted);
        Assert.Equal(2067, Assert.IsType<SqliteException>(Assert.Single(race.Failures)).SqliteExtendedErrorCode);
        Assert.Equal(1, await RolesAsync());
        Assert.Equal(1, await GrantAuditsAsync());
    }

    [Fact]
    public async Task Grants_of_the_same_role_in_parallel_end_with_one_row_and_one_grant_reported()
    {
        var ids = await SeedAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => H.DbAsync(db => GrantAsync(db, ids.Bram, Role.Admin, null)))));

        Assert.Single(results, granted => granted);
        Assert.Equal(1, await RolesAsync());
        Assert.Equal(1, await GrantAuditsAsync());
    }

    [Fact]
    public async Task Inside_a_turn_transaction_a_lost_race_is_rolled_back_to_a_savepoint_and_the_turn_goes_on()
    {
        var ids = await SeedAsync();
        // On SQLite a turn's transaction holds the write lock, so no other connection can slip in; on PostgreSQL a grant
        // committed elsewhere becomes visible between the check and the insert. The rival writes in this transaction to
        // get that interleaving here.
        var race = new RivalAfterCheck(command => Task.Run(() =>
        {
            using var insert = command.Connection!.CreateCommand();
            insert.Transaction = command.Transaction;
            insert.CommandText = $"INSERT INTO RoleAssignments (MemberId, Role, GroupId, GrantedAt, GrantedBy) VALUES ({ids.Anna}, 'Moderator', {ids.Group}, 0, 'rival')";
            insert.ExecuteNonQuery();
        }));
        var options = new DbContextOptionsBuilder<BuurtkrachtDb>()
            .UseSqlite(H.Database.ConnectionString).AddInterceptors(new SqlitePragmas(), race).Options;

        await using (var db = new BuurtkrachtDb(options))
        {
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync();
            AuditLog.Record(db, H.Clock.GetUtcNow(), "test", "before", "pending when the grant starts");
            Assert.False(await GrantAsync(db, ids.Anna, Role.Moderator, ids.Group, H.Clock.GetUtcNow()));
            AuditLog.Record(db, H.Clock.GetUtcNow(), "test", "after", "later in the same turn");
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Single(race.Failures);
        Assert.Equal("rival", (await H.DbAsync(db => db.RoleAssignments.SingleAsync())).GrantedBy);
        Assert.Equal(["before", "after"], await H.DbAsync(db => db.Set<AuditEntry>().OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));
    }

    /// <summary>Runs the rival once, after this connection's existence check has been read and before it inserts.</summary>
    private sealed class RivalAfterCheck(Func<DbCommand, Task> rival) : DbCommandInterceptor
    {
        private bool _ran;

        public List<Exception> Failures { get; } = [];

        public override async ValueTask<InterceptionResult> DataReaderClosingAsync(
            DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            if (!_ran && command.CommandText.Contains("FROM \"RoleAssignments\"", StringComparison.Ordinal))
            {
                _ran = true;
                await rival(command);
            }
            return result;
        }

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken ct = default)
        {
            Failures.Add(eventData.Exception);
            return Task.CompletedTask;
        }
    }
}
