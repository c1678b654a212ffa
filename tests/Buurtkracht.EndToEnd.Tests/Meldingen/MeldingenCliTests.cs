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
}
