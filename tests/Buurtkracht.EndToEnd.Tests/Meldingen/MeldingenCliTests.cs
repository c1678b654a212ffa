using System.Text;
using System.Text.Json;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Cli;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Buurtkracht.EndToEnd.Tests.Meldingen;

/// <summary>What coördinatoren see of forwarding that keeps failing, on a real SQLite file.</summary>
public sealed class MeldingenCliTests
{
    private readonly CliTestBed _cli = new();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }

    [Fact]
    public async Task A_failing_forward_is_listed_with_its_attempts_next_attempt_and_last_error()
    {
        await using (var db = await _cli.OpenDbAsync())
        {
            var category = await db.MeldingCategories.SingleAsync(c => c.Code == "wegen");
            var created = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
            db.Meldingen.Add(new Melding
            {
                Reference = "BK-2026-000007", Year = 2026, Sequence = 7, Theme = MeldingTheme.Heel, Category = category, CategoryName = category.NameNl,
                Address = "Dam 3", Street = "Dam", Description = "Losse stoeptegel.", Anonymous = false, ReporterName = "Anna de Vries",
                ReporterEmail = "anna@example.nl", Channel = ChannelKind.Telegram, ChatId = "101", CreatedAt = created, UpdatedAt = created,
                Forwards =
                [
                    new MeldingForward { Sink = "open311", State = ForwardingState.Failed, Attempts = 4, NextAttemptAt = created.AddHours(1), LastError = "Open311Exception: requests.json: HTTP 503" },
                    new MeldingForward { Sink = "email", State = ForwardingState.Forwarded, Attempts = 1, NextAttemptAt = created, ForwardedAt = created },
                ],
            });
            await db.SaveChangesAsync();
        }

        var (exit, output, _) = await RunAsync("meldingen", "list", "--forwarding", "failed");
        Assert.Equal(0, exit);
        Assert.Contains("BK-2026-000007", output);
        Assert.Contains("open311: failed, 4 attempts, next 2026-11-20 11:00, last error: Open311Exception: requests.json: HTTP 503", output);
        Assert.Contains("email: forwarded", output);
        Assert.DoesNotContain("Anna", output);
        Assert.DoesNotContain("anna@example.nl", output);

        Assert.Equal("No meldingen found.", (await RunAsync("meldingen", "list", "--forwarding", "pending")).Out.Trim());

        var (badExit, _, error) = await RunAsync("meldingen", "status", "BK-2026-999999", "afgehandeld");
        Assert.Equal(1, badExit);
        Assert.Contains("No melding with reference 'BK-2026-999999'", error);
    }

    [Fact]
    public async Task A_melding_kept_by_the_store_only_sink_is_listed_as_stored_for_the_coordinator_not_as_forwarded()
    {
        await using (var db = await _cli.OpenDbAsync())
        {
            var category = await db.MeldingCategories.SingleAsync(c => c.Code == "wegen");
            var created = new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
            db.Meldingen.Add(new Melding
            {
                Reference = "BK-2026-000009", Year = 2026, Sequence = 9, Theme = MeldingTheme.Heel, Category = category, CategoryName = category.NameNl,
                Address = "Dam 7", Street = "Dam", Description = "Scheve paal.", Anonymous = true, Channel = ChannelKind.Telegram, ChatId = "103",
                CreatedAt = created, UpdatedAt = created,
                Forwards = [new MeldingForward { Sink = StoreOnlySink.SinkName, State = ForwardingState.Forwarded, Attempts = 1, NextAttemptAt = created, ForwardedAt = created }],
            });
            await db.SaveChangesAsync();
        }

        var (exit, output, _) = await RunAsync("meldingen", "list");

        Assert.Equal(0, exit);
        Assert.Contains("stored only, pass it on yourself", output);
        Assert.DoesNotContain("forwarded", output);
        var forward = JsonDocument.Parse((await RunAsync("meldingen", "list", "--json")).Out).RootElement[0].GetProperty("forwards")[0];
        Assert.Equal("stored", forward.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_forward_that_may_have_arrived_twice_says_so_in_the_list_and_its_json()
    {
        await using (var db = await _cli.OpenDbAsync())
        {
            var category = await db.MeldingCategories.SingleAsync(c => c.Code == "wegen");
            var created = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
            db.Meldingen.Add(new Melding
            {
                Reference = "BK-2026-000008", Year = 2026, Sequence = 8, Theme = MeldingTheme.Heel, Category = category, CategoryName = category.NameNl,
                Address = "Dam 5", Street = "Dam", Description = "Gat in de weg.", Anonymous = true, Channel = ChannelKind.Telegram, ChatId = "102",
                CreatedAt = created, UpdatedAt = created,
                Forwards =
                [
                    new MeldingForward
                    {
                        Sink = "open311", State = ForwardingState.Forwarded, Attempts = 2, NextAttemptAt = created, ForwardedAt = created,
                        ExternalId = "638350", PossibleDuplicate = true,
                    },
                ],
            });
            await db.SaveChangesAsync();
        }

        var (exit, output, _) = await RunAsync("meldingen", "list");
        Assert.Equal(0, exit);
        Assert.Contains("open311: forwarded (638350), mogelijk dubbel verstuurd", output);
        var json = (await RunAsync("meldingen", "list", "--json")).Out;
        Assert.Contains("\"possibleDuplicate\": true", json);
    }

    [Fact]
    public async Task Setting_a_status_by_hand_writes_a_history_row_per_real_change_only()
    {
        var created = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        await using (var db = await _cli.OpenDbAsync())
        {
            var category = await db.MeldingCategories.SingleAsync(c => c.Code == "wegen");
            var melding = new Melding
            {
                Reference = "BK-2026-000008", Year = 2026, Sequence = 8, Theme = MeldingTheme.Heel, Category = category, CategoryName = category.NameNl,
                Street = "Dam", Description = "Losse stoeptegel.", Anonymous = true, Channel = ChannelKind.Telegram, ChatId = "101",
                CreatedAt = created, UpdatedAt = created,
            };
            melding.SetStatus(MeldingStatus.Ontvangen, created);
            db.Meldingen.Add(melding);
            await db.SaveChangesAsync();
        }

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        Assert.Equal(0, (await RunAsync("meldingen", "status", "BK-2026-000008", "in-behandeling")).Exit);
        // The same status again, now with a note: the resident is told, but the status did not change.
        Assert.Equal(0, (await RunAsync("meldingen", "status", "BK-2026-000008", "in-behandeling", "--notes", "Gemeente is gebeld.")).Exit);
        Assert.Equal(0, (await RunAsync("meldingen", "status", "BK-2026-000008", "afgehandeld")).Exit);

        await using (var db = await _cli.OpenDbAsync())
        {
            var history = await db.Set<MeldingStatusChange>().OrderBy(c => c.Id).ToListAsync();
            Assert.Equal([MeldingStatus.Ontvangen, MeldingStatus.InBehandeling, MeldingStatus.Afgehandeld], history.Select(c => c.Status));
            Assert.Equal(created, history[0].At);
            Assert.All(history.Skip(1), c => Assert.InRange(c.At, before, DateTimeOffset.UtcNow.AddSeconds(1)));
            Assert.Equal(MeldingStatus.Afgehandeld, (await db.Meldingen.SingleAsync()).Status);
        }
    }

    private async Task SeedExportableAsync()
    {
        await using var db = await _cli.OpenDbAsync();
        var category = await db.MeldingCategories.SingleAsync(c => c.Code == "wegen");
        var created = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var melding = new Melding
        {
            Reference = "BK-2026-000009", Year = 2026, Sequence = 9, Theme = MeldingTheme.Heel, Category = category, CategoryName = category.NameNl,
            Address = "Dam 3", Street = "Dam", Latitude = 51.86, Longitude = 4.66, Description = "Losse stoeptegel; gevaarlijk.", ReporterName = "Anna de Vries",
            ReporterEmail = "anna@example.nl", Channel = ChannelKind.Telegram, ChatId = "101", CreatedAt = created, UpdatedAt = created,
        };
        melding.SetStatus(MeldingStatus.Ontvangen, created);
        db.Meldingen.Add(melding);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Export_with_json_prints_json_not_csv()
    {
        await SeedExportableAsync();
        var (exit, output, _) = await RunAsync("meldingen", "export", "--from", "2026-11-01", "--to", "2026-11-30", "--json");
        Assert.Equal(0, exit);
        var row = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal("BK-2026-000009", row.GetProperty("reference").GetString());
        Assert.Equal("ontvangen", row.GetProperty("status").GetString());
        Assert.DoesNotContain("anna@example.nl", output);
    }

    [Fact]
    public async Task Export_files_open_in_columns_in_dutch_excel_as_csv_and_as_xlsx()
    {
        await SeedExportableAsync();
        var folder = Path.GetDirectoryName(_cli.DatabasePath)!;
        var csvPath = Path.Combine(folder, "meldingen.csv");
        Assert.Equal(0, (await RunAsync("meldingen", "export", "--from", "2026-11-01", "--to", "2026-11-30", "--output", csvPath)).Exit);
        var bytes = await File.ReadAllBytesAsync(csvPath);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(";", MeldingExport.Columns), lines[0]);
        Assert.Equal("BK-2026-000009;2026-11-20 10:00;Heel;Wegen, trottoirs en fietspaden;Dam 3;51,860000;4,660000;\"Losse stoeptegel; gevaarlijk.\";ontvangen;;0;nee;telegram;", lines[1]);

        var xlsxPath = Path.Combine(folder, "meldingen.xlsx");
        Assert.Equal(0, (await RunAsync("meldingen", "export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "xlsx", "--output", xlsxPath)).Exit);
        var row = Assert.Single(MiniExcel.Query(xlsxPath, useHeaderRow: true).Cast<IDictionary<string, object>>());
        Assert.Equal("BK-2026-000009", row["nummer"]);
        Assert.Equal("Wegen, trottoirs en fietspaden", row["categorie"]);
        Assert.Equal(51.86, Convert.ToDouble(row["breedtegraad"]), 6);

        var (exit, _, error) = await RunAsync("meldingen", "export", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "xlsx");
        Assert.Equal(1, exit);
        Assert.Contains("--output", error);
    }

    [Fact]
    public async Task A_status_set_by_hand_is_audited_without_the_note_text()
    {
        await SeedExportableAsync();
        Assert.Equal(0, (await RunAsync("meldingen", "status", "BK-2026-000009", "afgehandeld", "--notes", "Tegel ligt weer vast.")).Exit);
        await using var db = await _cli.OpenDbAsync();
        var audit = await db.Set<Buurtkracht.Core.Audit.AuditEntry>().SingleAsync();
        Assert.Equal(("cli", Buurtkracht.Core.Audit.AuditActions.MeldingStatusChanged), (audit.Actor, audit.Action));
        Assert.DoesNotContain("Tegel", audit.Details);
        Assert.Contains("Tegel ligt weer vast.", (await db.OutboxMessages.SingleAsync()).PayloadJson);
    }

    [Fact]
    public async Task A_status_set_by_hand_is_told_to_the_followers_too()
    {
        await SeedExportableAsync();
        await using (var db = await _cli.OpenDbAsync())
        {
            var bram = new Buurtkracht.Core.Members.Member { Channel = ChannelKind.Telegram, ChannelUserId = "102", DisplayName = "Bram", PrivateChatId = "102", CreatedAt = DateTimeOffset.UnixEpoch };
            db.MeldingFollowers.Add(new MeldingFollower
            {
                Melding = await db.Meldingen.SingleAsync(), Member = bram, Channel = ChannelKind.Telegram, ChatId = "102", CreatedAt = DateTimeOffset.UnixEpoch,
            });
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, (await RunAsync("meldingen", "status", "BK-2026-000009", "in-behandeling", "--notes", "We komen kijken.")).Exit);

        await using var check = await _cli.OpenDbAsync();
        var rows = await check.OutboxMessages.OrderBy(o => o.Id).ToListAsync();
        Assert.Equal(["101", "102"], rows.Select(r => r.ChatId));
        Assert.StartsWith("Nieuws over de melding BK-2026-000009 die je volgt", Outbox.ReadPayload(rows[1]).Text);
        Assert.Contains("We komen kijken.", Outbox.ReadPayload(rows[1]).Text);
    }
}
