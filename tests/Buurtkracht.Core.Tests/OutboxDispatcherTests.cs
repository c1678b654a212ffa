using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests;

public sealed class OutboxDispatcherTests : HarnessTests
{
    protected override Task<CoreHarness> StartAsync() => CoreHarness.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Outbox:FirstRetryDelay"] = "00:00:02",
        ["Outbox:MaxRetryDelay"] = "00:00:10",
    });

    private IEnumerable<string> SentTexts(string chatId) => H.Channel.Sends.Where(s => s.ChatId == chatId).Select(s => s.Message.Text);

    /// <summary>Moves the clock to the row's next attempt, as the dispatcher's own wait would.</summary>
    private async Task AdvanceToNextAttemptAsync(long id)
    {
        var row = await H.OutboxRowAsync(id);
        H.Clock.SetUtcNow(row.NextAttemptAt);
    }

    [Fact]
    public async Task A_sent_row_is_marked_sent_with_the_platform_message_id()
    {
        var id = await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "Hallo Anna");

        Assert.Equal(TimeSpan.Zero, await H.DispatchAsync());

        var row = await H.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal("m-1", row.PlatformMessageId);
        Assert.Equal(H.Clock.GetUtcNow(), row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(["Hallo Anna"], SentTexts(Anna.UserId));
    }

    [Fact]
    public async Task Messages_to_one_chat_go_out_in_order_one_per_round_while_other_chats_go_alongside()
    {
        foreach (var text in new[] { "een", "twee", "drie" }) await H.EnqueueAsync(Anna.UserId, ChatKind.Private, text);
        await H.EnqueueAsync(Bram.UserId, ChatKind.Private, "voor Bram");

        await H.DispatchAsync();
        Assert.Equal(["een"], SentTexts(Anna.UserId));
        Assert.Equal(["voor Bram"], SentTexts(Bram.UserId));

        await H.DispatchAsync();
        await H.DispatchAsync();
        Assert.Equal(["een", "twee", "drie"], SentTexts(Anna.UserId));
    }

    [Fact]
    public async Task A_message_waiting_for_a_retry_is_not_overtaken_by_a_later_one_to_the_same_chat()
    {
        H.Channel.Then(new SendResult.Transient("502"));
        var first = await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "vraag");
        await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "toelichting");

        await H.DispatchAsync();
        await H.DispatchAsync();
        Assert.Equal(["vraag"], SentTexts(Anna.UserId));

        await AdvanceToNextAttemptAsync(first);
        await H.DispatchAsync();
        await H.DispatchAsync();
        Assert.Equal(["vraag", "vraag", "toelichting"], SentTexts(Anna.UserId));
    }

    [Fact]
    public async Task Retry_after_is_honoured_and_the_message_is_sent_once_the_delay_has_passed()
    {
        H.Channel.Then(new SendResult.RetryAfter(TimeSpan.FromSeconds(30), "429"));
        var id = await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "Hallo");

        await H.DispatchAsync();
        var waiting = await H.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Equal(H.Clock.GetUtcNow() + TimeSpan.FromSeconds(30), waiting.NextAttemptAt);
        Assert.Equal("429", waiting.LastError);

        H.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(TimeSpan.FromSeconds(1), await H.DispatchAsync());
        Assert.Single(H.Channel.Sends);

        H.Clock.Advance(TimeSpan.FromSeconds(1));
        await H.DispatchAsync();
        Assert.Equal(2, H.Channel.Sends.Count);
        Assert.Equal(OutboxStatus.Sent, (await H.OutboxRowAsync(id)).Status);
    }

    [Fact]
    public async Task Retry_after_holds_back_newer_messages_to_the_same_chat_too()
    {
        H.Channel.Then(new SendResult.RetryAfter(TimeSpan.FromSeconds(30), "429"));
        await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "een");
        await H.DispatchAsync();
        await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "twee");

        Assert.Equal(TimeSpan.FromSeconds(1), await H.DispatchAsync());
        Assert.Equal(["een"], SentTexts(Anna.UserId));
    }

    [Fact]
    public async Task Transient_failures_back_off_exponentially_with_jitter()
    {
        H.Channel.Then(new SendResult.Transient("503"), new SendResult.Transient("503"), new SendResult.Transient("timeout"));
        var id = await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "Hallo");
        var start = H.Clock.GetUtcNow();

        await H.DispatchAsync();
        var first = await H.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Pending, first.Status);
        // Full jitter in the upper half: attempt 1 waits 1 to 2 s, attempt 2 waits 2 to 4 s.
        Assert.InRange(first.NextAttemptAt - start, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        await H.DispatchAsync();
        Assert.Single(H.Channel.Sends);

        await AdvanceToNextAttemptAsync(id);
        var secondAt = H.Clock.GetUtcNow();
        await H.DispatchAsync();
        var second = await H.OutboxRowAsync(id);
        Assert.Equal(2, second.Attempts);
        Assert.InRange(second.NextAttemptAt - secondAt, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task An_unreadable_payload_is_retried_on_its_own_row_and_other_chats_still_get_theirs()
    {
        var broken = await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "wordt kapot");
        await H.DbAsync(db => db.OutboxMessages.Where(o => o.Id == broken).ExecuteUpdateAsync(s => s.SetProperty(o => o.PayloadJson, "null")));
        var fine = await H.EnqueueAsync(Bram.UserId, ChatKind.Private, "gewoon");

        await H.DispatchAsync();

        var row = await H.OutboxRowAsync(broken);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(nameof(InvalidDataException), row.LastError);
        Assert.Equal(OutboxStatus.Sent, (await H.OutboxRowAsync(fine)).Status);
    }

    [Fact]
    public async Task A_throwing_channel_counts_as_a_transient_failure()
    {
        H.Channel.ThrowOnSend = new HttpRequestException("connection reset");
        var id = await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "Hallo");

        await H.DispatchAsync();

        var row = await H.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(nameof(HttpRequestException), row.LastError);
        Assert.True(row.NextAttemptAt > H.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Unreachable_group_marks_its_pending_rows_unreachable_and_the_group_inactive()
    {
        await H.GroupAsync(Anna, new BotAddedContent());
        await H.EnqueueAsync(GroupChatId, ChatKind.Group, "tweede");
        await H.EnqueueAsync(GroupChatId, ChatKind.Group, "derde");
        var elsewhere = await H.EnqueueAsync(OtherGroupChatId, ChatKind.Group, "andere groep");
        H.Channel.Then(new SendResult.Unreachable("403 bot was kicked"));

        await H.DispatchAsync();

        var rows = await H.OutboxAsync(GroupChatId);
        Assert.All(rows, row => Assert.Equal(OutboxStatus.Unreachable, row.Status));
        Assert.All(rows, row => Assert.Equal("403 bot was kicked", row.LastError));
        Assert.Equal(OutboxStatus.Sent, (await H.OutboxRowAsync(elsewhere)).Status);
        var group = await H.DbAsync(db => db.StreetGroups.SingleAsync(g => g.ChatId == GroupChatId));
        Assert.False(group.IsActive);
        Assert.Equal(H.Clock.GetUtcNow(), group.DeactivatedAt);

        await H.DispatchAsync();
        Assert.Equal(2, H.Channel.Sends.Count);
    }

    [Fact]
    public async Task Unreachable_private_chat_marks_the_member_and_writing_again_clears_it()
    {
        await H.PrivateAsync(Anna, "/start");
        await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "herinnering");
        H.Channel.Then(new SendResult.Unreachable("403 blocked"));

        await H.DispatchAsync();

        Assert.All(await H.OutboxAsync(Anna.UserId), row => Assert.Equal(OutboxStatus.Unreachable, row.Status));
        Assert.True(await H.DbAsync(db => db.Members.Select(m => m.PrivateChatUnreachable).SingleAsync()));
    }

    [Fact]
    public async Task A_rejected_message_fails_without_retry_and_the_chat_goes_on()
    {
        H.Channel.Then(new SendResult.Rejected("400 message is too long"));
        var rejected = await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "te lang");
        var next = await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "volgende");

        await H.DispatchAsync();
        await H.DispatchAsync();
        H.Clock.Advance(TimeSpan.FromHours(1));
        await H.DispatchAsync();

        var row = await H.OutboxRowAsync(rejected);
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal(OutboxStatus.Sent, (await H.OutboxRowAsync(next)).Status);
        Assert.Equal(["te lang", "volgende"], SentTexts(Anna.UserId));
    }

    [Fact]
    public async Task An_edit_passes_the_platform_message_id_of_the_original()
    {
        var original = await H.EnqueueAsync(GroupChatId, ChatKind.Group, "Wie komt er? 3 ja");
        await H.DispatchAsync();
        await H.EnqueueAsync(GroupChatId, ChatKind.Group, new OutgoingMessage { Text = "Wie komt er? 4 ja", EditsOutboxId = original });

        await H.DispatchAsync();

        var edit = H.Channel.Sends[^1];
        Assert.Equal("Wie komt er? 4 ja", edit.Message.Text);
        Assert.Equal((await H.OutboxRowAsync(original)).PlatformMessageId, edit.EditPlatformMessageId);
        Assert.NotNull(edit.EditPlatformMessageId);
    }

    [Fact]
    public async Task An_edit_of_a_message_that_never_got_out_is_sent_as_a_new_message()
    {
        H.Channel.Then(new SendResult.Rejected("400"));
        var original = await H.EnqueueAsync(GroupChatId, ChatKind.Group, "origineel");
        await H.DispatchAsync();
        await H.EnqueueAsync(GroupChatId, ChatKind.Group, new OutgoingMessage { Text = "bijgewerkt", EditsOutboxId = original });

        await H.DispatchAsync();

        Assert.Null(H.Channel.Sends[^1].EditPlatformMessageId);
    }

    [Fact]
    public async Task Nothing_due_returns_the_time_until_the_next_row_capped_at_the_poll_interval()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), await H.DispatchAsync());

        H.Channel.Then(new SendResult.RetryAfter(TimeSpan.FromMilliseconds(300), "429"));
        await H.EnqueueAsync(Anna.UserId, ChatKind.Private, "x");
        await H.DispatchAsync();

        Assert.Equal(TimeSpan.FromMilliseconds(300), await H.DispatchAsync());
    }
}

