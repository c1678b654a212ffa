using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.Cli;

/// <summary>outbox failed / retry on a real SQLite file: what an admin sees of given-up messages, and sending them again.</summary>
public sealed class OutboxCliTests
{
    private readonly CliTestBed _cli = new();

    [Fact]
    public async Task Given_up_messages_are_listed_without_their_text_and_queued_again_by_id_or_all()
    {
        var created = DateTimeOffset.UtcNow.AddHours(-26);
        long first, second;
        await using (var db = await _cli.OpenDbAsync())
        {
            OutboxMessage Failed(string chatId, ChatKind kind, string error)
            {
                var row = Outbox.Enqueue(db, new ChatAddress(ChannelKind.Telegram, chatId), kind, OutgoingMessage.Plain("Geheime tekst voor de buurt"), created);
                row.Status = OutboxStatus.Failed;
                row.Attempts = 9;
                row.FirstFailedAt = created.AddHours(1);
                row.LastError = error;
                return row;
            }
            var a = Failed("-100123", ChatKind.Group, "500 Internal Server Error");
            var b = Failed("4242", ChatKind.Private, "400 Bad Request: can't parse entities");
            await db.SaveChangesAsync();
            (first, second) = (a.Id, b.Id);
        }

        var list = await _cli.RunAsync("outbox", "failed");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("Telegram", list.Stdout);
        Assert.Contains("group", list.Stdout);
        Assert.Contains("-100123", list.Stdout);
        Assert.Contains("1d 2h", list.Stdout);
        Assert.Contains("500 Internal Server Error", list.Stdout);
        Assert.DoesNotContain("Geheime tekst", list.Stdout);

        var one = await _cli.RunAsync("outbox", "retry", first.ToString());
        Assert.Equal(0, one.ExitCode);
        Assert.Contains("1 message(s) queued again", one.Stdout);
        (await _cli.RunAsync("outbox", "retry")).AssertFailedWith("Give one or more ids, or --all.");

        var all = await _cli.RunAsync("outbox", "retry", "--all");
        Assert.Contains("1 message(s) queued again", all.Stdout);
        await using (var db = await _cli.OpenDbAsync())
        {
            var rows = await db.OutboxMessages.Where(o => o.Id == first || o.Id == second).ToListAsync();
            Assert.All(rows, row => Assert.Equal((OutboxStatus.Pending, (DateTimeOffset?)null), (row.Status, row.FirstFailedAt)));
        }
        Assert.Equal("No given-up messages.", (await _cli.RunAsync("outbox", "failed")).Stdout.Trim());
    }
}
