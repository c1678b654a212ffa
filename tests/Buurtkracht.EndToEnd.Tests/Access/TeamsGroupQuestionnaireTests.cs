using Buurtkracht.Core.Questionnaires;
using Buurtkracht.EndToEnd.Tests.Teams;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TeamsActivities;

namespace Buurtkracht.EndToEnd.Tests.Access;

/// <summary>A questionnaire sent to a Teams group chat: the conversation's roster (fake Bot Connector) decides who may answer.</summary>
public sealed class TeamsGroupQuestionnaireTests
{
    private const string Dewi = "29:dewi-roster";
    private const string Erik = "29:erik-roster";
    private const string Group = "19:roster@thread.v2";
    private const string DewiChat = "a:personal-dewi-roster";
    private const string ErikChat = "a:personal-erik-roster";

    [Fact]
    public async Task Only_someone_in_the_group_chats_roster_can_open_its_questionnaire()
    {
        await using var bot = await TeamsBot.StartAsync(new Dictionary<string, string?> { ["Questionnaires:SweepInterval"] = "00:00:01" });
        var url = bot.ServiceUrl;
        await bot.SendAsync(MembersAdded(url, Group, "groupChat", Dewi, BotId));
        await bot.ReplyAsync(Group, "typ /koppel");
        await bot.SendAsync(Message(url, DewiChat, "personal", Dewi, "/start", "Dewi"));
        await bot.ReplyAsync(DewiChat, "Hoi Dewi");
        await bot.SendAsync(Message(url, ErikChat, "personal", Erik, "/start", "Erik"));
        await bot.ReplyAsync(ErikChat, "Hoi Erik");
        bot.Connector.SetRoster(Group, Dewi);
        int groupId;
        await using (var db = bot.Host.OpenDb()) groupId = await db.StreetGroups.Where(g => g.ChatId == Group).Select(g => g.Id).SingleAsync();

        Assert.StartsWith("Send 1 planned", await AccessCli.OkAsync(bot.Host, "questionnaires", "send", "buurtpeiling", "--group", groupId.ToString()));
        await bot.Connector.MessageAsync(Group, "Vragenlijst: Buurtpeiling", TeamsBot.Patience);

        await bot.SendAsync(Message(url, ErikChat, "personal", Erik, "/start vl-1", "Erik"));
        await bot.ReplyAsync(ErikChat, "Jij zit niet in die groep");
        Assert.Contains(bot.Connector.Calls, c => c.Method == "GET" && c.ConversationId == Group && c.Path.EndsWith("/members/" + Erik));

        await bot.SendAsync(Message(url, DewiChat, "personal", Dewi, "/start vl-1", "Dewi"));
        await bot.ReplyAsync(DewiChat, "Vraag 1 van 5");

        await using var check = bot.Host.OpenDb();
        var participants = await check.Set<QuestionnaireParticipation>().Join(check.Members, p => p.MemberId, m => m.Id, (p, m) => m.ChannelUserId).ToListAsync();
        Assert.Equal([Dewi], participants);
        Assert.Empty(await check.Set<QuestionnaireResponse>().ToListAsync());
    }
}
