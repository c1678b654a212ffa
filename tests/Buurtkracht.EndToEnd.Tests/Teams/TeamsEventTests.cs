using Buurtkracht.Core.Events;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TeamsActivities;

namespace Buurtkracht.EndToEnd.Tests.Teams;

/// <summary>An event in a Teams group chat: announced as a card, an RSVP edits it in place, the reminder arrives proactively.</summary>
public sealed class TeamsEventTests
{
    private const string Anna = "29:anna-events";
    private const string Group = "19:souburgh@thread.v2";
    private const string AnnaChat = "a:personal-anna-events";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_event_is_announced_in_a_teams_group_an_RSVP_edits_it_and_the_reminder_arrives_privately()
    {
        var folder = BotHost.NewDataFolder();
        await using var bot = await TeamsBot.StartAsync(new Dictionary<string, string?>
        {
            ["Events:SweepInterval"] = "00:00:01",
            ["Events:QuietHoursStart"] = "00:00",
            ["Events:QuietHoursEnd"] = "00:00",
            ["Events:CalendarFolder"] = Path.Combine(folder, "agenda"),
        });
        var url = bot.ServiceUrl;

        // A group chat with the bot, linked to Souburgh; Anna has opened her personal chat.
        await bot.SendAsync(MembersAdded(url, Group, "groupChat", Anna, BotId));
        await bot.ReplyAsync(Group, "typ /koppel");
        await bot.SendAsync(Message(url, AnnaChat, "personal", Anna, "/start", "Anna de Vries"));
        await bot.ReplyAsync(AnnaChat, "Hoi Anna");
        await bot.Host.LinkGroupAsync(Group, "Souburgh");

        await ProgrammeImport.WorkshopStartingSoonAsync(bot.Host, folder);

        var announcement = await bot.Connector.MessageAsync(Group, "Nieuwe activiteit: Workshop vogelhuisjes", Patience);
        var come = Assert.Single(announcement.Buttons, b => b.Title == "Ik kom");

        await bot.SendAsync(Submit(url, Group, "groupChat", Anna, come.Choice));
        var edit = await bot.Connector.WaitForCallAsync(c => c.Method == "PUT" && c.ConversationId == Group, Patience);
        Assert.Contains("Ik kom: 1 · Misschien: 0 · Kan niet: 0", edit.Text);
        Assert.Equal(announcement.Path.Split('/').Length, edit.Path.Split('/').Length - 1);
        await bot.Connector.MessageAsync(AnnaChat, "Genoteerd", Patience);

        var reminder = await bot.Connector.MessageAsync(AnnaChat, "Herinnering: Workshop vogelhuisjes", Patience);
        Assert.Contains(reminder.Buttons, b => b.Title == "Zet in mijn agenda");
        await bot.Connector.MessageAsync(Group, "Herinnering: Workshop vogelhuisjes", Patience);

        await using (var db = bot.Host.OpenDb())
        {
            var notice = await db.EventNotices.SingleAsync(n => n.Kind == ScheduledNoticeKind.Reminder);
            Assert.Equal(ScheduledNoticeStatus.Sent, notice.Status);
        }
    }
}
