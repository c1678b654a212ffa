using Buurtkracht.Core.Events;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Core.Tests.Events.EventTestBed;

namespace Buurtkracht.Core.Tests.Events;

public sealed class ActivityDialogTests
{
    [Fact]
    public async Task Residents_are_refused_politely()
    {
        await using var h = await StartAsync(Local(2027, 2, 1, 12));
        var turn = await h.PrivateAsync(People.Bram, "/activiteit");
        Assert.Contains("Alleen de coördinatoren van SWA", Assert.Single(turn.Texts));
        Assert.Equal(0, await h.DbAsync(db => db.Events.CountAsync()));
    }

    [Fact]
    public async Task A_coordinator_plans_an_activity_for_a_buurt_step_by_step()
    {
        await using var h = await StartAsync(Local(2027, 2, 1, 12));
        await h.PrivateAsync(People.Anna, "/start");
        await h.GrantCoordinatorAsync(People.Anna);

        Assert.Contains("Hoe heet de activiteit", (await h.PrivateAsync(People.Anna, "/activiteit")).Last.Text);
        var kind = await h.PrivateAsync(People.Anna, "Tegelwipdag Souburgh");
        Assert.Contains(kind.Last.Choices.SelectMany(r => r), c => c.Label == "Tegelwippen");
        Assert.Contains("Wanneer begint", (await h.PrivateAsync(People.Anna, new ChoiceContent("act:soort:Tegelwippen"))).Last.Text);
        Assert.Contains("Dat kan ik niet lezen", (await h.PrivateAsync(People.Anna, "volgende week")).Texts[0]);
        Assert.Contains("Hoe lang", (await h.PrivateAsync(People.Anna, "20-3-2027 10:00")).Last.Text);
        Assert.Contains("Waar is het", (await h.PrivateAsync(People.Anna, new ChoiceContent("act:duur:3"))).Last.Text);
        var audience = await h.PrivateAsync(People.Anna, "Plein bij de Ontmoetingskerk");
        var souburgh = audience.Last.Choices.SelectMany(r => r).Single(c => c.Label == "Souburgh");
        var summary = await h.PrivateAsync(People.Anna, new ChoiceContent(souburgh.Data));
        Assert.Contains("za 20 maart 2027 10:00–13:00", summary.Last.Text);
        var saved = await h.PrivateAsync(People.Anna, new ChoiceContent("act:ok"));
        Assert.Contains("De activiteit staat erin", saved.Last.Text);

        var ev = await h.DbAsync(db => db.Events.Include(e => e.Occurrences).SingleAsync());
        Assert.Equal(EventKind.Tegelwippen, ev.Kind);
        Assert.Equal(EventAudience.Buurten, ev.Audience);
        Assert.Equal(new DateTimeOffset(2027, 3, 20, 9, 0, 0, TimeSpan.Zero), Assert.Single(ev.Occurrences).StartsAt);
        Assert.NotNull(ev.OrganiserMemberId);
    }

    [Fact]
    public async Task Planned_in_the_quiet_hours_with_everyday_words_it_says_when_the_announcement_comes()
    {
        // Monday 1 February 2027, 22:00: quiet hours until 08:00.
        await using var h = await StartAsync(Local(2027, 2, 1, 22));
        await h.PrivateAsync(People.Anna, "/start");
        await h.GrantCoordinatorAsync(People.Anna);
        await h.PrivateAsync(People.Anna, "/activiteit");
        await h.PrivateAsync(People.Anna, "Buurtkoffie");
        var start = await h.PrivateAsync(People.Anna, new ChoiceContent("act:soort:Tegelwippen"));
        Assert.Equal(EventTexts.AskStart.In("nl", "8-2-2027"), start.Last.Text);
        await h.PrivateAsync(People.Anna, "zaterdag 10 uur");
        await h.PrivateAsync(People.Anna, new ChoiceContent("act:duur:2"));
        var audience = await h.PrivateAsync(People.Anna, "Buurthuis");
        var summary = await h.PrivateAsync(People.Anna, new ChoiceContent(audience.Last.Choices.SelectMany(r => r).First().Data));
        Assert.Contains("za 6 februari 2027 10:00–12:00", summary.Last.Text);

        var saved = await h.PrivateAsync(People.Anna, new ChoiceContent("act:ok"));

        Assert.Equal(EventTexts.SavedQuiet.In("nl", 1, "di 2 februari 2027 08:00"), saved.Last.Text);
    }

    [Fact]
    public async Task The_organiser_records_attendance_with_the_private_button()
    {
        await using var h = await StartAsync(Local(2027, 2, 1, 12));
        await h.PrivateAsync(People.Anna, "/start");
        await h.GrantCoordinatorAsync(People.Anna);
        var anna = await h.DbAsync(db => db.Members.Where(m => m.ChannelUserId == People.Anna.UserId).Select(m => m.Id).SingleAsync());
        await h.PlanAsync(OneOff("Schouw", new DateTime(2027, 2, 3, 10, 0, 0)) with { OrganiserMemberId = anna });
        var occurrence = await h.FirstOccurrenceIdAsync();

        // At the end (12:00) the organiser gets the button privately.
        h.Clock.SetUtcNow(Local(2027, 2, 3, 11, 59));
        var before = await h.LastOutboxIdAsync();
        await h.SweepAsync();
        Assert.DoesNotContain(await h.OutboxSinceAsync(before), r => r.Message.Text.Contains("is voorbij"));
        h.Clock.SetUtcNow(Local(2027, 2, 3, 12));
        await h.SweepAsync();
        var prompt = Assert.Single(await h.OutboxSinceAsync(before), r => r.Message.Text.Contains("is voorbij"));
        Assert.Equal(People.Anna.UserId, prompt.Row.ChatId);
        Assert.Equal($"aanwezig:{occurrence}", prompt.Message.Choices.Single().Single().Data);

        Assert.Contains("Dat mag alleen", Assert.Single((await h.PrivateAsync(People.Bram, new ChoiceContent($"aanwezig:{occurrence}"))).Texts));
        Assert.Contains("Hoeveel mensen", (await h.PrivateAsync(People.Anna, new ChoiceContent($"aanwezig:{occurrence}"))).Last.Text);
        Assert.Contains("Stuur een getal", (await h.PrivateAsync(People.Anna, "veel")).Texts[0]);
        Assert.Contains("14 deelnemers", (await h.PrivateAsync(People.Anna, "14")).Last.Text);
        Assert.Equal(14, await h.DbAsync(db => db.EventOccurrences.Select(o => o.Attendance).SingleAsync()));
    }
}
