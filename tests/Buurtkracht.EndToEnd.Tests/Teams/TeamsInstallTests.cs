using System.Net;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TeamsActivities;

namespace Buurtkracht.EndToEnd.Tests.Teams;

/// <summary>Installing the bot as Teams does it: two activities for one install, often at the same moment.</summary>
public sealed class TeamsInstallTests
{
    private const string Anna = "29:anna";
    private const string Piet = "29:piet";

    [Fact]
    public async Task Both_install_activities_at_once_in_group_chats_are_handled_and_greet_once()
    {
        await using var bot = await TeamsBot.StartAsync();
        // Several chats at once, so the two activities of an install really race for the new conversation row.
        var groups = Enumerable.Range(1, 6).Select(n => $"19:straat-{n}@thread.v2").ToList();

        var responses = await Task.WhenAll(groups.SelectMany(g => new[]
        {
            bot.PostAsync(MembersAdded(bot.ServiceUrl, g, "groupChat", Anna, BotId, Piet)),
            bot.PostAsync(Installation(bot.ServiceUrl, g, "groupChat", Anna, "add")),
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await using var db = bot.Host.OpenDb();
        foreach (var group in groups)
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.ChatId == group));
        Assert.Equal(groups.Count, await db.Set<TeamsConversationReference>().CountAsync(r => r.ConversationType == "groupChat"));
        Assert.Equal(groups.Count, await db.StreetGroups.CountAsync(g => g.IsActive));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Installing_in_a_personal_chat_welcomes_once(bool atOnce)
    {
        await using var bot = await TeamsBot.StartAsync();
        var chats = Enumerable.Range(1, 4).Select(n => (User: $"29:user-{n}", Chat: $"a:personal-user-{n}")).ToList();

        foreach (var (user, chat) in chats)
        {
            var update = MembersAdded(bot.ServiceUrl, chat, "personal", user, BotId);
            var install = Installation(bot.ServiceUrl, chat, "personal", user, "add");
            if (atOnce)
                Assert.All(await Task.WhenAll(bot.PostAsync(update), bot.PostAsync(install)), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            else
            {
                await bot.SendAsync(install);
                await bot.SendAsync(update);
            }
        }

        await using var db = bot.Host.OpenDb();
        foreach (var (_, chat) in chats)
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.ChatId == chat));
        await bot.ReplyAsync(chats[0].Chat, "Hoi Anna!");
    }

    [Fact]
    public async Task After_a_removal_a_new_install_welcomes_again()
    {
        await using var bot = await TeamsBot.StartAsync();
        const string chat = "a:personal-anna";
        await bot.SendAsync(Installation(bot.ServiceUrl, chat, "personal", Anna, "add"));
        await bot.SendAsync(MembersAdded(bot.ServiceUrl, chat, "personal", Anna, BotId));
        await bot.SendAsync(Installation(bot.ServiceUrl, chat, "personal", Anna, "remove"));

        await bot.SendAsync(Installation(bot.ServiceUrl, chat, "personal", Anna, "add"));
        await bot.SendAsync(MembersAdded(bot.ServiceUrl, chat, "personal", Anna, BotId));

        await using var db = bot.Host.OpenDb();
        Assert.Equal(2, await db.OutboxMessages.CountAsync(m => m.ChatId == chat));
    }

    [Fact]
    public async Task A_member_first_seen_in_a_group_gets_their_personal_chat_recorded_when_they_open_it()
    {
        await using var bot = await TeamsBot.StartAsync();
        const string group = "19:kerkstraat@thread.v2";
        const string personal = "a:personal-piet";
        await bot.SendAsync(MembersAdded(bot.ServiceUrl, group, "groupChat", Anna, BotId, Piet));
        await bot.SendAsync(Message(bot.ServiceUrl, group, "groupChat", Piet, "<at>Buurtkracht</at> /help", "Piet Bakker"));

        await bot.SendAsync(Message(bot.ServiceUrl, personal, "personal", Piet, "/help", "Piet Bakker"));
        await bot.ReplyAsync(personal, "Dit kan ik voor je doen");

        await using (var db = bot.Host.OpenDb())
        {
            var user = await db.Set<TeamsUserReference>().SingleAsync(u => u.UserId == Piet);
            Assert.Equal(personal, user.PersonalConversationId);
            // A reminder addressed to Piet's user id goes to the chat he opened; no new conversation is made.
            Outbox.Enqueue(db, new ChatAddress(ChannelKind.Teams, Piet), ChatKind.Private,
                OutgoingMessage.Plain("Herinnering: morgen is de buurtbarbecue."), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        await bot.ReplyAsync(personal, "Herinnering: morgen is de buurtbarbecue.");
        Assert.DoesNotContain(bot.Connector.Calls, c => c.Path == "/v3/conversations");
    }
}
