using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Events;

/// <summary>
/// Issue 17.8: Ik kom / Misschien pressed in a group by someone the bot has no private chat with is answered with a
/// pop-up on the press itself (a second press too), never with a message in the group.
/// </summary>
public sealed class RsvpWithoutPrivateChatTests
{
    private const long Anna = 6201;
    private const long Bram = 6202;
    private const long Group = -100889;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_press_by_someone_without_a_private_chat_gets_a_pop_up_that_it_counted_and_how_to_get_reminders_every_time()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var folder = BotHost.NewDataFolder();
        await using var host = EventsTelegramTests.Host(telegram, folder);
        await host.StartAsync();
        // Anna has a private chat (and her /start, handled after her group message, says the group is known); Bram has none.
        telegram.EnqueueUpdate(GroupText(Group, Anna, "Goedemorgen buren"));
        telegram.EnqueueUpdate(Command(Anna, Anna, "/start"));
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Anna.ToString(), Patience);
        await host.LinkGroupAsync(Group.ToString(), "Souburgh");
        await ProgrammeImport.WorkshopStartingSoonAsync(host, folder);
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Group.ToString()
            && (c.Text("text") ?? "").Contains("Nieuwe activiteit: Workshop vogelhuisjes"), Patience);
        int occurrence;
        await using (var db = host.OpenDb()) occurrence = await db.EventOccurrences.Select(o => o.Id).SingleAsync();
        var groupMessagesBefore = telegram.CallsTo("sendMessage").Count(c => c.ChatId == Group.ToString());

        telegram.EnqueueUpdate(CallbackQuery(Group, Bram, $"rsvp:{occurrence}:c", messageId: 7, queryId: "press-1"));
        var first = await telegram.WaitForCallAsync(c => c.Method == "answerCallbackQuery" && c.Text("callback_query_id") == "press-1", Patience);
        telegram.EnqueueUpdate(CallbackQuery(Group, Bram, $"rsvp:{occurrence}:c", messageId: 7, queryId: "press-2"));
        var second = await telegram.WaitForCallAsync(c => c.Method == "answerCallbackQuery" && c.Text("callback_query_id") == "press-2", Patience);
        telegram.EnqueueUpdate(CallbackQuery(Group, Bram, $"rsvp:{occurrence}:m", messageId: 7, queryId: "press-3"));
        var maybe = await telegram.WaitForCallAsync(c => c.Method == "answerCallbackQuery" && c.Text("callback_query_id") == "press-3", Patience);

        foreach (var answer in new[] { first, second })
        {
            Assert.Contains("Genoteerd: je komt naar Workshop vogelhuisjes", answer.Text("text"));
            Assert.Contains("herinnering", answer.Text("text"));
            Assert.Equal("true", answer.Text("show_alert"));
            Assert.True(answer.Text("text")!.Length <= 200);
        }
        Assert.Contains("je komt misschien", maybe.Text("text"));
        await telegram.WaitForCallAsync(c => c.Method == "editMessageText" && c.ChatId == Group.ToString()
            && (c.Text("text") ?? "").Contains("Ik kom: 0 · Misschien: 1"), Patience);
        Assert.Equal(groupMessagesBefore, telegram.CallsTo("sendMessage").Count(c => c.ChatId == Group.ToString()));
    }
}
