using Buurtkracht.Core.Digests;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Questionnaires;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests.Digests;

/// <summary>The uitvoeringsplan's success factors: the year up to a month against the same span a year before; the follow-up mark.</summary>
public sealed class SuccessFactorTests : HarnessTests
{
    private static DateTimeOffset Local(int y, int m, int d, int h = 12) => EventTime.ToInstant(new DateTime(y, m, d, h, 0, 0));

    protected override async Task<CoreHarness> StartAsync()
    {
        var h = await CoreHarness.StartAsync();
        h.Clock.SetUtcNow(Local(2026, 11, 20));
        return h;
    }

    [Fact]
    public async Task Meldingen_grow_ten_percent_this_year_against_the_same_months_last_year_and_scores_need_five_respondents()
    {
        await H.DbAsync(async db =>
        {
            var category = await db.MeldingCategories.OrderBy(c => c.Id).FirstAsync();
            var seq = 0;
            void Add(DateTimeOffset at)
            {
                var melding = new Melding
                {
                    Reference = $"S-{++seq}", Year = at.Year, Sequence = seq, Theme = MeldingTheme.Schoon, CategoryId = category.Id, CategoryName = category.NameNl,
                    Description = "x", Channel = Messaging.ChannelKind.Telegram, ChatId = "1", CreatedAt = at, UpdatedAt = at,
                };
                melding.SetStatus(MeldingStatus.Ontvangen, at);
                db.Meldingen.Add(melding);
            }
            // 2025 up to November: 10 (one in December 2025 does not count); 2026 up to today: 11.
            for (var i = 0; i < 10; i++) Add(Local(2025, 1 + i, 10));
            Add(Local(2025, 12, 5));
            for (var i = 0; i < 11; i++) Add(Local(2026, 1 + i, 10 + Math.Min(i, 9)));
            await db.SaveChangesAsync();

            var send = await H.Services.GetRequiredService<QuestionnaireService>().CreateSendAsync(db, SuccessFactors.Survey, QuestionnaireTarget.Moderators, null, Local(2026, 3, 1), null, Local(2026, 3, 1));
            await db.SaveChangesAsync();
            // Five respondents this year (average 4.2 for trots), four last year: too few for a score.
            foreach (var (on, trots) in new[] { (new DateOnly(2026, 3, 2), 5), (new DateOnly(2026, 3, 2), 4), (new DateOnly(2026, 3, 3), 4), (new DateOnly(2026, 4, 1), 4), (new DateOnly(2026, 5, 1), 4),
                         (new DateOnly(2025, 3, 2), 2), (new DateOnly(2025, 3, 2), 2), (new DateOnly(2025, 3, 2), 2), (new DateOnly(2025, 3, 2), 2) })
            {
                var id = Guid.NewGuid().ToString("N");
                db.Add(new QuestionnaireResponse { Id = id, SendId = send.Id, VersionId = send.VersionId, Key = SuccessFactors.Survey, SubmittedOn = on });
                db.Add(new QuestionnaireAnswer { ResponseId = id, QuestionId = SuccessFactors.Proud, Value = trots.ToString(), Number = trots });
            }
            await db.SaveChangesAsync();
        });

        var year = DigestPeriod.YearTo(DigestPeriod.Month(2026, 11));
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 1)), (year.Previous.Start, year.Previous.End));
        var digest = await H.DbAsync(db => H.Services.GetRequiredService<DigestService>().BuildAsync(db, year));
        var factors = await H.DbAsync(db => H.Services.GetRequiredService<SuccessFactors>().ComputeAsync(db, year, digest.Village!, null));

        var meldingen = factors.Single(f => f.Key == "meldingen");
        Assert.Equal((11.0, 10.0), (meldingen.Value, meldingen.Previous));
        Assert.Equal(0.10, meldingen.Growth!.Value, 6);
        Assert.True(meldingen.Reached);
        var proud = factors.Single(f => f.Key == SuccessFactors.Proud);
        Assert.Equal(4.2, proud.Value);
        Assert.Null(proud.Previous);
        Assert.Null(proud.Reached);
    }

    [Fact]
    public async Task Each_buurt_gets_its_own_scores_from_one_read_and_the_village_averages_all_answers()
    {
        // The overview reads the scores once for every buurt; each still needs five respondents of its own.
        int souburgh = 0, other = 0;
        await H.DbAsync(async db =>
        {
            var buurten = await db.Buurten.Where(b => !b.IsDemo).OrderBy(b => b.Id).Take(2).ToListAsync();
            (souburgh, other) = (buurten[0].Id, buurten[1].Id);
            var send = await H.Services.GetRequiredService<QuestionnaireService>().CreateSendAsync(db, SuccessFactors.Survey, QuestionnaireTarget.Moderators, null, Local(2026, 3, 1), null, Local(2026, 3, 1));
            await db.SaveChangesAsync();
            // Five respondents in the first buurt (trots 5,5,4,4,3: 4.2; buren 3 once), three in the second (trots 1 each).
            foreach (var (buurt, trots, buren) in new (int, int, int?)[] { (souburgh, 5, 3), (souburgh, 5, null), (souburgh, 4, null), (souburgh, 4, null), (souburgh, 3, null),
                         (other, 1, null), (other, 1, null), (other, 1, null) })
            {
                var id = Guid.NewGuid().ToString("N");
                db.Add(new QuestionnaireResponse { Id = id, SendId = send.Id, VersionId = send.VersionId, Key = SuccessFactors.Survey, BuurtId = buurt, SubmittedOn = new DateOnly(2026, 4, 1) });
                db.Add(new QuestionnaireAnswer { ResponseId = id, QuestionId = SuccessFactors.Proud, Value = trots.ToString(), Number = trots });
                if (buren is { } b) db.Add(new QuestionnaireAnswer { ResponseId = id, QuestionId = SuccessFactors.KnowNeighbours, Value = b.ToString(), Number = b });
            }
            await db.SaveChangesAsync();
        });

        var year = DigestPeriod.YearTo(DigestPeriod.Month(2026, 11));
        var digest = await H.DbAsync(db => H.Services.GetRequiredService<DigestService>().BuildAsync(db, year));
        var factors = H.Services.GetRequiredService<SuccessFactors>();
        var scores = await H.DbAsync(db => factors.ScoresAsync(db, year));
        double? Score(int? buurt, string key) => factors.Compute(digest.Village!, scores, buurt).Single(f => f.Key == key).Value;

        Assert.Equal(4.2, Score(souburgh, SuccessFactors.Proud));
        Assert.Equal(3.0, Score(souburgh, SuccessFactors.KnowNeighbours));
        Assert.Null(Score(other, SuccessFactors.Proud));
        Assert.Equal(Math.Round(24.0 / 8, 2), Score(null, SuccessFactors.Proud));
        Assert.Null(factors.Compute(digest.Village!, scores, souburgh).Single(f => f.Key == SuccessFactors.Proud).Previous);
    }

    [Fact]
    public async Task Only_a_flagged_response_with_a_member_can_be_marked_followed_up_and_each_mark_is_audited()
    {
        var (flagged, anonymous) = await H.DbAsync(async db =>
        {
            var send = await H.Services.GetRequiredService<QuestionnaireService>().CreateSendAsync(db, "beheerder-checkin", QuestionnaireTarget.Moderators, null, Local(2026, 11, 2), null, Local(2026, 11, 2));
            var member = new Members.Member { Channel = Messaging.ChannelKind.Telegram, ChannelUserId = "9", DisplayName = "Mo", CreatedAt = Local(2026, 1, 1) };
            db.Add(member);
            await db.SaveChangesAsync();
            var a = new QuestionnaireResponse { Id = "f1", SendId = send.Id, VersionId = send.VersionId, Key = send.Key, MemberId = member.Id, Flagged = true, SubmittedOn = new DateOnly(2026, 11, 3) };
            var b = new QuestionnaireResponse { Id = "f2", SendId = send.Id, VersionId = send.VersionId, Key = send.Key, Flagged = true, SubmittedOn = new DateOnly(2026, 11, 3) };
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });

        Assert.True(await H.DbAsync(db => QuestionnaireFollowUps.MarkAsync(db, flagged, "  Gebeld  ", "beheer:test", H.Clock.GetUtcNow())));
        Assert.False(await H.DbAsync(db => QuestionnaireFollowUps.MarkAsync(db, anonymous, null, "beheer:test", H.Clock.GetUtcNow())));
        Assert.False(await H.DbAsync(db => QuestionnaireFollowUps.MarkAsync(db, "bestaat-niet", null, "beheer:test", H.Clock.GetUtcNow())));
        H.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True(await H.DbAsync(db => QuestionnaireFollowUps.MarkAsync(db, flagged, null, "beheer:ander", H.Clock.GetUtcNow())));

        var mark = await H.DbAsync(db => db.Set<QuestionnaireFollowUp>().SingleAsync());
        Assert.Equal((flagged, "beheer:ander", (string?)null, H.Clock.GetUtcNow()), (mark.ResponseId, mark.By, mark.Note, mark.At));
        var audit = await H.DbAsync(db => db.Set<Audit.AuditEntry>().Where(a => a.Action == QuestionnaireFollowUps.Action).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(["with note", "without note"], audit.Select(a => a.Details));
        Assert.DoesNotContain(audit, a => (a.Details ?? "").Contains("Gebeld"));
    }
}
