using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Buurtkracht.Core.Tests;

/// <summary>
/// The hand-written migrations on SQLite: from an empty database and from every earlier version to now, with the rows
/// of that version kept, to exactly the model's schema. <see cref="MigrationTestsOnPostgres"/> runs the same on PostgreSQL.
/// The SQL that writes old rows is portable: quoted identifiers, TRUE/FALSE.
/// </summary>
public class MigrationTests
{
    private const string FirstMigration = "20261122000001_Foundation";
    private const string GroupActivityMigration = "20261122000010_GroupActivity";
    private const string UniqueRolesMigration = "20261122000011_UniqueRoles";
    private const string MeldingStatusHistoryMigration = "20261122000012_MeldingStatusHistory";

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private readonly CapturedLog _log = new();

    private Task<CoreHarness> StartAsync(bool initialize = true) =>
        CoreHarness.StartAsync(configure: _log.AddTo, initialize: initialize, provider: Provider);

    private static List<string> Describe(CoreHarness h)
    {
        if (h.Provider == DatabaseProvider.PostgreSql) return PostgresSchema.Describe(h.ConnectionString);
        using var connection = h.Database.Open();
        return SqliteSchema.Describe(connection);
    }

    private static Task<List<string>> TablesAsync(CoreHarness h)
    {
        if (h.Provider == DatabaseProvider.PostgreSql) return Task.FromResult(PostgresSchema.Tables(h.ConnectionString));
        using var connection = h.Database.Open();
        return Task.FromResult(SqliteSchema.Tables(connection));
    }

    /// <summary>
    /// Writes rows as an older version had them. The rows name their ids; on PostgreSQL the identity sequences then move
    /// past them, as they would have had the old version inserted them.
    /// </summary>
    private static async Task ExecuteAsync(CoreHarness h, string sql)
    {
        await h.DbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
        if (h.Provider != DatabaseProvider.PostgreSql) return;
        await h.DbAsync(db => db.Database.ExecuteSqlRawAsync("""
            DO $$
            DECLARE c record;
            BEGIN
                FOR c IN SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES' LOOP
                    EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), COALESCE((SELECT MAX(%I) FROM %I), 0) + 1, false)',
                        quote_ident(c.table_name), c.column_name, c.column_name, c.table_name);
                END LOOP;
            END $$;
            """));
    }

    public static TheoryData<string> EarlierVersions()
    {
        using var db = new BuurtkrachtDb(new DbContextOptionsBuilder<BuurtkrachtDb>().UseSqlite("Data Source=:memory:").Options);
        return new TheoryData<string>(db.Database.GetMigrations().SkipLast(1));
    }

    [DatabaseTheory]
    [MemberData(nameof(EarlierVersions))]
    public async Task A_database_at_any_earlier_version_migrates_to_now_and_is_seeded(string version)
    {
        await using var h = await StartAsync(initialize: false);
        await h.DbAsync(db => db.GetService<IMigrator>().MigrateAsync(version));

        await h.InitializeAsync();

        var all = await h.DbAsync(db => Task.FromResult(db.Database.GetMigrations().ToList()));
        Assert.Equal(all, await h.DbAsync(db => db.Database.GetAppliedMigrationsAsync()));
        Assert.Equal(ReferenceData.Buurten.Count + 1, await h.DbAsync(db => db.Buurten.CountAsync()));
        var welcome = await h.PrivateAsync(Anna, "/start");
        Assert.True(welcome.Outcome == InboundOutcome.Processed, string.Join("\n", _log.AboveDebug.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Skip(1)));
        Assert.NotEmpty(welcome.Texts);
    }

    [DatabaseFact]
    public async Task Hand_written_migrations_build_exactly_the_schema_of_the_model()
    {
        await using var migrated = await StartAsync(initialize: false);
        await using var created = await StartAsync(initialize: false);
        await migrated.DbAsync(db => db.Database.MigrateAsync());
        await created.DbAsync(db => db.Database.EnsureCreatedAsync());

        var expected = Describe(created);

        Assert.Contains(expected, line => line.StartsWith("table OutboxMessages", StringComparison.Ordinal));
        var actual = Describe(migrated);
        Assert.True(expected.SequenceEqual(actual), SqliteSchema.Differences(expected, actual, "model", "migrations"));
    }

