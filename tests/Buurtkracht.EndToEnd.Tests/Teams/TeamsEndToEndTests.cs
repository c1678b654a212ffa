using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TeamsActivities;

namespace Buurtkracht.EndToEnd.Tests.Teams;

/// <summary>What a Teams user sees: the real service, activities in over /api/messages, replies out to the fake Connector.</summary>
public sealed class TeamsEndToEndTests
{
    private const string Anna = "29:anna";
    private const string Piet = "29:piet";
    private const string Group = "19:kerkstraat@thread.v2";
    private const string Personal = "a:personal-anna";

    [Fact]
    public async Task Installation_greets_and_the_installer_links_the_group_with_card_buttons()
    {
        await using var bot = await TeamsBot.StartAsync();

        await bot.SendAsync(MembersAdded(bot.ServiceUrl, Group, "groupChat", Anna, BotId, Piet));
        // Teams also reports the install as installationUpdate; the group is greeted once.
        await bot.SendAsync(Installation(bot.ServiceUrl, Group, "groupChat", Anna, "add"));
        await bot.ReplyAsync(Group, "typ /koppel");

        await bot.SendAsync(Message(bot.ServiceUrl, Group, "groupChat", Piet, "<at>Buurtkracht</at> /koppel", "Piet Bakker"));
        await bot.ReplyAsync(Group, "Alleen een beheerder");

        await bot.SendAsync(Message(bot.ServiceUrl, Group, "groupChat", Anna, "<at>Buurtkracht</at> /koppel", "Anna de Vries"));
        var question = await bot.ReplyAsync(Group, "Bij welke buurt hoort deze groep?");
        Assert.Equal("application/vnd.microsoft.card.adaptive", question.Body["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Equal("1.5", question.Body["attachments"]![0]!["content"]!["version"]!.GetValue<string>());
        var schilders = Assert.Single(question.Buttons, b => b.Title == "Schildersbuurt");

        await bot.SendAsync(Submit(bot.ServiceUrl, Group, "groupChat", Anna, schilders.Choice));
        await bot.ReplyAsync(Group, "Welke straten horen bij deze groep?");

        await bot.SendAsync(Message(bot.ServiceUrl, Group, "groupChat", Anna, "<at>Buurtkracht</at> Pieter de Hooghstraat, Rembrandtstraat"));
        await bot.ReplyAsync(Group, "Gelukt! Deze groep is nu gekoppeld aan Schildersbuurt.");
        Assert.Single(bot.Connector.ActivitiesTo(Group), c => c.Text.Contains("typ /koppel"));

        await using var db = bot.Host.OpenDb();
        var group = await db.StreetGroups.Include(g => g.Buurt).SingleAsync();
        Assert.Equal(ChannelKind.Teams, group.Channel);
        Assert.Equal("Schildersbuurt", group.Buurt!.Name);
        Assert.Equal(["Pieter de Hooghstraat", "Rembrandtstraat"], group.Streets);
        var moderators = await db.RoleAssignments.Where(r => r.Role == Role.Moderator && r.GroupId == group.Id)
            .Select(r => r.Member!.ChannelUserId).ToListAsync();
        Assert.Equal([Anna], moderators);
        // Piet came in with the bot: he is a member too.
        var members = await db.GroupMemberships.Where(m => m.GroupId == group.Id && m.LeftAt == null).Select(m => m.Member!.ChannelUserId).ToListAsync();
        Assert.Contains(Piet, members);
    }

    [Fact]
    public async Task Start_and_help_in_a_personal_chat()
    {
        await using var bot = await TeamsBot.StartAsync();

        await bot.SendAsync(Message(bot.ServiceUrl, Personal, "personal", Anna, "/start", "Jan Jansen"));
        var welcome = await bot.ReplyAsync(Personal, "Hoi Jan!");
        Assert.Equal("markdown", welcome.Body["textFormat"]!.GetValue<string>());

        await bot.SendAsync(Message(bot.ServiceUrl, Personal, "personal", Anna, "/help", "Jan Jansen"));
        var help = await bot.ReplyAsync(Personal, "Dit kan ik voor je doen");
        Assert.Contains("/taal", help.Text);
        Assert.DoesNotContain("/koppel", help.Text);

        await using var db = bot.Host.OpenDb();
        var member = await db.Members.SingleAsync(m => m.ChannelUserId == Anna);
        Assert.Equal(Personal, member.PrivateChatId);
        // One client-credentials token served both replies: MSAL's cache keeps it until shortly before it expires.
        Assert.Equal(1, bot.Connector.TokenRequests);
    }

    [Fact]
    public async Task A_private_command_in_a_group_answers_with_a_teams_deep_link()
    {
        await using var bot = await TeamsBot.StartAsync();

        await bot.SendAsync(Message(bot.ServiceUrl, Group, "groupChat", Piet, "<at>Buurtkracht</at> /taal"));

        var pointer = await bot.ReplyAsync(Group, "https://teams.microsoft.com/l/chat/0/0?users=28:");
        Assert.Contains("message=%2Fstart%20taal", pointer.Text);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After()
    {
        await using var bot = await TeamsBot.StartAsync();
        bot.Connector.Fail(Personal, 429, times: 1, retryAfterSeconds: 1);

        await bot.SendAsync(Message(bot.ServiceUrl, Personal, "personal", Anna, "/help"));

        var delivered = await bot.Connector.WaitForCallAsync(c => c.ConversationId == Personal && c.Path.EndsWith("/activities"), TeamsBot.Patience);
        var refused = Assert.Single(bot.Connector.Calls, c => c.ConversationId == Personal && c.Path.EndsWith("-> 429"));
        Assert.True(delivered.At - refused.At >= TimeSpan.FromMilliseconds(900), $"retried after {delivered.At - refused.At}");
        Assert.Contains("Dit kan ik voor je doen", delivered.Text);
    }

    [Fact]
    public async Task An_edit_updates_the_sent_activity()
    {
        await using var bot = await TeamsBot.StartAsync();
        await bot.SendAsync(Message(bot.ServiceUrl, Group, "groupChat", Anna, "<at>Buurtkracht</at> hallo"));

        // An event announcement with live RSVP counts, as the events feature writes it.
        long announcementId;
        await using (var db = bot.Host.OpenDb())
        {
            var row = Outbox.Enqueue(db, new ChatAddress(ChannelKind.Teams, Group), ChatKind.Group, new OutgoingMessage
            {
                Text = "Buurtbarbecue zaterdag. 0 komen.",
                Choices = [[new Choice("Ik kom", "rsvp:1:yes")]],
            }, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            announcementId = row.Id;
        }
        var sent = await bot.ReplyAsync(Group, "0 komen");
        await using (var db = bot.Host.OpenDb())
        {
            var row = await bot.Host.SettledOutboxRowAsync(announcementId);
            Assert.Equal(OutboxStatus.Sent, row.Status);
            Outbox.Enqueue(db, new ChatAddress(ChannelKind.Teams, Group), ChatKind.Group, new OutgoingMessage
            {
                Text = "Buurtbarbecue zaterdag. 1 komt.",
                Choices = [[new Choice("Ik kom", "rsvp:1:yes")]],
                EditsOutboxId = announcementId,
            }, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            Assert.StartsWith("activity-", row.PlatformMessageId);
        }

        var edit = await bot.Connector.WaitForCallAsync(c => c.Method == "PUT", TeamsBot.Patience);
        Assert.Equal(Group, edit.ConversationId);
        Assert.Contains("1 komt", edit.Text);
        Assert.Equal(edit.ActivityId, edit.Body["id"]!.GetValue<string>());
        Assert.NotNull(sent);
    }

    [Fact]
    public async Task A_proactive_message_to_a_member_without_a_personal_chat_creates_one()
    {
        await using var bot = await TeamsBot.StartAsync();
        await bot.SendAsync(MembersAdded(bot.ServiceUrl, Group, "groupChat", Anna, BotId, Piet));

        // A reminder for Piet, who never opened a chat with the bot: addressed by his Teams user id.
        await using (var db = bot.Host.OpenDb())
        {
            Outbox.Enqueue(db, new ChatAddress(ChannelKind.Teams, Piet), ChatKind.Private,
                OutgoingMessage.Plain("Herinnering: morgen is de buurtbarbecue."), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var created = await bot.Connector.WaitForCallAsync(c => c.Path == "/v3/conversations", TeamsBot.Patience);
        Assert.Equal(Piet, created.Body["members"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(BotId, created.Body["bot"]!["id"]!.GetValue<string>());
        Assert.Equal(Tenant, created.Body["tenantId"]!.GetValue<string>());
        await bot.ReplyAsync("a:personal-" + Piet, "Herinnering: morgen is de buurtbarbecue.");
    }

    [Fact]
    public async Task Members_leaving_and_the_bot_being_removed_keep_the_group_current()
    {
        await using var bot = await TeamsBot.StartAsync();
        await bot.SendAsync(MembersAdded(bot.ServiceUrl, Group, "groupChat", Anna, BotId, Piet));
        await bot.SendAsync(MembersRemoved(bot.ServiceUrl, Group, "groupChat", Anna, Piet));
        await bot.SendAsync(Installation(bot.ServiceUrl, Group, "groupChat", Anna, "remove"));

        await using var db = bot.Host.OpenDb();
        var group = await db.StreetGroups.SingleAsync();
        Assert.False(group.IsActive);
        var piet = await db.GroupMemberships.Where(m => m.GroupId == group.Id && m.Member!.ChannelUserId == Piet).SingleAsync();
        Assert.NotNull(piet.LeftAt);
    }
}
