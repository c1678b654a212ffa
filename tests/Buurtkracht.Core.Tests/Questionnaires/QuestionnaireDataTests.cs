using Buurtkracht.Core.Events;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurtkracht.Core.Tests.Events.EventTestBed;

namespace Buurtkracht.Core.Tests.Questionnaires;

public sealed class QuestionnaireDataTests
{
    private const string VersionOne = """
        key: test-versie
        title: { nl: "Versietest", en: "Version test" }
        questions:
          - id: tevreden
            kind: scale
            text: { nl: "Tevreden?", en: "Satisfied?" }
          - id: kleur
            kind: single
            text: { nl: "Kleur?", en: "Colour?" }
            options:
              - { value: rood, nl: "Rood", en: "Red" }
              - { value: groen, nl: "Groen", en: "Green" }
        """;

    private const string VersionTwo = """
        key: test-versie
        title: { nl: "Versietest", en: "Version test" }
        questions:
          - id: kleur
            kind: single
            text: { nl: "Welke kleur?", en: "Which colour?" }
            options:
              - { value: geel, nl: "Geel", en: "Yellow" }
              - { value: groen, nl: "Groen", en: "Green" }
          - id: leden
            kind: number
            min: 0
            max: 9
            text: { nl: "Hoeveel?", en: "How many?" }
        """;

