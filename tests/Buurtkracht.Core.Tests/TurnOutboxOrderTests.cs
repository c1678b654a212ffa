using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests;

/// <summary>
/// On SQLite a turn inserts its replies at once with the batch's prepared statement, while a row another entity points at
/// goes through EF and is inserted at SaveChanges: the rows must still come out in the order the turn wrote them.
/// </summary>
public sealed class TurnOutboxOrderTests : HarnessTests
{
    protected override Task<CoreHarness> StartAsync() => CoreHarness.StartAsync(services =>
        services.AddSingleton(new BotCommand("drie", new TextKey("Tests.Drie"), CommandScope.Anywhere, ctx =>
        {
            ctx.Reply(OutgoingMessage.Plain("een"));
            Outbox.EnqueueTracked(ctx.Db, ctx.Message.Chat, ctx.Message.ChatKind, OutgoingMessage.Plain("twee"), ctx.Now);
            ctx.Reply(OutgoingMessage.Plain("drie"));
            return Task.CompletedTask;
        })));

    [Fact]
    public async Task Replies_written_directly_and_through_EF_keep_the_order_of_the_turn()
    {
        await H.PrivateAsync(Anna, "/start");

        var turn = await H.SendAsync(H.Private(Anna, "/drie"));

        Assert.Equal(InboundOutcome.Processed, turn.Outcome);
        Assert.Equal(["een", "twee", "drie"], turn.Texts);
    }

    [Fact]
    public async Task Turns_of_one_batch_each_get_their_own_rows_in_order()
    {
        var messages = Enumerable.Range(0, 10).Select(i => H.Private(Anna, i % 2 == 0 ? "/start" : "/drie")).ToList();

        // Sent at once, so the writer loop takes several of them into one batch and one transaction.
        var outcomes = await Task.WhenAll(messages.Select(m => H.HandleAsync(m)));

        Assert.All(outcomes, o => Assert.Equal(InboundOutcome.Processed, o));
        var texts = await H.OutboxTextsAsync(messages[0].Chat.ChatId);
        Assert.Equal(5 + 5 * 3, texts.Count);
        foreach (var start in Enumerable.Range(0, texts.Count).Where(i => texts[i] == "een"))
            Assert.Equal(["een", "twee", "drie"], texts.Skip(start).Take(3));
        foreach (var message in messages) Assert.Equal(InboundOutcome.Duplicate, await H.HandleAsync(message));
    }
}
