using Buurtkracht.Core.Digests;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Questionnaires;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Buurtkracht.Core.Tests.Digests;

/// <summary>The monthly moderator check-in: first Monday 10:00, one questionnaire send to all moderators per month, reminder after three days.</summary>
public sealed class CheckinTests : HarnessTests
{
    private static DateTimeOffset Local(int y, int m, int d, int h = 12) => EventTime.ToInstant(new DateTime(y, m, d, h, 0, 0));

    [Fact]
    public void The_checkin_fires_on_the_first_monday_of_the_month_at_ten_Amsterdam_time()
    {
        var trigger = (ICronTrigger)TriggerBuilder.Create()
            .WithCronSchedule(new CheckinOptions().Schedule, c => c.InTimeZone(Scheduling.Amsterdam.TimeZone)).StartAt(Local(2026, 11, 1, 0)).Build();

        Assert.Equal(Local(2026, 11, 2, 10), trigger.GetFireTimeAfter(Local(2026, 11, 1, 0)));
        Assert.Equal(Local(2026, 12, 7, 10), trigger.GetFireTimeAfter(Local(2026, 11, 2, 11)));
    }

    [Fact]
    public async Task One_checkin_send_to_all_moderators_per_month_with_the_reminder_three_days_later()
    {
        var checkins = H.Services.GetRequiredService<CheckinService>();
        var now = Local(2026, 11, 2, 10);

        var send = await H.DbAsync(db => checkins.PlanAsync(db, now));
        Assert.NotNull(send);
        Assert.Null(await H.DbAsync(db => checkins.PlanAsync(db, now.AddHours(1))));

        var stored = await H.DbAsync(db => db.Set<QuestionnaireSend>().SingleAsync());
        Assert.Equal(("beheerder-checkin", QuestionnaireTarget.Moderators, (int?)null, now), (stored.Key, stored.Target, stored.TargetId, stored.OpensAt));
        Assert.Equal(now.AddDays(3), stored.ReminderAt);
        Assert.NotNull(await H.DbAsync(db => checkins.PlanAsync(db, Local(2026, 12, 7, 10))));
    }
}