    [Fact]
    public async Task Editing_a_questionnaire_while_answers_are_open_keeps_both_versions_answers()
    {
        var (h, folder) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12), ("versie.yaml", VersionOne));
        await using var __ = h;
        var group = await h.SetUpGroupAsync(People.Anna, People.Bram);
        var first = await h.SendToGroupAsync("test-versie", group);
        // Bram opens version 1 and is halfway when the file changes.
        await h.PressAsync(People.Bram, $"vl:{first}");
        await h.PressAsync(People.Bram, "a:2");
        await File.WriteAllTextAsync(Path.Combine(folder, "versie.yaml"), VersionTwo);
        var second = await h.SendToGroupAsync("test-versie", group);

        // Version 2 for Anna: its own questions.
        Assert.StartsWith("Vraag 1 van 2\nWelke kleur?", (await h.PressAsync(People.Anna, $"vl:{second}")).Last.Text);
        await h.PressAsync(People.Anna, "a:geel");
        await h.PrivateAsync(People.Anna, "4");
        // Bram finishes version 1 with version 1's options, after the edit and a restart.
        await h.RestartAsync();
        var bram = await h.PrivateAsync(People.Bram, "/vragenlijst");
        Assert.StartsWith("Vraag 2 van 2\nKleur?", bram.Last.Text);
        Assert.Equal(["Rood", "Groen"], bram.Last.Choices.Take(2).Select(r => r.Single().Label));
        await h.PressAsync(People.Bram, "a:rood");

        var versions = await h.DbAsync(db => db.Set<QuestionnaireVersion>().Where(v => v.Key == "test-versie").OrderBy(v => v.Version).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(QuestionnaireDefinition.HashOf(VersionOne), versions[0].Hash);
        Assert.Contains("Tevreden?", versions[0].Yaml);
        var responses = await h.DbAsync(db => db.Set<QuestionnaireResponse>().OrderBy(r => r.SendId).ToListAsync());
        Assert.Equal([versions[0].Id, versions[1].Id], responses.Select(r => r.VersionId));
        Assert.Equal(["tevreden=2", "kleur=rood"], (await h.AnswersAsync(responses[0].Id)).Select(a => $"{a.QuestionId}={a.Value}"));
        Assert.Equal(["kleur=geel", "leden=4"], (await h.AnswersAsync(responses[1].Id)).Select(a => $"{a.QuestionId}={a.Value}"));
    }

    [Fact]
    public async Task Anonymous_answers_cannot_be_joined_to_a_person()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12));
        await using var __ = h;
        var group = await h.SetUpGroupAsync(People.Anna, People.Bram);
        var send = await h.SendToGroupAsync("buurtpeiling", group);
        await h.AnswerBuurtpeilingAsync(People.Anna, send, 5, 4, 3, true, false);
        h.Clock.Advance(TimeSpan.FromMinutes(7));
        await h.AnswerBuurtpeilingAsync(People.Bram, send, 2, 2, 2, false, false);

        var responses = await h.DbAsync(db => db.Set<QuestionnaireResponse>().ToListAsync());
        Assert.Equal(2, responses.Count);
        Assert.All(responses, r => Assert.Null(r.MemberId));
        // Only the date, the same for both: no time to line up with anything else.
        Assert.Single(responses.Select(r => r.SubmittedOn).Distinct());
        // The "has responded" markers hold no answers, no time and no pointer to a response.
        var markers = await h.DbAsync(db => db.Set<QuestionnaireParticipation>().ToListAsync());
        Assert.Equal(2, markers.Count);
        Assert.All(markers, m =>
        {
            Assert.Equal(ParticipationStatus.Completed, m.Status);
            Assert.Null(m.DraftJson);
            Assert.Null(m.CompletedAt);
        });
        var markerColumns = await h.DbAsync(db => db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('QuestionnaireParticipations')").ToListAsync());
        Assert.DoesNotContain(markerColumns, c => c.Contains("Response", StringComparison.OrdinalIgnoreCase) || c.Contains("Answer", StringComparison.OrdinalIgnoreCase));
        var answerColumns = await h.DbAsync(db => db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('QuestionnaireAnswers')").ToListAsync());
        Assert.DoesNotContain(answerColumns, c => c.Contains("Member", StringComparison.OrdinalIgnoreCase));
        // Response ids are random, not in the order people finished.
        Assert.All(responses, r => Assert.Equal(32, r.Id.Length));
    }

    [Fact]
    public async Task Results_give_counts_averages_and_distributions_and_hide_selections_under_five_respondents()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12));
        await using var __ = h;
        Sender[] people = [People.Anna, People.Bram, People.Carla, People.Dirk, QuestionnaireTestBed.Eva];
        var group = await h.SetUpGroupAsync(people);
        var send = await h.SendToGroupAsync("buurtpeiling", group);
        int[] proud = [5, 4, 4, 3, 1];
        for (var i = 0; i < 4; i++) await h.AnswerBuurtpeilingAsync(people[i], send, proud[i], 3, 4, i % 2 == 0, false);

        var four = await h.ResultsAsync(new ResultFilter("buurtpeiling"));
        Assert.True(four.Suppressed);
        Assert.Equal(4, four.Respondents);
        Assert.Empty(four.Questions);

        await h.AnswerBuurtpeilingAsync(people[4], send, proud[4], 3, 4, true, false);
        var five = await h.ResultsAsync(new ResultFilter("buurtpeiling", SendId: send));
        Assert.False(five.Suppressed);
        Assert.Equal(5, five.Respondents);
        Assert.Equal(["trots", "buren-kennen", "veilig", "fixi", "buurtpreventie"], five.Questions.Select(q => q.QuestionId));
        var trots = five.Questions[0];
        Assert.Equal(5, trots.Answered);
        Assert.Equal(3.4, trots.Average);
        Assert.Equal(new Dictionary<string, int> { ["1"] = 1, ["2"] = 0, ["3"] = 1, ["4"] = 2, ["5"] = 1 }, trots.Distribution);
        Assert.Equal(new Dictionary<string, int> { ["ja"] = 3, ["nee"] = 2 }, five.Questions[3].Distribution);
        Assert.Equal(new Dictionary<string, int> { ["ja"] = 0, ["nee"] = 5 }, five.Questions[4].Distribution);

        // A breakdown (this period only, or another event) with fewer than five is not shown.
        Assert.True((await h.ResultsAsync(new ResultFilter("buurtpeiling", From: new DateOnly(2027, 3, 2)))).Suppressed);
        Assert.True((await h.ResultsAsync(new ResultFilter("buurtpeiling", EventOccurrenceId: 1))).Suppressed);
    }

    [Fact]
    public async Task Free_texts_are_listed_and_a_support_request_is_flagged()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12));
        await using var __ = h;
        Sender[] people = [People.Anna, People.Bram, People.Carla, People.Dirk, QuestionnaireTestBed.Eva];
        var group = await h.SetUpGroupAsync(people);
        var send = await h.SendToGroupAsync("beheerder-checkin", group);
        for (var i = 0; i < people.Length; i++)
        {
            await h.PressAsync(people[i], $"vl:{send}");
            await h.PressAsync(people[i], "a:4");
            if (i < 2) await h.PrivateAsync(people[i], i == 0 ? "Meer hulp bij de flyers" : "Alles goed");
            else await h.PressAsync(people[i], "skip");
            await h.PressAsync(people[i], i == 0 ? "a:ja" : "a:nee");
            var done = await h.PrivateAsync(people[i], (i + 1).ToString());
            Assert.Equal("Klaar! Dank je wel voor het invullen.", done.Texts.Single());
        }
        var result = await h.ResultsAsync(new ResultFilter("beheerder-checkin"));
        Assert.Equal(1, result.Flagged);
        var aandacht = result.Questions.Single(q => q.QuestionId == "aandacht");
        Assert.Equal(["Alles goed", "Meer hulp bij de flyers"], aandacht.Texts);
        Assert.Equal(2, aandacht.Answered);
        Assert.Equal(3, aandacht.Skipped);
        Assert.Equal(3.0, result.Questions.Single(q => q.QuestionId == "nieuwe-leden").Average);
        // Not anonymous: the moderator's response keeps who answered, so the one asking for support can be found.
        Assert.All(await h.DbAsync(db => db.Set<QuestionnaireResponse>().ToListAsync()), r => Assert.NotNull(r.MemberId));
        var flagged = Assert.Single(await h.DbAsync(db => h.Services.GetRequiredService<QuestionnaireResults>().FlaggedAsync(db, new ResultFilter("beheerder-checkin"))));
        Assert.Equal(People.Anna.DisplayName, flagged.Member);
    }

    [Fact]
    public async Task Anonymous_responses_never_show_up_as_flagged_and_a_send_that_closes_midway_stores_nothing_more()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 3, 1, 12));
        await using var __ = h;
        var group = await h.SetUpGroupAsync(People.Anna, People.Bram);
        var send = await h.SendToGroupAsync("buurtpeiling", group);
        await h.AnswerBuurtpeilingAsync(People.Anna, send, 5, 4, 3, true, false);
        Assert.Empty(await h.DbAsync(db => h.Services.GetRequiredService<QuestionnaireResults>().FlaggedAsync(db, new ResultFilter("buurtpeiling"))));

        await h.PressAsync(People.Bram, $"vl:{send}");
        await h.PressAsync(People.Bram, "a:2");
        await h.DbAsync(async db =>
        {
            (await db.Set<QuestionnaireSend>().SingleAsync()).ClosesAt = h.Clock.GetUtcNow().AddMinutes(1);
            await db.SaveChangesAsync();
        });
        h.Clock.Advance(TimeSpan.FromMinutes(2));
        var late = await h.PressAsync(People.Bram, "a:2");
        Assert.Equal("Deze vragenlijst is gesloten. Dank je wel voor je interesse.", late.Texts.Single());
        Assert.Equal(1, await h.DbAsync(db => db.Set<QuestionnaireResponse>().CountAsync()));
    }

    [Fact]
    public async Task After_an_event_the_feedback_goes_next_day_at_ten_to_who_said_ik_kom_with_one_reminder()
    {
        var (h, _) = await QuestionnaireTestBed.StartAsync(Local(2027, 6, 1, 12));
        await using var __ = h;
        await h.SetUpGroupAsync(People.Anna, People.Bram, People.Carla);
        await h.PlanAsync(OneOff("Tegelwippen", new DateTime(2027, 6, 12, 10, 0, 0)));
        var occurrence = await h.FirstOccurrenceIdAsync();
        await h.DbAsync(async db =>
        {
            var ids = await db.Members.ToDictionaryAsync(m => m.ChannelUserId, m => m.Id);
            db.EventRsvps.Add(new EventRsvp { OccurrenceId = occurrence, MemberId = ids[People.Anna.UserId], Answer = RsvpAnswer.Coming, UpdatedAt = h.Clock.GetUtcNow() });
            db.EventRsvps.Add(new EventRsvp { OccurrenceId = occurrence, MemberId = ids[People.Bram.UserId], Answer = RsvpAnswer.Coming, UpdatedAt = h.Clock.GetUtcNow() });
            db.EventRsvps.Add(new EventRsvp { OccurrenceId = occurrence, MemberId = ids[People.Carla.UserId], Answer = RsvpAnswer.NotComing, UpdatedAt = h.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });

        h.Clock.SetUtcNow(Local(2027, 6, 12, 11, 30));
        Assert.Equal(new QuestionnaireService.SweepResult(0, 0, 0), await h.SweepQuestionnairesAsync());
        h.Clock.SetUtcNow(Local(2027, 6, 12, 12, 5));
        Assert.Equal(new QuestionnaireService.SweepResult(1, 0, 0), await h.SweepQuestionnairesAsync());
        var send = await h.DbAsync(db => db.Set<QuestionnaireSend>().SingleAsync());
        Assert.Equal((QuestionnaireTarget.Event, occurrence, "activiteit-feedback"), (send.Target, send.TargetId, send.Key));
        Assert.Equal(Local(2027, 6, 13, 10, 0), send.OpensAt);

        h.Clock.SetUtcNow(Local(2027, 6, 13, 9, 59));
        Assert.Equal(new QuestionnaireService.SweepResult(0, 0, 0), await h.SweepQuestionnairesAsync());
        var before = await h.LastOutboxIdAsync();
        h.Clock.SetUtcNow(Local(2027, 6, 13, 10, 0));
        Assert.Equal(new QuestionnaireService.SweepResult(0, 1, 0), await h.SweepQuestionnairesAsync());
        var invites = await h.OutboxSinceAsync(before);
        Assert.Equal([People.Anna.UserId, People.Bram.UserId], invites.Select(i => i.Row.ChatId).Order());
        Assert.All(invites, i => Assert.Equal($"vl:{send.Id}", i.Message.Choices.Single().Single().Data));
        Assert.StartsWith("Vragenlijst: Even terugkijken op de activiteit", invites[0].Message.Text);
        // Sweeping again sends nothing twice.
        Assert.Equal(new QuestionnaireService.SweepResult(0, 0, 0), await h.SweepQuestionnairesAsync());
        // Carla did not say "Ik kom".
        Assert.Equal("Deze vragenlijst is voor een andere groep mensen.", (await h.PressAsync(People.Carla, $"vl:{send.Id}")).Texts.Single());

        // Anna answers; three days later only Bram gets the one reminder.
        await h.PressAsync(People.Anna, $"vl:{send.Id}");
        await h.PressAsync(People.Anna, "a:5");
        await h.PressAsync(People.Anna, "a:ja");
        await h.PressAsync(People.Anna, "a:buren");
        Assert.Equal("Klaar! Dank je wel. Je antwoorden zijn anoniem bewaard.", (await h.PrivateAsync(People.Anna, "Meer koffie")).Texts.Single());
        Assert.Equal(occurrence, (await h.DbAsync(db => db.Set<QuestionnaireResponse>().SingleAsync())).EventOccurrenceId);

        before = await h.LastOutboxIdAsync();
        h.Clock.SetUtcNow(Local(2027, 6, 16, 10, 0));
        Assert.Equal(new QuestionnaireService.SweepResult(0, 0, 1), await h.SweepQuestionnairesAsync());
        var reminder = Assert.Single(await h.OutboxSinceAsync(before));
        Assert.Equal(People.Bram.UserId, reminder.Row.ChatId);
        Assert.StartsWith("Herinnering: de vragenlijst \"Even terugkijken op de activiteit\" is nog open", reminder.Message.Text);
        h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(new QuestionnaireService.SweepResult(0, 0, 0), await h.SweepQuestionnairesAsync());

        // After closing: the button says so.
        h.Clock.SetUtcNow(Local(2027, 6, 28, 10, 0));
        Assert.Equal("Deze vragenlijst is gesloten. Dank je wel voor je interesse.", (await h.PressAsync(People.Bram, $"vl:{send.Id}")).Texts.Single());
    }

    [Fact]
    public void Definitions_are_checked_when_loaded()
    {
        Assert.Throws<FormatException>(() => QuestionnaireDefinition.Parse("key: x\nquestions:\n  - id: a\n    kind: slider\n"));
        Assert.Throws<FormatException>(() => QuestionnaireDefinition.Parse("key: x\nquestions:\n  - id: a\n    kind: single\n    options:\n      - { value: a }\n"));
        Assert.Throws<FormatException>(() => QuestionnaireDefinition.Parse("key: x\nquestions:\n  - id: a\n    kind: yesno\n  - id: b\n    kind: yesno\n    skip: { if: nee, goto: a }\n"));
        Assert.NotEqual(QuestionnaireDefinition.HashOf(VersionOne), QuestionnaireDefinition.HashOf(VersionTwo));
    }
}