public sealed class OutboxDispatcherChannelTests
{
    [Fact]
    public async Task Rows_for_a_channel_that_is_not_configured_stay_pending()
    {
        await using var h = await CoreHarness.StartAsync(registerChannel: false);
        var id = await h.EnqueueAsync(Anna.UserId, ChatKind.Private, OutgoingMessage.Plain("Hallo"), ChannelKind.Teams);

        await h.DispatchAsync();
        h.Clock.Advance(TimeSpan.FromHours(1));
        await h.DispatchAsync();

        var row = await h.OutboxRowAsync(id);
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Equal(0, row.Attempts);
    }

    [Fact]
    public async Task Telegram_default_limits_hold_a_group_to_three_messages_in_three_seconds()
    {
        await using var h = await CoreHarness.StartAsync();
        for (var i = 1; i <= 4; i++) await h.EnqueueAsync(GroupChatId, ChatKind.Group, $"bericht {i}");

        for (var round = 0; round < 3; round++) Assert.Equal(TimeSpan.Zero, await h.DispatchAsync());
        Assert.Equal(TimeSpan.FromSeconds(1), await h.DispatchAsync());
        Assert.Equal(3, h.Channel.Sends.Count);

        h.Clock.Advance(TimeSpan.FromSeconds(3));
        await h.DispatchAsync();
        Assert.Equal(4, h.Channel.Sends.Count);
    }

