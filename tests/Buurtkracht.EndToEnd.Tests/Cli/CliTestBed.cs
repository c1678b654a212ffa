using Buurtkracht.Bot.Cli;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.Cli;

/// <summary>A real SQLite file in a temporary folder, seeded through the DbContext, and the CLI run in-process on it.</summary>
internal sealed class CliTestBed
{
    public CliTestBed(string? databasePath = null)
    {
        DatabasePath = databasePath ?? Path.Combine(BotHost.NewDataFolder(), "buurtkracht.db");
        ConnectionString = $"Data Source={DatabasePath}";
    }

    public string DatabasePath { get; }
    public string ConnectionString { get; }

    public Task<CliResult> RunAsync(params string[] args) => RunWithSettingsAsync(new Dictionary<string, string?>(), args);

    /// <summary>The CLI with more configuration beside the connection string, as appsettings.json would give it.</summary>
    public async Task<CliResult> RunWithSettingsAsync(IDictionary<string, string?> settings, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await AdminCli.RunAsync(args, stdout, stderr,
            new Dictionary<string, string?>(settings) { ["ConnectionStrings:Buurtkracht"] = ConnectionString });
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    public async Task<BuurtkrachtDb> OpenDbAsync()
    {
        var db = new BuurtkrachtDb(new DbContextOptionsBuilder<BuurtkrachtDb>().UseSqlite(ConnectionString).Options);
        await DatabaseInitializer.InitializeAsync(db, DatabaseProvider.Sqlite, CancellationToken.None);
        return db;
    }

    /// <summary>
    /// Group 1 "Dam-Oost" (telegram, Souburgh, linked in winter time) with Anna (moderator), Bram and Cor, of whom Cor
    /// left; group 2 "Oude groep" (inactive, Centrum); group 3 "Nieuwe straat" (teams, not linked) with Dewi.
    /// </summary>
    public async Task<Seeded> SeedAsync()
    {
        await using var db = await OpenDbAsync();
        var souburgh = await db.Buurten.SingleAsync(b => b.Name == "Souburgh");
        var centrum = await db.Buurten.SingleAsync(b => b.Name == "Centrum");
        var created = new DateTimeOffset(2025, 2, 1, 9, 0, 0, TimeSpan.Zero);

        var anna = new Member { Channel = ChannelKind.Telegram, ChannelUserId = "1001", DisplayName = "Anna de Vries", CreatedAt = created };
        var bram = new Member { Channel = ChannelKind.Telegram, ChannelUserId = "1002", DisplayName = "Bram", Language = Languages.English, CreatedAt = created };
        var cor = new Member { Channel = ChannelKind.Telegram, ChannelUserId = "1003", DisplayName = "Cor", CreatedAt = created };
        var dewi = new Member { Channel = ChannelKind.Teams, ChannelUserId = "29:1AbC-xyz", DisplayName = "Dewi", CreatedAt = created };
        var damOost = new StreetGroup
        {
            Channel = ChannelKind.Telegram, ChatId = "-100200300", Title = "Dam-Oost", Buurt = souburgh,
            Streets = ["Dam", "Kerkstraat"], CreatedAt = created, LinkedAt = new DateTimeOffset(2025, 3, 1, 13, 5, 0, TimeSpan.Zero),
        };
        var oud = new StreetGroup
        {
            Channel = ChannelKind.Telegram, ChatId = "-100999", Title = "Oude groep", Buurt = centrum, IsActive = false,
            CreatedAt = created, LinkedAt = new DateTimeOffset(2025, 7, 1, 10, 0, 0, TimeSpan.Zero),
            DeactivatedAt = new DateTimeOffset(2025, 8, 1, 10, 0, 0, TimeSpan.Zero),
        };
        var nieuw = new StreetGroup { Channel = ChannelKind.Teams, ChatId = "19:abc@thread.v2", Title = "Nieuwe straat", CreatedAt = created };
        db.AddRange(anna, bram, cor, dewi, damOost, oud, nieuw);
        db.GroupMemberships.AddRange(
            new GroupMembership { Group = damOost, Member = anna, JoinedAt = created },
            new GroupMembership { Group = damOost, Member = bram, JoinedAt = created },
            new GroupMembership { Group = damOost, Member = cor, JoinedAt = created, LeftAt = created.AddDays(3) },
            new GroupMembership { Group = oud, Member = bram, JoinedAt = created },
            new GroupMembership { Group = nieuw, Member = dewi, JoinedAt = created });
        db.RoleAssignments.Add(new RoleAssignment { Member = anna, Group = damOost, Role = Role.Moderator, GrantedAt = created, GrantedBy = "telegram-admin" });
        await db.SaveChangesAsync();
        return new Seeded(damOost.Id, oud.Id, nieuw.Id);
    }

    public sealed record Seeded(int DamOost, int Oud, int Nieuw);
}

internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    /// <summary>Exit code 1, nothing on stdout (a script reading JSON sees no half answer), the reason on stderr.</summary>
    public void AssertFailedWith(params string[] fragments)
    {
        Assert.True(ExitCode == 1, ToString());
        Assert.Equal("", Stdout);
        foreach (var fragment in fragments) Assert.Contains(fragment, Stderr);
    }
}
