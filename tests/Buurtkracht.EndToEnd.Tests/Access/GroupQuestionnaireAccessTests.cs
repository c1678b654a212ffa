using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.EndToEnd.Tests.Meldingen;
using Buurtkracht.EndToEnd.Tests.Telegram;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Access;

/// <summary>A questionnaire sent to a Telegram group, opened by its member, by people outside it and by a web visitor.</summary>
public sealed class GroupQuestionnaireAccessTests
{
    private const long Anna = 7301;
    private const long Bob = 7302;
    private const long Cees = 7303;
    private const long Group = -7300;
    private const string Refusal = "Jij zit niet in die groep";

    [Fact]
    public async Task Only_members_of_the_group_can_open_its_questionnaire_and_nothing_is_stored_for_the_others()
    {
        await using var bot = await TelegramBot.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Questionnaires:SweepInterval"] = "00:00:01",
            ["WebChat:Enabled"] = "true",
        });
        // Anna and Cees spoke in the group; Cees has left it since (the bot did not see that), Bob was never in it.
        bot.Send(GroupText(Group, Anna, "Goedemorgen buren"));
        bot.Send(GroupText(Group, Cees, "Hallo"));
        foreach (var person in new[] { Anna, Bob, Cees })
        {
            bot.Send(Command(person, person, "/start"));
            await bot.ReplyAsync(person, "Welkom");
        }
        bot.Telegram.SetChatMemberStatus(Group.ToString(), Bob.ToString(), "left");
        bot.Telegram.SetChatMemberStatus(Group.ToString(), Cees.ToString(), "kicked");
        int groupId;
        await using (var db = bot.Host.OpenDb()) groupId = await db.StreetGroups.Where(g => g.ChatId == Group.ToString()).Select(g => g.Id).SingleAsync();

        Assert.StartsWith("Send 1 planned", await AccessCli.OkAsync(bot.Host, "questionnaires", "send", "buurtpeiling", "--group", groupId.ToString()));
        await bot.ReplyAsync(Group, "Vragenlijst: Buurtpeiling");

        // The deep link and the Invullen button, by two people Telegram says are not in the group: a polite no.
        bot.Send(Command(Bob, Bob, "/start vl-1"));
        await bot.ReplyAsync(Bob, Refusal);
        bot.Send(CallbackQuery(Cees, Cees, "vl:1", messageId: 5));
        await bot.ReplyAsync(Cees, Refusal);
        Assert.Contains(bot.Telegram.CallsTo("getChatMember"), c => c.Text("user_id") == Bob.ToString() && c.ChatId == Group.ToString());

        // A web chat visitor typing the same deep link is on another channel altogether.
        var web = new WebChatClient(bot.Host.CreateClient(), "outsider");
        await MeldingEndToEndTests.SayUntilAsync(web, Refusal, text: "/start vl-1");

        // The member gets the first question.
        bot.Send(Command(Anna, Anna, "/start vl-1"));
        await bot.ReplyAsync(Anna, "Vraag 1 van 5");

        await using var check = bot.Host.OpenDb();
        var participants = await check.Set<QuestionnaireParticipation>().Join(check.Members, p => p.MemberId, m => m.Id, (p, m) => m)
            .Select(m => new { m.Channel, m.ChannelUserId }).ToListAsync();
        Assert.Equal([(ChannelKind.Telegram, Anna.ToString())], participants.Select(p => (p.Channel, p.ChannelUserId)));
        Assert.Empty(await check.Set<QuestionnaireResponse>().ToListAsync());
        Assert.Empty(await check.DialogStates.Where(d => d.UserId != Anna.ToString()).ToListAsync());
    }
}