    [Fact]
    public async Task Web_chat_has_no_limits()
    {
        await using var h = await CoreHarness.StartAsync(channel: ChannelKind.WebChat);
        for (var i = 1; i <= 10; i++) await h.EnqueueAsync("web-1", ChatKind.Private, $"bericht {i}");

        for (var round = 0; round < 10; round++) await h.DispatchAsync();

        Assert.Equal(10, h.Channel.Sends.Count);
    }

    [Fact]
    public async Task A_broadcast_never_exceeds_the_platform_window_counted_at_arrival_however_the_latency_varies()
    {
        await using var h = await CoreHarness.StartAsync();
        // Worst case for the limiter: the platform counts each message only as it answers, after a latency that varies.
        int[] latencyMs = [3, 41, 7, 19, 1, 33, 11];
        var arrivals = new List<DateTimeOffset>();
        h.Channel.Answering = _ =>
        {
            h.Clock.Advance(TimeSpan.FromMilliseconds(latencyMs[arrivals.Count % latencyMs.Length]));
            arrivals.Add(h.Clock.GetUtcNow());
        };
        for (var i = 0; i < 100; i++) await h.EnqueueAsync($"-100{i:D3}", ChatKind.Group, "Buurtschoonmaak zaterdag");

        // The dispatcher's own loop: a round, and when it says so, wait for the limiter.
        for (var round = 0; round < 1000 && h.Channel.Sends.Count < 100; round++)
            if (await h.DispatchAsync() is var wait && wait > TimeSpan.Zero) h.Clock.Advance(wait);

        Assert.Equal(100, h.Channel.Sends.Select(s => s.ChatId).Distinct().Count());
        Assert.Equal(100, h.Channel.Sends.Count);
        // Counted the way Telegram does: at most 30 in any window (t - 1 s, t].
        var busiest = arrivals.Select(t => arrivals.Count(a => a > t - TimeSpan.FromSeconds(1) && a <= t)).Max();
        Assert.InRange(busiest, 1, 30);
        // The price of safety is the latency, not a fixed margin: 4 bursts a second apart plus the requests' own time.
        Assert.True(arrivals[^1] - arrivals[0] < TimeSpan.FromSeconds(3) + TimeSpan.FromMilliseconds(latencyMs.Sum() * 100 / latencyMs.Length),
            $"last message after {arrivals[^1] - arrivals[0]}");
    }

    [Fact]
    public async Task A_backlog_on_one_channel_does_not_hide_due_messages_of_another()
    {
        var teams = new FakeChannel(ChannelKind.Teams);
        await using var h = await CoreHarness.StartAsync(s => s.AddSingleton<IChannel>(teams),
            new Dictionary<string, string?> { ["Outbox:BatchSize"] = "5" });
        // Ten messages to one Telegram group fill any shared batch of five, yet only one of them may go per round.
        for (var i = 1; i <= 10; i++) await h.EnqueueAsync(GroupChatId, ChatKind.Group, $"bericht {i}");
        await h.EnqueueAsync("19:teams-group@thread.v2", ChatKind.Group, OutgoingMessage.Plain("Voor Teams"), ChannelKind.Teams);

        await h.DispatchAsync();

        Assert.Single(h.Channel.Sends);
        Assert.Equal(["Voor Teams"], teams.Sends.Select(s => s.Message.Text));
    }
}
