using Buurtkracht.Core.Messaging;
using Buurtkracht.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Telegram.Tests;

public sealed class TelegramPollingServiceTests : FakeTelegramTest
{
    private RecordingInboundHandler Handler => Services.Handler;

    [Fact]
    public async Task Updates_are_handled_in_order_and_the_offset_moves_past_them()
    {
        var first = Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "een"));
        Server.EnqueueUpdate(TelegramUpdates.GroupText(-100777, 4242, "twee"));
        var last = Server.EnqueueUpdate(TelegramUpdates.Command(4242, 4242, "/help"));

        await Services.StartAsync();
        var received = await Handler.WaitForCountAsync(3, Wait);
        await Server.WaitForCallAsync(call => call.Method == "getUpdates" && call.Text("offset") == $"{last + 1}", Wait);

        Assert.Equal([$"tg:{first}", $"tg:{first + 1}", $"tg:{last}"], received.Select(m => m.UpdateId));
        Assert.Equal(new TextContent("een"), received[0].Content);
        Assert.Equal(new CommandContent("help", ""), received[2].Content);
        Assert.Equal(0, Server.PendingUpdateCount);
        var polls = Server.CallsTo("getUpdates");
        Assert.Null(polls[0].Parameters["offset"]);
        Assert.Equal("5", polls[0].Text("timeout"));
        Assert.Contains("chat_member", polls[0].Text("allowed_updates"));
    }

    [Fact]
    public async Task Polling_starts_after_the_webhook_is_deleted()
    {
        await Services.StartAsync();
        await Server.WaitForCallAsync("getUpdates", Wait);

        var methods = Server.Calls.Select(call => call.Method).ToList();
        Assert.True(methods.IndexOf("deleteWebhook") < methods.IndexOf("getUpdates"), string.Join(", ", methods));
    }

    [Fact]
    public async Task A_pressed_button_is_handled_then_answered()
    {
        Server.EnqueueUpdate(TelegramUpdates.CallbackQuery(-100777, 4242, "rsvp:yes", queryId: "q-77"));

        await Services.StartAsync();
        var answer = await Server.WaitForCallAsync("answerCallbackQuery", Wait);

        Assert.Equal("q-77", answer.Text("callback_query_id"));
        Assert.Null(answer.Parameters["text"]);
        Assert.Equal(new ChoiceContent("rsvp:yes"), Assert.Single(Handler.Received).Content);
    }

    [Fact]
    public async Task An_update_not_yet_confirmed_at_a_restart_is_handed_over_again()
    {
        var id = Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "nog eens"));
        var stopped = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        var polling = Services.Services.GetServices<IHostedService>().OfType<BackgroundService>().Single(s => s is not TelegramStartup);
        // The process stops while the update is being handled, before the next getUpdates confirms it.
        Handler.OnHandle = _ => stopped.TrySetResult(polling.StopAsync(CancellationToken.None));

        await Services.StartAsync();
        await await stopped.Task.WaitAsync(Wait);
        Handler.OnHandle = null;
        Assert.Equal(1, Server.PendingUpdateCount);

        await using var restarted = new TelegramTestServices(Server);
        restarted.Handler.Respond = _ => InboundOutcome.Duplicate;
        await restarted.StartAsync();
        var again = await restarted.Handler.WaitForCountAsync(1, Wait);

        Assert.Equal($"tg:{id}", Assert.Single(Handler.Received).UpdateId);
        Assert.Equal($"tg:{id}", again[0].UpdateId);
    }

    [Fact]
    public async Task A_failed_update_is_retried_with_backoff_until_it_goes_through()
    {
        var failuresLeft = 2;
        Handler.Respond = _ => Interlocked.Decrement(ref failuresLeft) >= 0 ? InboundOutcome.Failed : InboundOutcome.Processed;
        var id = Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "probeer"));
        Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "volgende"));

        await Services.StartAsync();
        var received = await Handler.WaitForCountAsync(4, Wait);

        Assert.Equal([$"tg:{id}", $"tg:{id}", $"tg:{id}", $"tg:{id + 1}"], received.Select(m => m.UpdateId));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], Services.Time.Delays.Take(2));
    }

    [Fact]
    public async Task An_update_that_keeps_failing_is_skipped_with_a_warning()
    {
        Handler.Respond = message => message.Content is TextContent { Text: "stuk" } ? InboundOutcome.Failed : InboundOutcome.Processed;
        var id = Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "stuk"));
        Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "heel"));

        await Services.StartAsync();
        var received = await Handler.WaitForCountAsync(TelegramPollingService.HandleAttempts + 1, Wait);

        Assert.Equal(TelegramPollingService.HandleAttempts, received.Count(m => m.UpdateId == $"tg:{id}"));
        Assert.Equal($"tg:{id + 1}", received[^1].UpdateId);
        Assert.Contains(Services.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains($"update {id} still failed"));
    }

    [Fact]
    public async Task An_engine_that_throws_counts_as_failed_and_polling_goes_on()
    {
        var calls = 0;
        Handler.Respond = _ => Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("database away") : InboundOutcome.Processed;
        var id = Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "hallo"));

        await Services.StartAsync();
        var received = await Handler.WaitForCountAsync(2, Wait);

        Assert.All(received, m => Assert.Equal($"tg:{id}", m.UpdateId));
    }

    [Fact]
    public async Task Server_errors_from_getUpdates_back_off_exponentially_and_polling_recovers()
    {
        Server.ServerError("getUpdates", times: 3);
        var id = Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "na de storing"));

        await Services.StartAsync();
        var received = await Handler.WaitForCountAsync(1, Wait);

        Assert.Equal($"tg:{id}", received[0].UpdateId);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], Services.Time.Delays);
        Assert.Equal(3, Services.Logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("getUpdates failed")));
    }

    [Fact]
    public void The_backoff_is_capped()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Exponential(12, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Exponential(int.MaxValue, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_409_conflict_logs_a_clear_warning()
    {
        Server.Fail("getUpdates", 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", times: 1);
        Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "hallo"));

        await Services.StartAsync();
        await Handler.WaitForCountAsync(1, Wait);

        Assert.Contains(Services.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("409 conflict"));
    }

    [Fact]
    public async Task An_update_that_does_not_parse_is_skipped()
    {
        Server.EnqueueUpdate("""{"update_id": 50, "message": {"message_id": "not a number", "chat": {"id": 1, "type": "private"}}}""");
        Server.EnqueueUpdate("""{"update_id": 51, "message": ["an", "array"], "surprise": true}""");
        var next = Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "daarna"));

        await Services.StartAsync();
        var received = await Handler.WaitForCountAsync(1, Wait);

        Assert.Equal($"tg:{next}", Assert.Single(received).UpdateId);
        Assert.Equal(2, Services.Logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("does not parse")));
    }

    [Fact]
    public async Task An_update_with_a_chat_member_status_the_library_does_not_know_is_skipped_and_the_batch_goes_on()
    {
        // Telegram.Bot reads a whole getUpdates answer at once and refuses an unknown member status: the adapter reads
        // each update on its own so one such update cannot stop the offset for good.
        Server.EnqueueUpdate("""
            {"update_id": 60, "my_chat_member": {"chat": {"id": -5, "type": "group", "title": "G"},
             "from": {"id": 1, "is_bot": false, "first_name": "A"}, "date": 1,
             "old_chat_member": {"status": "left", "user": {"id": 7000001, "is_bot": true, "first_name": "Bot"}},
             "new_chat_member": {"status": "status_telegram_invents_later", "user": {"id": 7000001, "is_bot": true, "first_name": "Bot"}}}}
            """);
        var next = Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "daarna"));

        await Services.StartAsync();
        var received = await Handler.WaitForCountAsync(1, Wait);
        await Server.WaitForCallAsync(call => call.Method == "getUpdates" && call.Text("offset") == $"{next + 1}", Wait);

        Assert.Equal($"tg:{next}", Assert.Single(received).UpdateId);
        Assert.Contains(Services.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("does not parse"));
    }

    [Fact]
    public async Task Neither_the_token_nor_message_texts_reach_the_logs()
    {
        Server.EnqueueUpdate(TelegramUpdates.PrivateText(4242, "Mijn adres is Dorpsstraat 12"));
        Server.ServerError("getUpdates", times: 1);

        await Services.StartAsync();
        await Handler.WaitForCountAsync(1, Wait);
        await Services.Get<TelegramChannel>().SendAsync("4242", OutgoingMessage.Plain("Dank je, Jan Jansen"), null, CancellationToken.None);

        var secret = Server.Token.Split(':')[1];
        Assert.DoesNotContain(Services.Logs.Entries, e => e.Message.Contains(secret));
        Assert.DoesNotContain(Services.Logs.Entries, e => e.Level > LogLevel.Debug
            && (e.Message.Contains("Dorpsstraat") || e.Message.Contains("Jansen")));
    }
}