    [DatabaseFact]
    public async Task A_database_at_the_first_migration_upgrades_without_losing_rows()
    {
        await using var h = await StartAsync(initialize: false);
        await h.DbAsync(db => db.GetService<IMigrator>().MigrateAsync(FirstMigration));
        Assert.DoesNotContain("DialogStates", await TablesAsync(h));
        await ExecuteAsync(h, """
                INSERT INTO "Buurten" ("Id", "Name", "Streets", "SortOrder") VALUES (1, 'Souburgh', '["Souburghstraat"]', 5), (2, 'Molenwijk', '[]', 8);
                INSERT INTO "Members" ("Id", "Channel", "ChannelUserId", "DisplayName", "Language", "PrivateChatId", "PrivateChatUnreachable", "CreatedAt")
                    VALUES (1, 'Telegram', '101', 'Anna de Vries', 'en', '101', FALSE, 1763884800000);
                INSERT INTO "StreetGroups" ("Id", "Channel", "ChatId", "Title", "BuurtId", "Streets", "IsActive", "CreatedAt", "LinkedAt", "DeactivatedAt")
                    VALUES (1, 'Telegram', '-1001', 'Straatapp Kerkstraat', 2, '["Kerkstraat","Dam"]', TRUE, 1763884800000, 1763884900000, NULL);
                INSERT INTO "GroupMemberships" ("Id", "GroupId", "MemberId", "JoinedAt", "LeftAt") VALUES (1, 1, 1, 1763884800000, NULL);
                INSERT INTO "RoleAssignments" ("Id", "MemberId", "Role", "GroupId", "GrantedAt", "GrantedBy") VALUES (1, 1, 'Moderator', 1, 1763884900000, 'group-admin');
                """);

        await h.InitializeAsync();

        var applied = await h.DbAsync(db => db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(await h.DbAsync(db => Task.FromResult(db.Database.GetMigrations())), applied);
        Assert.Equal([FirstMigration, "20261122000002_Conversations"], applied.Take(2));
        var souburgh = await h.DbAsync(db => db.Buurten.SingleAsync(b => b.Name == "Souburgh"));
        Assert.Equal(["Souburghstraat"], souburgh.Streets);
        Assert.Equal(5, souburgh.SortOrder);
        // The seeded ones, Molenwijk (added with "andere buurt", so now a proposal) and the demo buurt.
        Assert.Equal(ReferenceData.Buurten.Count + 2, await h.DbAsync(db => db.Buurten.CountAsync()));
        Assert.Equal(BuurtStatus.Proposed, (await h.DbAsync(db => db.Buurten.SingleAsync(b => b.Name == "Molenwijk"))).Status);
        Assert.Equal(BuurtStatus.Approved, souburgh.Status);
        var member = await h.DbAsync(db => db.Members.SingleAsync());
        Assert.Equal(("Anna de Vries", Languages.English, DateTimeOffset.FromUnixTimeMilliseconds(1763884800000)), (member.DisplayName, member.Language, member.CreatedAt));
        var group = await h.DbAsync(db => db.StreetGroups.Include(g => g.Buurt).SingleAsync());
        Assert.Equal("Molenwijk", group.Buurt!.Name);
        Assert.Equal(["Kerkstraat", "Dam"], group.Streets);
        Assert.Null(Assert.Single(await h.DbAsync(db => db.GroupMemberships.ToListAsync())).LeftAt);
        var role = Assert.Single(await h.DbAsync(db => db.RoleAssignments.ToListAsync()));
        Assert.Equal((Role.Moderator, (int?)group.Id, member.Id), (role.Role, role.GroupId, role.MemberId));

        // The tables of the later migration work alongside the old rows.
        var help = await h.PrivateAsync(Anna, "/help");
        Assert.StartsWith(MemberTexts.HelpIntro.En, help.Last.Text);
        h.Channel.AdminUserIds.Add(Anna.UserId);
        var relink = await h.GroupAsync(Anna, "/koppel");
        // In the group the bot speaks Dutch, whatever the person chose for the private chat.
        Assert.Equal(GroupTexts.ChooseBuurtRelink.In("nl", "Molenwijk"), relink.Last.Text);
        Assert.Equal(1, await h.DbAsync(db => db.DialogStates.CountAsync()));
        Assert.Equal(1, await h.DbAsync(db => db.GroupMemberships.CountAsync()));
        await h.DispatchAsync();
        Assert.All(await h.DbAsync(db => db.OutboxMessages.ToListAsync()), row => Assert.Equal(OutboxStatus.Sent, row.Status));
    }

    [DatabaseFact]
    public async Task A_database_at_M0010_with_duplicate_roles_upgrades_to_one_row_per_role_keeping_the_oldest()
    {
        await using var h = await StartAsync(initialize: false);
        await h.DbAsync(db => db.GetService<IMigrator>().MigrateAsync(GroupActivityMigration));
        // Rows 2, 5 and 8 repeat an older grant (8 the same global role as 4 and 5); the others all differ in member,
        // role or group and stay.
        await ExecuteAsync(h, """
                INSERT INTO "Members" ("Id", "Channel", "ChannelUserId", "DisplayName", "Language", "PrivateChatId", "PrivateChatUnreachable", "CreatedAt")
                    VALUES (1, 'Telegram', '101', 'Anna de Vries', 'nl', '101', FALSE, 1763884800000),
                           (2, 'Telegram', '102', 'Bram Bakker', 'nl', NULL, FALSE, 1763884800000);
                INSERT INTO "StreetGroups" ("Id", "Channel", "ChatId", "Title", "BuurtId", "Streets", "IsActive", "CreatedAt", "LinkedAt", "DeactivatedAt")
                    VALUES (1, 'Telegram', '-1001', 'Straatapp Kerkstraat', NULL, '[]', TRUE, 1763884800000, NULL, NULL),
                           (2, 'Telegram', '-1002', 'Dam-Oost', NULL, '[]', TRUE, 1763884800000, NULL, NULL);
                INSERT INTO "RoleAssignments" ("Id", "MemberId", "Role", "GroupId", "GrantedAt", "GrantedBy") VALUES
                    (1, 1, 'Moderator', 1, 1763884900000, 'group-admin'),
                    (2, 1, 'Moderator', 1, 1763884900001, 'cli'),
                    (3, 1, 'Moderator', 2, 1763884900000, 'cli'),
                    (4, 1, 'Coordinator', NULL, 1763884900000, 'cli'),
                    (5, 1, 'Coordinator', NULL, 1763884900000, 'cli'),
                    (6, 2, 'Coordinator', NULL, 1763884900000, 'cli'),
                    (7, 1, 'Admin', NULL, 1763884900000, 'cli'),
                    (8, 1, 'Coordinator', NULL, 1763884900002, 'telegram:103');
                INSERT INTO "AuditEntries" ("At", "Actor", "Action", "Subject") VALUES (1763884900000, 'cli', 'role-granted', 'telegram:101 role:coordinator');
                """);

        await h.InitializeAsync();

        var roles = await h.DbAsync(db => db.RoleAssignments.OrderBy(r => r.Id).ToListAsync());
        Assert.Equal([1, 3, 4, 6, 7], roles.Select(r => r.Id));
        Assert.Equal("group-admin", roles[0].GrantedBy);
        Assert.Equal(2, await h.DbAsync(db => db.Members.CountAsync()));
        Assert.Equal(2, await h.DbAsync(db => db.StreetGroups.CountAsync()));
        Assert.Equal(1, await h.DbAsync(db => db.Set<Audit.AuditEntry>().CountAsync()));
        Assert.Equal([GroupActivityMigration, UniqueRolesMigration],
            (await h.DbAsync(db => db.Database.GetAppliedMigrationsAsync())).SkipWhile(m => m != GroupActivityMigration).Take(2));
    }

    [DatabaseFact]
    public async Task A_database_at_M0011_with_meldingen_upgrades_to_M0012_with_the_two_known_points_of_their_history()
    {
        await using var h = await StartAsync(initialize: false);
        await h.DbAsync(db => db.GetService<IMigrator>().MigrateAsync(UniqueRolesMigration));
        // 1 was never changed, 2 is in behandeling, 3 afgehandeld and already purged of personal data.
        await ExecuteAsync(h, """
                INSERT INTO "Meldingen" ("Id", "Reference", "Year", "Sequence", "Theme", "CategoryId", "CategoryName", "Description", "PhotoPaths", "Anonymous",
                        "Channel", "ChatId", "Language", "CreatedAt", "UpdatedAt", "Status", "StatusNotes", "PersonalDataRemovedAt")
                    VALUES (1, 'BK-2026-000001', 2026, 1, 'Schoon', 1, 'Afval', 'x', '[]', TRUE, 'Telegram', '101', 'nl', 1763884800000, 1763884800000, 'Ontvangen', NULL, NULL),
                           (2, 'BK-2026-000002', 2026, 2, 'Heel', 1, 'Afval', 'x', '[]', TRUE, 'Telegram', '101', 'nl', 1763884800000, 1763971200000, 'InBehandeling', NULL, NULL),
                           (3, 'BK-2026-000003', 2026, 3, 'Veilig', 1, 'Afval', 'x', '[]', TRUE, 'Telegram', '101', 'nl', 1763884800000, 1764057600000, 'Afgehandeld', 'Klaar.', 1764057600000);
                INSERT INTO "MeldingForwards" ("MeldingId", "Sink", "State", "Attempts", "NextAttemptAt") VALUES (2, 'store', 'Forwarded', 1, 1763884800000);
                """);

        await h.InitializeAsync();

        Assert.Contains(MeldingStatusHistoryMigration, await h.DbAsync(db => db.Database.GetAppliedMigrationsAsync()));
        var meldingen = await h.DbAsync(db => db.Meldingen.Include(m => m.StatusChanges).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal([1, 2, 3], meldingen.Select(m => m.Id));
        Assert.Equal((MeldingStatus.Afgehandeld, "Klaar."), (meldingen[2].Status, meldingen[2].StatusNotes));
        Assert.Equal(1, await h.DbAsync(db => db.MeldingForwards.CountAsync()));
        (MeldingStatus, long)[] History(Melding m) => [.. m.StatusChanges.OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => (c.Status, c.At.ToUnixTimeMilliseconds()))];
        Assert.Equal([(MeldingStatus.Ontvangen, 1763884800000L)], History(meldingen[0]));
        Assert.Equal([(MeldingStatus.Ontvangen, 1763884800000L), (MeldingStatus.InBehandeling, 1763971200000L)], History(meldingen[1]));
        Assert.Equal([(MeldingStatus.Ontvangen, 1763884800000L), (MeldingStatus.Afgehandeld, 1764057600000L)], History(meldingen[2]));

        // The history goes with its melding.
        await h.DbAsync(async db =>
        {
            db.Meldingen.Remove(await db.Meldingen.SingleAsync(m => m.Id == 3));
            await db.SaveChangesAsync();
        });
        Assert.Equal(3, await h.DbAsync(db => db.Set<MeldingStatusChange>().CountAsync()));
    }

    [DatabaseFact]
    public async Task A_database_at_M0012_upgrades_to_M0014_and_takes_back_what_the_web_chat_could_do()
    {
        await using var h = await StartAsync(initialize: false);
        await h.DbAsync(db => db.GetService<IMigrator>().MigrateAsync(MeldingStatusHistoryMigration));
        // A web visitor linked the demo group to Souburgh and became its moderator; "NEPBUURT" came in with "andere buurt".
        await ExecuteAsync(h, """
                INSERT INTO "Buurten" ("Id", "Name", "Streets", "SortOrder") VALUES (1, 'Souburgh', '[]', 5), (2, 'NEPBUURT-84725', '[]', 8);
                INSERT INTO "Members" ("Id", "Channel", "ChannelUserId", "DisplayName", "Language", "PrivateChatId", "PrivateChatUnreachable", "CreatedAt")
                    VALUES (1, 'WebChat', 'v1', 'Bezoeker', 'nl', 'u-v1', FALSE, 1763884800000),
                           (2, 'Telegram', '102', 'Bert', 'nl', '102', FALSE, 1763884800000);
                INSERT INTO "StreetGroups" ("Id", "Channel", "ChatId", "Title", "BuurtId", "Streets", "IsActive", "CreatedAt", "LinkedAt", "DeactivatedAt")
                    VALUES (1, 'WebChat', 'g-v1', 'Demogroep', 1, '[]', TRUE, 1763884800000, 1763884900000, NULL),
                           (2, 'Telegram', '-1002', 'Straatapp Dam', 2, '[]', TRUE, 1763884800000, 1763884900000, NULL);
                INSERT INTO "RoleAssignments" ("Id", "MemberId", "Role", "GroupId", "GrantedAt", "GrantedBy")
                    VALUES (1, 1, 'Moderator', 1, 1763884900000, 'group-admin'), (2, 2, 'Moderator', 2, 1763884900000, 'group-admin');
                INSERT INTO "Meldingen" ("Id", "Reference", "Year", "Sequence", "Theme", "CategoryId", "CategoryName", "Description", "PhotoPaths", "Anonymous",
                        "Channel", "ChatId", "Language", "CreatedAt", "UpdatedAt", "Status", "StatusNotes", "PersonalDataRemovedAt")
                    VALUES (1, 'BK-2026-000001', 2026, 1, 'Schoon', 1, 'Afval', 'x', '[]', TRUE, 'WebChat', 'u-v1', 'nl', 1763884800000, 1763884800000, 'Ontvangen', NULL, NULL),
                           (2, 'BK-2026-000002', 2026, 2, 'Schoon', 1, 'Afval', 'x', '[]', TRUE, 'Telegram', '102', 'nl', 1763884800000, 1763884800000, 'Ontvangen', NULL, NULL);
                """);

        await h.InitializeAsync();

        var roles = await h.DbAsync(db => db.RoleAssignments.ToListAsync());
        Assert.Equal([2], roles.Select(r => r.MemberId));
        var groups = await h.DbAsync(db => db.StreetGroups.OrderBy(g => g.Id).ToListAsync());
        Assert.Equal([null, 2], groups.Select(g => g.BuurtId));
        var buurten = await h.DbAsync(db => db.Buurten.Where(b => b.Id <= 2).OrderBy(b => b.Id).ToListAsync());
        Assert.Equal([BuurtStatus.Approved, BuurtStatus.Proposed], buurten.Select(b => b.Status));
        Assert.Equal([true, false], await h.DbAsync(db => db.Meldingen.OrderBy(m => m.Id).Select(m => m.IsDemo).ToListAsync()));
    }

    [DatabaseFact]
    public async Task Seeding_is_idempotent_and_holds_the_seven_buurten_in_order()
    {
        await using var h = await StartAsync();
        await h.InitializeAsync();
        await h.RestartAsync();

        var buurten = await h.DbAsync(db => db.Buurten.Where(b => !b.IsDemo).OrderBy(b => b.SortOrder).ToListAsync());
        var demo = await h.DbAsync(db => db.Buurten.SingleAsync(b => b.IsDemo));

        Assert.Equal(Buurt.DemoName, demo.Name);
        Assert.Equal(
            ["Staatsliedenbuurt", "Schildersbuurt", "Oranjebuurt", "Kinderdijk", "Souburgh", "Blokweer", "Centrum"],
            buurten.Select(b => b.Name));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], buurten.Select(b => b.SortOrder));
        Assert.All(buurten, b => Assert.Empty(b.Streets));
    }

    [DatabaseFact]
    public async Task Seeding_marks_an_existing_Demobuurt_as_the_demo_and_adds_a_buurt_that_went_missing()
    {
        await using var h = await StartAsync();
        await h.InitializeAsync();
        await h.DbAsync(db => db.Buurten.Where(b => b.Name == Buurt.DemoName).ExecuteUpdateAsync(s => s.SetProperty(b => b.IsDemo, false)));
        await h.DbAsync(db => db.Buurten.Where(b => b.Name == "Centrum").ExecuteDeleteAsync());

        await h.RestartAsync();

        Assert.True(await h.DbAsync(db => db.Buurten.Where(b => b.Name == Buurt.DemoName).Select(b => b.IsDemo).SingleAsync()));
        Assert.Equal(7, await h.DbAsync(db => db.Buurten.Where(b => b.Name == "Centrum").Select(b => b.SortOrder).SingleAsync()));
        Assert.Equal(8, await h.DbAsync(db => db.Buurten.CountAsync()));
    }
}

/// <summary>The same migrations on PostgreSQL (skipped without a server: see <see cref="TestPostgres"/>).</summary>
public sealed class MigrationTestsOnPostgres : MigrationTests, IRunsOnPostgres
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}
