using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Cli;
using Microsoft.EntityFrameworkCore;

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
}
