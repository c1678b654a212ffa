using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurtkracht.Core.Tests.Infrastructure.People;
using static Buurtkracht.Core.Tests.Meldingen.MeldingSteps;

namespace Buurtkracht.Core.Tests.Meldingen;

/// <summary>"Is het opgelost?" a day after a melding is afgehandeld, for the reporter and the followers, on a manual clock.</summary>
public sealed class ResolvedQuestionTests : IAsyncLifetime
{
    private CoreHarness _h = null!;
    private Melding _melding = null!;

    public async Task InitializeAsync()
    {
        _h = await StartAsync();
        // Bram reports at a shared place, Anna follows it.
        await UpToAsync(_h, Bram, "Heel", "verlichting");
        await _h.PrivateAsync(Bram, InAlblasserdam);
        await _h.PrivateAsync(Bram, "De lantaarnpaal op de hoek doet het niet.");
        await _h.PrivateAsync(Bram, new ChoiceContent("fotos:klaar"));
        await _h.PrivateAsync(Bram, new ChoiceContent("contact:anoniem"));
        await _h.PrivateAsync(Bram, new ChoiceContent("samenvatting:versturen"));
        await UpToAsync(_h, Anna, "Heel", "verlichting");
        await _h.PrivateAsync(Anna, InAlblasserdam);
        await _h.PrivateAsync(Anna, new ChoiceContent("buren:0"));
        _melding = await _h.DbAsync(db => db.Meldingen.SingleAsync());
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task CloseAsync()
    {
        await using var scope = _h.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        var melding = await db.Meldingen.SingleAsync(m => m.Id == _melding.Id);
        await scope.ServiceProvider.GetRequiredService<MeldingStatusChanger>().ChangeAsync(db, melding, MeldingStatus.Afgehandeld, "Lamp vervangen", "beheer:test");
    }

    private async Task<int> AskAsync()
    {
        await using var scope = _h.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<MeldingResolvedJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }

    private Task<OutboxMessage> LastRowAsync(Sender who) => _h.DbAsync(db => db.OutboxMessages.Where(o => o.ChatId == who.UserId).OrderBy(o => o.Id).LastAsync());

    private string Press(string answer) => $"opgelost:{_melding.Id}:{answer}";

    [Fact]
    public async Task A_day_after_closing_the_reporter_and_the_follower_are_asked_once_with_three_buttons()
    {
        await CloseAsync();
        _h.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await AskAsync());

        _h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(2, await AskAsync());
        var reporter = Outbox.ReadPayload(await LastRowAsync(Bram));
        Assert.Equal(MeldingTexts.ResolvedQuestion.In("nl", _melding.Reference, "openbare verlichting"), reporter.Text);
        Assert.Equal([Press("ja"), Press("beetje"), Press("nee")], reporter.Choices.SelectMany(r => r).Select(c => c.Data));
        Assert.Equal(["Ja", "Een beetje", "Nee"], reporter.Choices.SelectMany(r => r).Select(c => c.Label));
        Assert.Equal(MeldingTexts.ResolvedQuestionFollower.In("nl", _melding.Reference, "openbare verlichting"), Outbox.ReadPayload(await LastRowAsync(Anna)).Text);

        _h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await AskAsync());
    }

    [Fact]
    public async Task Ja_is_thanked_and_recorded_once_and_the_question_closes_after_fourteen_days()
    {
        await CloseAsync();
        _h.Clock.Advance(TimeSpan.FromDays(1));
        await AskAsync();

        Assert.Equal([MeldingTexts.ResolvedThanksYes.Nl], (await _h.PrivateAsync(Bram, new ChoiceContent(Press("ja")))).Texts);
        Assert.Equal([MeldingTexts.ResolvedAlreadyAnswered.Nl], (await _h.PrivateAsync(Bram, new ChoiceContent(Press("nee")))).Texts);
        var answer = await _h.DbAsync(db => db.MeldingFeedback.SingleAsync(f => f.ChatId == Bram.UserId));
        Assert.Equal((ResolvedAnswer.Ja, _h.Clock.GetUtcNow()), (answer.Answer, answer.AnsweredAt));

        _h.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        Assert.Equal([MeldingTexts.ResolvedClosed.Nl], (await _h.PrivateAsync(Anna, new ChoiceContent(Press("beetje")))).Texts);
        Assert.Null((await _h.DbAsync(db => db.MeldingFeedback.SingleAsync(f => f.ChatId == Anna.UserId))).Answer);
    }

    [Fact]
    public async Task Nee_asks_why_and_makes_a_new_melding_linked_to_the_old_one_with_its_reference()
    {
        await CloseAsync();
        _h.Clock.Advance(TimeSpan.FromDays(1));
        await AskAsync();

        Assert.Equal(MeldingTexts.ReopenAskWhy.Nl, (await _h.PrivateAsync(Anna, new ChoiceContent(Press("nee")))).Last.Text);
        Assert.Equal([MeldingTexts.ReopenWhyExpected.Nl, MeldingTexts.ReopenAskWhy.Nl], (await _h.PrivateAsync(Anna, "ok")).Texts);
        var done = await _h.PrivateAsync(Anna, "Hij brandt nog steeds niet.");

        var reopened = await _h.DbAsync(db => db.Meldingen.Include(m => m.Forwards).SingleAsync(m => m.Id != _melding.Id));
        Assert.Equal(MeldingTexts.Reopened.In("nl", reopened.Reference, _melding.Reference), done.Last.Text);
        Assert.Equal(_melding.Id, reopened.ReopenedFromId);
        Assert.Equal($"Heropend: melding {_melding.Reference} is volgens een bewoner niet opgelost. De bewoner schrijft: Hij brandt nog steeds niet.", reopened.Description);
        Assert.Equal((_melding.CategoryId, _melding.Latitude, _melding.Longitude, MeldingStatus.Ontvangen), (reopened.CategoryId, reopened.Latitude, reopened.Longitude, reopened.Status));
        Assert.True(reopened.Anonymous);
        Assert.Equal((ChannelKind.Telegram, Anna.UserId), (reopened.Channel, reopened.ChatId));
        Assert.Equal(ForwardingState.Pending, Assert.Single(reopened.Forwards).State);
        Assert.Equal(ResolvedAnswer.Nee, (await _h.DbAsync(db => db.MeldingFeedback.SingleAsync(f => f.ChatId == Anna.UserId))).Answer);
    }

    [Fact]
    public async Task A_melding_closed_longer_ago_than_the_question_stays_open_is_never_asked_about()
    {
        await CloseAsync();
        _h.Clock.Advance(TimeSpan.FromDays(16));
        Assert.Equal(0, await AskAsync());
    }

    [Fact]
    public async Task A_forgotten_follower_is_no_longer_followed_or_asked()
    {
        await _h.DbAsync(async db =>
        {
            var anna = await db.Members.SingleAsync(m => m.ChannelUserId == Anna.UserId);
            await Buurtkracht.Core.Privacy.ForgetMember.ForgetAsync(db, anna, _h.Clock.GetUtcNow(), "test");
            await db.SaveChangesAsync();
        });
        await CloseAsync();
        _h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await AskAsync());
        Assert.Equal(0, await _h.DbAsync(db => db.MeldingFollowers.CountAsync()));
    }

    [Fact]
    public async Task Mijngegevens_names_the_followed_melding_and_the_answer_given()
    {
        await CloseAsync();
        _h.Clock.Advance(TimeSpan.FromDays(1));
        await AskAsync();
        await _h.PrivateAsync(Anna, new ChoiceContent(Press("beetje")));

        var data = await _h.DbAsync(async db => await Buurtkracht.Core.Privacy.PersonalDataExport.CollectAsync(db, await db.Members.SingleAsync(m => m.ChannelUserId == Anna.UserId)));
        var followed = Assert.Single(data.Following);
        Assert.Equal((_melding.Reference, "Openbare verlichting", "EenBeetje"), (followed.Reference, followed.Category, followed.Resolved));
        Assert.Contains($"- {_melding.Reference}: Openbare verlichting, sinds", Buurtkracht.Core.Privacy.PersonalDataExport.ToText(data));
    }
}
