using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Core.Tests.Events.EventTestBed;

namespace Buurtkracht.Core.Tests.Questionnaires;

/// <summary>/peilingen (opting in per buurt for the buurtpeilingen) and the sends to a buurt's opted-in residents.</summary>
public sealed class QuestionnaireOptInTests
{
    private static Task<Dictionary<string, int>> BuurtIdsAsync(CoreHarness h) => h.DbAsync(db => db.Buurten.ToDictionaryAsync(b => b.Name, b => b.Id));

    private static Task<List<(string Member, int Buurt)>> OptInsAsync(CoreHarness h) => h.DbAsync(async db =>
        (await (from o in db.Set<QuestionnaireOptIn>() join m in db.Members on o.MemberId equals m.Id select new { m.ChannelUserId, o.BuurtId }).ToListAsync())
            .Select(x => (x.ChannelUserId, x.BuurtId)).Order().ToList());

    /// <summary>Opens /peilingen, presses "Aanmelden" for each buurt named, then Klaar.</summary>
    private static async Task OptInAsync(CoreHarness h, Sender who, params int[] buurten)
    {
        await h.PrivateAsync(who, "/peilingen");
        foreach (var buurt in buurten) await h.PressAsync(who, $"peiling:aan:{buurt}");
        await h.PressAsync(who, "peiling:klaar");
    }

