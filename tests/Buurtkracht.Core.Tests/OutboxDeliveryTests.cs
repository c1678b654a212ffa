using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests;

/// <summary>
/// The delivery guarantees under throttling, long outages and a locked database: a 429 is not a failed attempt and pauses
/// the whole channel, a row is given up only after a time budget and can be sent again, and an outcome that could not be
/// saved is saved before its row can go out a second time.
/// </summary>
public sealed class OutboxDeliveryTests : HarnessTests
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    protected override Task<CoreHarness> StartAsync() => CoreHarness.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Outbox:GiveUpAfter"] = "00:01:00",
        ["Outbox:FirstRetryDelay"] = "00:00:01",
        ["Outbox:MaxRetryDelay"] = "00:00:08",
        // A held write lock makes a save fail after this instead of after 30 s.
        ["Database:BusyTimeout"] = "00:00:00.200",
    });

    /// <summary>The dispatcher's own loop on the manual clock: a round, then the wait it asks for.</summary>
    private async Task RunUntilAsync(Func<Task<bool>> done, TimeSpan limit)
    {
        var end = H.Clock.GetUtcNow() + limit;
        while (!await done() && H.Clock.GetUtcNow() < end)
            if (await H.DispatchAsync() is var wait && wait > TimeSpan.Zero) H.Clock.Advance(wait);
    }

    [Fact]
    public async Task Fifteen_seconds_of_429_then_four_of_500_and_every_message_is_sent_without_requests_to_other_chats_while_throttled()
    {
        var start = H.Clock.GetUtcNow();
        var requests = new List<(DateTimeOffset At, string ChatId, SendResult Answer)>();
        H.Channel.Responder = chatId =>
        {
            var elapsed = H.Clock.GetUtcNow() - start;
            SendResult answer = elapsed < TimeSpan.FromSeconds(15)
                ? new SendResult.RetryAfter(RetryAfter, "429 Too Many Requests: retry after 5", ChannelWide: true)
                : elapsed < TimeSpan.FromSeconds(19) ? new SendResult.Transient("500 Internal Server Error") : new SendResult.Sent($"m-{chatId}");
            requests.Add((H.Clock.GetUtcNow(), chatId, answer));
            return answer;
        };
        var ids = new List<long>();
        foreach (var chat in new[] { "201", "202", "203", "204", "205" })
            ids.Add(await H.EnqueueAsync(chat, ChatKind.Private, $"Bericht voor {chat}"));

        await RunUntilAsync(() => H.DbAsync(db => db.OutboxMessages.AllAsync(o => o.Status != OutboxStatus.Pending)), TimeSpan.FromHours(1));

        foreach (var id in ids)
        {
            var row = await H.OutboxRowAsync(id);
            Assert.Equal(OutboxStatus.Sent, row.Status);
            // Only the 500s and the success were attempts; the 429s were not.
            Assert.Equal(requests.Count(r => r.ChatId == row.ChatId && r.Answer is not SendResult.RetryAfter), row.Attempts);
        }
        // After each 429 the channel was silent until retry_after had passed: no request to any chat in between.
        foreach (var throttled in requests.Where(r => r.Answer is SendResult.RetryAfter))
            Assert.DoesNotContain(requests, r => r.At > throttled.At && r.At < throttled.At + RetryAfter);
        Assert.InRange(requests.Count(r => r.Answer is SendResult.RetryAfter), 1, 4);
    }

    [Fact]
    public async Task A_row_is_given_up_after_the_time_budget_not_a_count_and_kept()
    {
        H.Channel.Responder = _ => new SendResult.Transient("503 Service Unavailable");
        var id = await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "Hallo");
        var firstFailure = H.Clock.GetUtcNow();

        await RunUntilAsync(async () => (await H.OutboxRowAsync(id)).Status != OutboxStatus.Pending, TimeSpan.FromHours(1));

        var row = await H.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(firstFailure, row.FirstFailedAt);
        Assert.Equal("503 Service Unavailable", row.LastError);
        // The last attempt came once the minute was over, and the one before it still inside it.
        Assert.True(H.Clock.GetUtcNow() - firstFailure >= TimeSpan.FromMinutes(1));
        Assert.True(row.Attempts >= 6, $"only {row.Attempts} attempts in a minute of backoff up to 8 s");

        H.Clock.Advance(TimeSpan.FromHours(1));
        await H.DispatchAsync();
        Assert.Equal(row.Attempts, H.Channel.Sends.Count);
    }

    [Fact]
    public async Task A_given_up_row_is_listed_without_its_text_and_sent_again_on_request()
    {
        H.Channel.Responder = _ => new SendResult.Rejected("400 Bad Request: can't parse entities");
        var id = await H.EnqueueAsync(GroupChatId, ChatKind.Group, "Geheime tekst");
        await H.DispatchAsync();
        H.Clock.Advance(TimeSpan.FromHours(2));
        var admin = H.Services.GetRequiredService<OutboxAdmin>();

        var failed = Assert.Single(await H.DbAsync(db => admin.ListFailedAsync(db)));
        Assert.Equal(new FailedOutboxRow(id, ChannelKind.Telegram, ChatKind.Group, GroupChatId, failed.CreatedAt, TimeSpan.FromHours(2), 1,
            "400 Bad Request: can't parse entities"), failed);

        H.Channel.Responder = null;
        Assert.Equal([id], await H.DbAsync(db => admin.RetryAsync(db, null, "cli")));
        await H.DispatchAsync();

        var row = await H.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Null(row.FirstFailedAt);
        Assert.Equal(["Geheime tekst", "Geheime tekst"], H.Channel.Sends.Select(s => s.Message.Text));
        Assert.Empty(await H.DbAsync(db => admin.ListFailedAsync(db)));
        var audit = await H.DbAsync(db => db.Set<Audit.AuditEntry>().SingleAsync(a => a.Action == Audit.AuditActions.OutboxRetried));
        Assert.Equal($"outbox:{id}", audit.Subject);
        Assert.Empty(await H.DbAsync(db => admin.RetryAsync(db, [id], "cli")));
    }

    [Fact]
    public async Task An_outcome_that_could_not_be_saved_under_a_write_lock_is_saved_before_the_row_can_go_out_again()
    {
        var id = await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "Hallo Anna");
        SqliteConnection? writer = null;
        // Another writer takes the lock while the platform is answering, and holds it past the busy timeout.
        H.Channel.Answering = _ =>
        {
            if (writer is not null) return;
            writer = H.Database.Open();
            using var begin = writer.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;";
            begin.ExecuteNonQuery();
        };

        var pause = await H.DispatchAsync();
        Assert.True(pause > TimeSpan.Zero);
        Assert.Equal(OutboxStatus.Pending, (await H.OutboxRowAsync(id)).Status);
        H.Clock.Advance(pause);
        // Still locked: the save is tried again, nothing is sent.
        await H.DispatchAsync();
        Assert.Single(H.Channel.Sends);

        using (var rollback = writer!.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            rollback.ExecuteNonQuery();
        }
        writer.Dispose();
        H.Clock.Advance(TimeSpan.FromMinutes(1));
        await H.DispatchAsync();
        await H.DispatchAsync();

        var row = await H.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal("m-1", row.PlatformMessageId);
        Assert.Single(H.Channel.Sends);
    }

    [Fact]
    public async Task The_due_row_query_walks_the_channel_index_in_id_order_without_sorting_the_backlog()
    {
        for (var i = 0; i < 50; i++) await H.EnqueueAsync($"-200{i:D2}", ChatKind.Group, OutgoingMessage.Plain("Buurtschoonmaak"), i % 2 == 0 ? ChannelKind.Telegram : ChannelKind.Teams);
        var plan = await H.DbAsync(async db =>
        {
            await using var command = OutboxDispatcher.DueRows(db, ChannelKind.Telegram, H.Clock.GetUtcNow())
                .OrderBy(o => o.Id).Select(o => o.Id).Take(500).CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            await db.Database.OpenConnectionAsync();
            var steps = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
            return steps;
        });

        Assert.Contains(plan, step => step.Contains("IX_OutboxMessages_Channel_Status_Id (Channel=? AND Status=?)"));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE"));
        var due = await H.DbAsync(db => OutboxDispatcher.DueRows(db, ChannelKind.Telegram, H.Clock.GetUtcNow()).CountAsync());
        Assert.Equal(25, due);
        var later = await H.DbAsync(db => OutboxDispatcher.DueRows(db, ChannelKind.Telegram, H.Clock.GetUtcNow().AddMilliseconds(-1)).CountAsync());
        Assert.Equal(0, later);
    }
}
