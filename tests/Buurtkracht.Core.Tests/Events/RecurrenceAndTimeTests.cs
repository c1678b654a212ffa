using Buurtkracht.Core.Events;
using Buurtkracht.Core.Scheduling;
using Quartz;

namespace Buurtkracht.Core.Tests.Events;

public sealed class RecurrenceAndTimeTests
{
    [Fact]
    public void Third_Saturday_of_every_month_of_2027_at_ten()
    {
        Assert.True(MonthlyRule.TryParse("elke derde zaterdag van de maand om 10:00", out var rule));
        var dates = rule.LocalDates(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)).ToList();
        DateTime At(int month, int day) => new(2027, month, day, 10, 0, 0);
        Assert.Equal(
        [
            At(1, 16), At(2, 20), At(3, 20), At(4, 17), At(5, 15), At(6, 19),
            At(7, 17), At(8, 21), At(9, 18), At(10, 16), At(11, 20), At(12, 18),
        ], dates);
        Assert.Equal("3 Saturday 10:00", rule.ToString());
        Assert.Equal("0 0 10 ? * SAT#3", rule.ToCronExpression());
    }

    [Fact]
    public void The_rule_and_its_Quartz_cron_expression_in_Amsterdam_give_the_same_instants_across_both_summer_time_changes()
    {
        var rule = new MonthlyRule(3, DayOfWeek.Saturday, new TimeOnly(10, 0));
        var cron = new CronExpression(rule.ToCronExpression(), Amsterdam.TimeZone);
        var expected = rule.LocalDates(new DateOnly(2027, 1, 1), new DateOnly(2027, 12, 31)).Select(EventTime.ToInstant).ToList();
        var fromQuartz = new List<DateTimeOffset>();
        var after = new DateTimeOffset(2026, 12, 31, 23, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 12; i++)
        {
            after = cron.GetNextValidTimeAfter(after)!.Value;
            fromQuartz.Add(after);
        }
        Assert.Equal(expected, fromQuartz);
        // 10:00 local is 09:00 UTC in winter and 08:00 UTC in summer.
        Assert.Equal(new DateTimeOffset(2027, 3, 20, 9, 0, 0, TimeSpan.Zero), expected[2]);
        Assert.Equal(new DateTimeOffset(2027, 4, 17, 8, 0, 0, TimeSpan.Zero), expected[3]);
        Assert.Equal(new DateTimeOffset(2027, 10, 16, 8, 0, 0, TimeSpan.Zero), expected[9]);
        Assert.Equal(new DateTimeOffset(2027, 11, 20, 9, 0, 0, TimeSpan.Zero), expected[10]);
    }

    [Theory]
    [InlineData("elke eerste maandag", 1, DayOfWeek.Monday, 19, 30)]
    [InlineData("elke laatste vrijdag om 20.00", -1, DayOfWeek.Friday, 20, 0)]
    [InlineData("every second sunday at 14:15", 2, DayOfWeek.Sunday, 14, 15)]
    [InlineData("-1 Friday 20:00", -1, DayOfWeek.Friday, 20, 0)]
    public void Rules_read_from_Dutch_English_and_stored_text(string text, int nth, DayOfWeek day, int hour, int minute)
    {
        Assert.True(MonthlyRule.TryParse(text, out var rule, new TimeOnly(19, 30)));
        Assert.Equal(new MonthlyRule(nth, day, new TimeOnly(hour, minute)), rule);
    }

    [Fact]
    public void First_Monday_and_last_Friday_dates()
    {
        Assert.Equal(new DateOnly(2027, 2, 1), new MonthlyRule(1, DayOfWeek.Monday, new TimeOnly(19, 0)).DateIn(2027, 2));
        Assert.Equal(new DateOnly(2027, 3, 7), new MonthlyRule(1, DayOfWeek.Sunday, new TimeOnly(19, 0)).DateIn(2027, 3));
        Assert.Equal(new DateOnly(2027, 12, 31), new MonthlyRule(-1, DayOfWeek.Friday, new TimeOnly(19, 0)).DateIn(2027, 12));
        Assert.False(MonthlyRule.TryParse("elke vijfde dinsdag 10:00", out _));
    }

    [Fact]
    public void Local_times_in_the_spring_gap_move_forward_and_in_the_autumn_overlap_take_summer_time()
    {
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), EventTime.ToInstant(new DateTime(2027, 3, 28, 2, 30, 0)));
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), EventTime.ToInstant(new DateTime(2027, 10, 31, 2, 30, 0)));
    }

    [Fact]
    public void Whole_days_before_count_on_the_local_calendar_and_hours_in_elapsed_time()
    {
        var start = EventTestBed.Local(2027, 4, 3, 10);
        Assert.Equal(new DateTime(2027, 3, 27, 10, 0, 0), EventTime.ToLocal(EventTime.Before(start, TimeSpan.FromDays(7))));
        var sunday = EventTestBed.Local(2027, 3, 28, 10);
        // On the switch day 10:00 is summer time; elapsed hours before it stay in summer time after 03:00.
        Assert.Equal(new DateTime(2027, 3, 28, 7, 0, 0), EventTime.ToLocal(EventTime.Before(sunday, TimeSpan.FromHours(3))));
        Assert.Equal(new DateTime(2027, 3, 28, 8, 0, 0), EventTime.ToLocal(EventTime.Before(sunday, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void Quiet_hours_cover_the_night_and_end_at_eight()
    {
        var quiet = new QuietHours(new TimeOnly(21, 30), new TimeOnly(8, 0));
        Assert.True(quiet.Contains(EventTestBed.Local(2027, 5, 9, 21, 30)));
        Assert.True(quiet.Contains(EventTestBed.Local(2027, 5, 10, 7, 59)));
        Assert.False(quiet.Contains(EventTestBed.Local(2027, 5, 10, 8, 0)));
        Assert.False(quiet.Contains(EventTestBed.Local(2027, 5, 9, 21, 29)));
        Assert.Equal(EventTestBed.Local(2027, 5, 10, 8), quiet.EndAfter(EventTestBed.Local(2027, 5, 9, 23)));
        Assert.Equal(EventTestBed.Local(2027, 5, 10, 8), quiet.EndAfter(EventTestBed.Local(2027, 5, 10, 6)));
        Assert.False(new QuietHours(new TimeOnly(0, 0), new TimeOnly(0, 0)).Contains(EventTestBed.Local(2027, 5, 10, 3)));
    }
}