    [Fact]
    public async Task Peilingen_signs_up_and_stops_per_buurt_with_buttons_and_answers_typed_text_and_stale_buttons_clearly()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12));
        await using var __ = h;
        var ids = await BuurtIdsAsync(h);
        var (souburgh, centrum) = (ids["Souburgh"], ids["Centrum"]);
        await h.PrivateAsync(People.Anna, "/start");

        var open = await h.PrivateAsync(People.Anna, "/peilingen");
        Assert.Equal(QuestionnaireTexts.OptInIntro.Nl, open.Texts[0]);
        Assert.Contains("Privacy:", open.Texts[0]);
        Assert.Contains("typ /peilingen en druk op Afmelden", open.Texts[0]);
        Assert.Equal(QuestionnaireTexts.OptInNone.Nl, open.Last.Text);
        Assert.Equal(
            ["Aanmelden: Staatsliedenbuurt", "Aanmelden: Schildersbuurt", "Aanmelden: Oranjebuurt", "Aanmelden: Kinderdijk",
             "Aanmelden: Souburgh", "Aanmelden: Blokweer", "Aanmelden: Centrum", "Klaar"],
            open.Last.Choices.Select(row => row.Single().Label));

        var first = await h.PressAsync(People.Anna, $"peiling:aan:{souburgh}");
        Assert.Equal("Je bent aangemeld voor Souburgh. Je krijgt de buurtpeilingen van Souburgh voortaan hier.", first.Texts[0]);
        Assert.StartsWith("Je krijgt buurtpeilingen van: Souburgh.", first.Last.Text);
        Assert.Contains(first.Last.Choices, row => row.Single() == new Choice("Afmelden: Souburgh", $"peiling:uit:{souburgh}"));
        var second = await h.PressAsync(People.Anna, $"peiling:aan:{centrum}");
        Assert.StartsWith("Je krijgt buurtpeilingen van: Souburgh, Centrum.", second.Last.Text);

        // Typed text instead of a button, and a button of an earlier overview: said clearly, the same choice again.
        var typed = await h.PrivateAsync(People.Anna, "Souburgh graag");
        Assert.Equal("Kies een knop hieronder: Aanmelden of Afmelden bij een buurt, of Klaar.", typed.Texts[0]);
        Assert.StartsWith("Je krijgt buurtpeilingen van: Souburgh, Centrum.", typed.Last.Text);
        var stale = await h.PressAsync(People.Anna, $"peiling:aan:{souburgh}");
        Assert.Equal(ConversationTexts.StaleButton.Nl, stale.Texts[0]);
        Assert.Equal(2, (await OptInsAsync(h)).Count);

        var stop = await h.PressAsync(People.Anna, $"peiling:uit:{souburgh}");
        Assert.Equal("Je bent afgemeld voor Souburgh. Je krijgt geen buurtpeilingen van Souburgh meer. Je aanmelding is gewist.", stop.Texts[0]);
        Assert.StartsWith("Je krijgt buurtpeilingen van: Centrum.", stop.Last.Text);
        Assert.Equal("Oké. Wil je later iets veranderen? Typ dan weer /peilingen.", (await h.PressAsync(People.Anna, "peiling:klaar")).Texts.Single());

        // Stopping leaves no trace: one row for Centrum, and the table has nothing but the pair and the time.
        Assert.Equal([(People.Anna.UserId, centrum)], await OptInsAsync(h));
        var columns = await h.DbAsync(db => db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('QuestionnaireOptIns')").ToListAsync());
        Assert.Equal(["MemberId", "BuurtId", "OptedInAt"], columns);

        // After Klaar the buttons of an old message still count, and the overview comes back with fresh buttons.
        var again = await h.PressAsync(People.Anna, $"peiling:aan:{centrum}");
        Assert.Equal("Je was al aangemeld voor Centrum.", again.Texts[0]);
        Assert.StartsWith("Je krijgt buurtpeilingen van: Centrum.", again.Last.Text);
        Assert.Equal(2, again.Texts.Count);
        await h.PressAsync(People.Anna, "peiling:klaar");
        Assert.Equal("Deze knop werkt niet meer. Typ /peilingen om opnieuw te kiezen.", (await h.PressAsync(People.Anna, "peiling:aan:999")).Texts.Single());
        Assert.Equal([(People.Anna.UserId, centrum)], await OptInsAsync(h));
    }

    [Fact]
    public async Task A_send_to_a_buurt_invites_exactly_its_reachable_opted_in_residents_once_each()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12));
        await using var __ = h;
        var ids = await BuurtIdsAsync(h);
        var (souburgh, centrum) = (ids["Souburgh"], ids["Centrum"]);
        var eva = QuestionnaireTestBed.Eva;
        foreach (var p in new[] { People.Anna, People.Bram, People.Carla, People.Dirk, eva }) await h.PrivateAsync(p, "/start");
        // Anna signs up for Souburgh twice (the second press from an old message) and for Centrum.
        await OptInAsync(h, People.Anna, souburgh, centrum);
        Assert.Equal("Je was al aangemeld voor Souburgh.", (await h.PressAsync(People.Anna, $"peiling:aan:{souburgh}")).Texts[0]);
        await h.PressAsync(People.Anna, "peiling:klaar");
        await OptInAsync(h, People.Bram, centrum);
        // Carla signs up and stops again.
        await OptInAsync(h, People.Carla, souburgh);
        await h.PrivateAsync(People.Carla, "/peilingen");
        await h.PressAsync(People.Carla, $"peiling:uit:{souburgh}");
        await h.PressAsync(People.Carla, "peiling:klaar");
        // Dirk signs up, then blocks the bot.
        await OptInAsync(h, People.Dirk, souburgh);
        await h.DbAsync(async db =>
        {
            (await db.Members.SingleAsync(m => m.ChannelUserId == People.Dirk.UserId)).PrivateChatUnreachable = true;
            await db.SaveChangesAsync();
        });
        await OptInAsync(h, eva, souburgh);

        var send = await h.DbAsync(async db =>
        {
            var s = await h.Questionnaires().CreateSendAsync(db, "buurtpeiling", QuestionnaireTarget.BuurtOptIn, souburgh, h.Clock.GetUtcNow(), null, h.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            return s.Id;
        });
        var before = await h.LastOutboxIdAsync();
        Assert.Equal(new QuestionnaireService.SweepResult(0, 1, 0), await h.SweepQuestionnairesAsync());

        var invites = await h.OutboxSinceAsync(before);
        Assert.Equal([People.Anna.UserId, eva.UserId], invites.Select(i => i.Row.ChatId).Order());
        Assert.All(invites, i =>
        {
            Assert.Equal(ChatKind.Private, i.Row.ChatKind);
            Assert.StartsWith("Vragenlijst: Buurtpeiling", i.Message.Text);
            Assert.Equal($"vl:{send}", i.Message.Choices.Single().Single().Data);
        });
        var invited = await h.DbAsync(db => (from p in db.Set<QuestionnaireParticipation>() join m in db.Members on p.MemberId equals m.Id
                                              where p.SendId == send select m.ChannelUserId).ToListAsync());
        Assert.Equal([People.Anna.UserId, eva.UserId], invited.Order());
        Assert.Equal(new QuestionnaireService.SweepResult(0, 0, 0), await h.SweepQuestionnairesAsync());

        // Bram (Centrum) and Carla (stopped) are not invited; Anna answers once, anonymously, counted for Souburgh.
        Assert.Equal(QuestionnaireTexts.NotForYou.Nl, (await h.PressAsync(People.Bram, $"vl:{send}")).Texts.Single());
        Assert.Equal(QuestionnaireTexts.NotForYou.Nl, (await h.PressAsync(People.Carla, $"vl:{send}")).Texts.Single());
        await h.AnswerBuurtpeilingAsync(People.Anna, send, 4, 4, 4, true, true);
        Assert.Equal(QuestionnaireTexts.AlreadyDone.Nl, (await h.PressAsync(People.Anna, $"vl:{send}")).Texts.Single());
        var response = await h.DbAsync(db => db.Set<QuestionnaireResponse>().SingleAsync());
        Assert.Equal((souburgh, (int?)null), (response.BuurtId!.Value, response.MemberId));

        await h.DbAsync(db => Assert.ThrowsAsync<ArgumentException>(() =>
            h.Questionnaires().CreateSendAsync(db, "buurtpeiling", QuestionnaireTarget.BuurtOptIn, 999, h.Clock.GetUtcNow(), null, h.Clock.GetUtcNow())));
    }

    [Fact]
    public async Task Peilingen_in_a_group_answers_with_the_deep_link_that_opens_it_privately_and_privacy_tells_how_to_stop()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12));
        await using var __ = h;
        await h.GroupAsync(People.Anna, "Hallo");

        var inGroup = await h.GroupAsync(People.Anna, "/peilingen");
        Assert.Equal([ConversationTexts.PrivateOnly.In("nl", $"https://t.me/{FakeChannel.BotUsername}?start=peilingen")], inGroup.Texts);
        Assert.All(inGroup.Rows, r => Assert.Equal(People.GroupChatId, r.ChatId));

        var opened = await h.PrivateAsync(People.Anna, "/start peilingen");
        Assert.Equal([QuestionnaireTexts.OptInIntro.Nl, QuestionnaireTexts.OptInNone.Nl], opened.Texts);

        // The opt-in overview is still open, so its question follows the privacy text.
        var privacy = (await h.PrivateAsync(People.Anna, "/privacy")).Texts[0];
        Assert.Contains("Bij een anonieme vragenlijst bewaar ik niet wie welk antwoord gaf", privacy);
        Assert.Contains("typ /peilingen en druk op Afmelden", privacy);
        Assert.Contains("/peilingen – " + QuestionnaireTexts.OptInDescription.Nl, (await h.PrivateAsync(People.Anna, "/help")).Texts[0]);
    }

    [Fact]
    public async Task English_speakers_get_the_english_overview_and_buttons()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12));
        await using var __ = h;
        await h.PrivateAsync(People.Anna, "/start");
        await h.DbAsync(async db =>
        {
            (await db.Members.SingleAsync(m => m.ChannelUserId == People.Anna.UserId)).Language = Languages.English;
            await db.SaveChangesAsync();
        });
        var souburgh = (await BuurtIdsAsync(h))["Souburgh"];
        var open = await h.PrivateAsync(People.Anna, "/peilingen");
        Assert.StartsWith("Neighbourhood polls (buurtpeilingen) are short questionnaires", open.Texts[0]);
        Assert.Equal("Sign up: Souburgh", open.Last.Choices[4].Single().Label);
        Assert.Equal("Done", open.Last.Choices[^1].Single().Label);
        var pressed = await h.PressAsync(People.Anna, $"peiling:aan:{souburgh}");
        Assert.StartsWith("You get neighbourhood polls for: Souburgh.", pressed.Last.Text);
        Assert.Equal("Stop: Souburgh", pressed.Last.Choices[4].Single().Label);
    }
}
