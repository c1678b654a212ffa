using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Tests;

/// <summary>
/// Issue 18: a round's cost must not grow with the backlog. A full bot-wide window means no rows are read, a channel with
/// a few free slots reads a few rows, and a queue whose front is held back by per-chat limits is paged through so the
/// chats behind it still go out; an idle dispatcher on SQLite looks for commits with PRAGMA data_version.
/// </summary>
public sealed class OutboxBacklogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private static Task<CoreHarness> StartAsync(int perSecond, int perChatIn10s) => CoreHarness.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Outbox:RateLimits:Telegram:0:Scope"] = "Channel",
        ["Outbox:RateLimits:Telegram:0:Limit"] = perSecond.ToString(),
        ["Outbox:RateLimits:Telegram:0:Window"] = "00:00:01",
        ["Outbox:RateLimits:Telegram:1:Scope"] = "Chat",
        ["Outbox:RateLimits:Telegram:1:Limit"] = perChatIn10s.ToString(),
        ["Outbox:RateLimits:Telegram:1:Window"] = "00:00:10",
    });

    [Fact]
    public void Channel_capacity_counts_the_free_bot_wide_slots_and_the_wait_for_the_next()
    {
        var limiter = new RateLimiter(new Dictionary<ChannelKind, IReadOnlyList<RateLimitRule>>
        {
            [ChannelKind.Telegram] = [RateLimitRule.Of(RateScope.Channel, 3, TimeSpan.FromSeconds(1)), RateLimitRule.Of(RateScope.Chat, 1, TimeSpan.FromSeconds(1))],
            [ChannelKind.WebChat] = [],
        });
        Assert.Equal((3, TimeSpan.Zero), limiter.ChannelCapacity(ChannelKind.Telegram, T0));

        limiter.TryAcquire(new ChatAddress(ChannelKind.Telegram, "a"), ChatKind.Private, T0);
        limiter.TryAcquire(new ChatAddress(ChannelKind.Telegram, "b"), ChatKind.Private, T0.AddMilliseconds(100));
        Assert.Equal((1, TimeSpan.Zero), limiter.ChannelCapacity(ChannelKind.Telegram, T0.AddMilliseconds(200)));
        limiter.TryAcquire(new ChatAddress(ChannelKind.Telegram, "c"), ChatKind.Private, T0.AddMilliseconds(200));

        Assert.Equal((0, TimeSpan.FromMilliseconds(700)), limiter.ChannelCapacity(ChannelKind.Telegram, T0.AddMilliseconds(300)));
        Assert.Equal((1, TimeSpan.Zero), limiter.ChannelCapacity(ChannelKind.Telegram, T0.AddSeconds(1)));
        Assert.Equal((int.MaxValue, TimeSpan.Zero), limiter.ChannelCapacity(ChannelKind.WebChat, T0));

        limiter.PauseChannel(ChannelKind.Telegram, T0.AddSeconds(5));
        Assert.Equal((0, TimeSpan.FromSeconds(3)), limiter.ChannelCapacity(ChannelKind.Telegram, T0.AddSeconds(2)));
    }

    [Fact]
    public async Task A_chat_held_back_at_the_front_of_a_long_queue_does_not_hold_back_the_chats_behind_it()
    {
        // Two a second for the bot, one per 10 s per chat: the first page (16 rows) is all one chat's backlog.
        await using var h = await StartAsync(perSecond: 2, perChatIn10s: 1);
        for (var i = 1; i <= 40; i++) await h.EnqueueAsync("-100777", ChatKind.Group, $"bericht {i}");
        await h.EnqueueAsync(Anna.UserId, ChatKind.Private, "voor Anna");

        Assert.Equal(TimeSpan.Zero, await h.DispatchAsync());

        Assert.Equal(["bericht 1", "voor Anna"], h.Channel.Sends.Select(s => s.Message.Text));
    }

    [Fact]
    public async Task A_full_bot_wide_window_sends_nothing_more_and_says_when_the_next_slot_frees()
    {
        await using var h = await StartAsync(perSecond: 2, perChatIn10s: 5);
        for (var i = 1; i <= 5; i++) await h.EnqueueAsync($"{1000 + i}", ChatKind.Private, $"bericht {i}");

        Assert.Equal(TimeSpan.Zero, await h.DispatchAsync());
        Assert.Equal(2, h.Channel.Sends.Count);
        h.Clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(TimeSpan.FromMilliseconds(600), await h.DispatchAsync());
        Assert.Equal(2, h.Channel.Sends.Count);

        h.Clock.Advance(TimeSpan.FromMilliseconds(600));
        await h.DispatchAsync();
        // Oldest first, one per free slot, in the order they were written.
        Assert.Equal(["bericht 1", "bericht 2", "bericht 3", "bericht 4"], h.Channel.Sends.Select(s => s.Message.Text));
    }

    [Fact]
    public async Task A_next_page_of_due_rows_goes_on_along_the_channel_index()
    {
        await using var h = await CoreHarness.StartAsync();
        for (var i = 0; i < 30; i++) await h.EnqueueAsync($"-300{i:D2}", ChatKind.Group, "Buurtschoonmaak");
        var plan = await h.DbAsync(async db =>
        {
            await using var command = OutboxDispatcher.DueRows(db, ChannelKind.Telegram, h.Clock.GetUtcNow(), afterId: 10)
                .OrderBy(o => o.Id).Select(o => o.Id).Take(16).CreateDbCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            await db.Database.OpenConnectionAsync();
            var steps = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
            return steps;
        });

        Assert.Contains(plan, step => step.Contains("IX_OutboxMessages_Channel_Status_Id (Channel=? AND Status=? AND Id>?)"));
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE"));
        var page = await h.DbAsync(db => OutboxDispatcher.DueRows(db, ChannelKind.Telegram, h.Clock.GetUtcNow(), afterId: 10)
            .OrderBy(o => o.Id).Select(o => o.Id).Take(5).ToListAsync());
        Assert.Equal([11L, 12, 13, 14, 15], page);
    }

    [Fact]
    public async Task The_data_version_changes_with_every_commit_of_another_connection_and_only_then()
    {
        await using var h = await CoreHarness.StartAsync();
        using var version = new SqliteDataVersion(h.Database.ConnectionString);
        var before = version.Read();
        Assert.NotNull(before);
        Assert.Equal(before, version.Read());

        await h.EnqueueAsync(Anna.UserId, ChatKind.Private, "Hallo");

        var after = version.Read();
        Assert.NotEqual(before, after);
        Assert.Equal(after, version.Read());
    }
}
