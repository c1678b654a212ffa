using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Core.Tests.Events.EventTestBed;

namespace Buurtkracht.Core.Tests.Questionnaires;

public sealed class QuestionnaireDialogTests
{
    [Fact]
    public async Task Every_question_kind_with_progress_back_skip_rule_bad_input_and_one_response_per_person()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12), ("alles.yaml", QuestionnaireTestBed.AllKinds));
        await using var __ = h;
        var group = await h.SetUpGroupAsync(People.Anna);
        var send = await h.SendToGroupAsync("test-alles", group);

        var invite = Outbox.ReadPayload((await h.OutboxAsync(People.GroupChatId))[^1]);
        Assert.Contains("Testlijst", invite.Text);
        Assert.Contains($"start=vl-{send}", invite.Text);
        Assert.Equal($"vl:{send}", invite.Choices.Single().Single().Data);

        var open = await h.PressAsync(People.Anna, $"vl:{send}");
        Assert.Contains("Zeven vragen.", open.Texts[0]);
        Assert.StartsWith("Vraag 1 van 7\nHoe gaat het?\n1 = Slecht, 5 = Goed", open.Last.Text);
        Assert.Equal(["1", "2", "3", "4", "5"], open.Last.Choices[0].Select(c => c.Label));
        Assert.Equal(["Later verder"], open.Last.Choices[^1].Select(c => c.Label));

        // Text where a button is expected.
        var typed = await h.PrivateAsync(People.Anna, "best goed");
        Assert.Equal("Kies een van de knoppen hieronder.", typed.Texts[0]);
        Assert.StartsWith("Vraag 1 van 7", typed.Last.Text);

        Assert.StartsWith("Vraag 2 van 7\nWelke kleur?", (await h.PressAsync(People.Anna, "a:4")).Last.Text);
        var back = await h.PrivateAsync(People.Anna, "terug");
        Assert.StartsWith("Vraag 1 van 7", back.Last.Text);
        Assert.Contains("Je antwoord was: 4", back.Last.Text);
        // A typed button label counts as the button.
        Assert.StartsWith("Vraag 2 van 7", (await h.PrivateAsync(People.Anna, "5")).Last.Text);
        Assert.StartsWith("Vraag 3 van 7\nWat drink je?", (await h.PrivateAsync(People.Anna, "Blauw")).Last.Text);

        var none = await h.PressAsync(People.Anna, "done");
        Assert.Equal("Je hebt nog niets gekozen. Kies minstens één.", none.Texts[0]);
        await h.PressAsync(People.Anna, "t:koffie");
        var two = await h.PressAsync(People.Anna, "t:water");
        Assert.Equal("Gekozen: Koffie, Water. Kies meer of druk op Klaar.", two.Texts[0]);
        Assert.Equal(["✓ Koffie", "Thee", "✓ Water", "Klaar"], two.Last.Choices.Take(4).Select(r => r.Single().Label));

        Assert.StartsWith("Vraag 4 van 7\nHeb je een tuin?", (await h.PressAsync(People.Anna, "done")).Last.Text);
        // Skip rule: "nee" goes straight to question 6.
        var number = await h.PressAsync(People.Anna, "a:nee");
        Assert.StartsWith("Vraag 6 van 7\nHoeveel buren ken je?\nTyp een getal van 0 tot en met 10.", number.Last.Text);
        Assert.True(number.Last.ExpectsTextReply);
        Assert.Equal("Dat getal kan niet. Kies een getal van 0 tot en met 10.", (await h.PrivateAsync(People.Anna, "11")).Texts[0]);
        Assert.StartsWith("Dat is geen getal.", (await h.PrivateAsync(People.Anna, "veel")).Texts[0]);
        // "terug" walks the path actually taken: question 4, not the skipped 5.
        Assert.StartsWith("Vraag 4 van 7", (await h.PrivateAsync(People.Anna, "terug")).Last.Text);
        await h.PressAsync(People.Anna, "a:nee");
        var text = await h.PrivateAsync(People.Anna, "7");
        Assert.StartsWith("Vraag 7 van 7\nNog iets?", text.Last.Text);
        Assert.Equal(["Overslaan", "Later verder"], text.Last.Choices[^1].Select(c => c.Label));
        var done = await h.PressAsync(People.Anna, "skip");
        Assert.Equal("Klaar! Dank je wel voor het invullen.", done.Texts.Single());

        var response = await h.DbAsync(db => db.Set<QuestionnaireResponse>().SingleAsync());
        Assert.NotNull(response.MemberId);
        var answers = (await h.AnswersAsync(response.Id)).ToDictionary(a => a.QuestionId, a => a.Value);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["schaal"] = "5", ["kies"] = "blauw", ["meer"] = "koffie,water", ["jn"] = "nee", ["getal"] = "7", ["tekst"] = null,
        }, answers);

        // A second response is refused, by button and by deep link.
        Assert.Equal("Je hebt deze vragenlijst al ingevuld. Dank je wel!", (await h.PressAsync(People.Anna, $"vl:{send}")).Texts.Single());
        Assert.Equal("Je hebt deze vragenlijst al ingevuld. Dank je wel!", (await h.PrivateAsync(People.Anna, $"/start vl-{send}")).Texts.Single());
        Assert.Equal("Er staat nu geen vragenlijst voor je klaar.", (await h.PrivateAsync(People.Anna, "/vragenlijst")).Texts.Single());
        Assert.Equal(1, await h.DbAsync(db => db.Set<QuestionnaireResponse>().CountAsync()));
    }

    [Fact]
    public async Task Later_verder_pauses_and_vragenlijst_resumes_after_a_restart_where_terug_still_walks_back()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12));
        await using var __ = h;
        var group = await h.SetUpGroupAsync(People.Anna);
        var send = await h.SendToGroupAsync("buurtpeiling", group);

        // The deep link from the group opens it privately.
        var open = await h.PrivateAsync(People.Anna, $"/start vl-{send}");
        Assert.StartsWith("Vraag 1 van 5\nBen je trots op je buurt?", open.Last.Text);
        await h.PressAsync(People.Anna, "a:4");
        await h.PressAsync(People.Anna, "a:3");
        var paused = await h.PressAsync(People.Anna, "pause");
        Assert.Equal("Je antwoorden zijn bewaard. Typ /vragenlijst als je verder wilt gaan.", paused.Texts.Single());

        await h.RestartAsync();
        var resumed = await h.PrivateAsync(People.Anna, "/vragenlijst");
        Assert.Equal("Welkom terug! We gaan verder waar je was.", resumed.Texts[0]);
        Assert.StartsWith("Vraag 3 van 5\nVoel je je veilig in je buurt?", resumed.Last.Text);
        var back = await h.PrivateAsync(People.Anna, "terug");
        Assert.StartsWith("Vraag 2 van 5", back.Last.Text);
        Assert.Contains("Je antwoord was: 3", back.Last.Text);
        await h.PressAsync(People.Anna, "a:2");
        await h.RestartAsync();
        // Pressing the open button again also resumes.
        Assert.StartsWith("Vraag 3 van 5", (await h.PressAsync(People.Anna, $"vl:{send}")).Last.Text);
        await h.PressAsync(People.Anna, "a:5");
        await h.PressAsync(People.Anna, "a:ja");
        var done = await h.PressAsync(People.Anna, "a:nee");
        Assert.Equal("Klaar! Dank je wel. Je antwoorden zijn anoniem bewaard.", done.Texts.Single());

        var response = await h.DbAsync(db => db.Set<QuestionnaireResponse>().SingleAsync());
        var answers = (await h.AnswersAsync(response.Id)).ToDictionary(a => a.QuestionId, a => a.Value);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["trots"] = "4", ["buren-kennen"] = "2", ["veilig"] = "5", ["fixi"] = "ja", ["buurtpreventie"] = "nee",
        }, answers);
    }

    [Fact]
    public async Task English_speakers_get_the_english_texts()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12));
        await using var __ = h;
        var group = await h.SetUpGroupAsync(People.Anna);
        await h.DbAsync(async db =>
        {
            (await db.Members.SingleAsync(m => m.ChannelUserId == People.Anna.UserId)).Language = "en";
            await db.SaveChangesAsync();
        });
        var send = await h.SendToGroupAsync("buurtpeiling", group);
        var open = await h.PressAsync(People.Anna, $"vl:{send}");
        Assert.StartsWith("Question 1 of 5\nAre you proud of your neighbourhood?\n1 = Not at all, 5 = Very much", open.Last.Text);
        Assert.Equal("Continue later", open.Last.Choices[^1].Single().Label);
    }
}
