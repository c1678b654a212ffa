using System.Text;
using Buurtkracht.Core.Events;
using Ical.Net.CalendarComponents;

namespace Buurtkracht.Core.Tests.Events;

/// <summary>The .ics file as a calendar app reads it: parsed back with Ical.Net.</summary>
public sealed class CalendarFileTests
{
    private static readonly DateTimeOffset Created = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static Event NewEvent() => new()
    {
        Title = "Tegelwippen; samen, met de buren", Location = "Plein 1, Alblasserdam", Organiser = "SWA",
        Description = "Neem handschoenen mee.\nKoffie staat klaar \\ gratis. " + new string('é', 60),
        CreatedAt = Created, UpdatedAt = Created,
    };

    private static CalendarEvent Parse(string ics) => Assert.Single(Ical.Net.Calendar.Load(ics)!.Events);

    [Fact]
    public void Times_are_in_Europe_Amsterdam_with_its_timezone_on_both_sides_of_the_dst_change()
    {
        var ev = NewEvent();
        // Summer time starts on 28 March 2027: 10:00 is 09:00 UTC the day before and 08:00 UTC that day.
        var winter = new EventOccurrence { Id = 41, StartsAt = EventTestBed.Local(2027, 3, 27, 10), EndsAt = EventTestBed.Local(2027, 3, 27, 12) };
        var summer = new EventOccurrence { Id = 42, StartsAt = EventTestBed.Local(2027, 3, 28, 10), EndsAt = EventTestBed.Local(2027, 3, 28, 12) };

        foreach (var (occurrence, utcHour) in new[] { (winter, 9), (summer, 8) })
        {
            var ics = ICalendar.Write(ev, occurrence, Created);
            var calendar = Ical.Net.Calendar.Load(ics)!;
            Assert.Equal("Europe/Amsterdam", Assert.Single(calendar.TimeZones).TzId);
            var parsed = Assert.Single(calendar.Events);
            Assert.Equal("Europe/Amsterdam", parsed.DtStart!.TzId);
            Assert.Equal(new DateTime(2027, 3, occurrence.StartsAt.Day, 10, 0, 0), parsed.DtStart.Value);
            Assert.Equal(new DateTime(2027, 3, occurrence.StartsAt.Day, utcHour, 0, 0, DateTimeKind.Utc), parsed.DtStart.AsUtc);
            Assert.Equal(new DateTime(2027, 3, occurrence.StartsAt.Day, utcHour + 2, 0, 0, DateTimeKind.Utc), parsed.DtEnd!.AsUtc);
            Assert.Contains($"DTSTART;TZID=Europe/Amsterdam:202703{occurrence.StartsAt.Day}T100000", ics);
        }
    }

    [Fact]
    public void The_event_has_a_display_alarm_an_hour_before_and_its_texts_survive()
    {
        var occurrence = new EventOccurrence { Id = 42, StartsAt = EventTestBed.Local(2027, 3, 28, 10), EndsAt = EventTestBed.Local(2027, 3, 28, 12) };

        var ics = ICalendar.Write(NewEvent(), occurrence, Created);

        var parsed = Parse(ics);
        var alarm = Assert.Single(parsed.Alarms);
        Assert.Equal("DISPLAY", alarm.Action);
        Assert.Equal(TimeSpan.FromHours(-1), alarm.Trigger!.Duration!.Value.ToTimeSpanUnspecified());
        Assert.Equal("Tegelwippen; samen, met de buren", parsed.Summary);
        Assert.Equal("Plein 1, Alblasserdam", parsed.Location);
        Assert.Equal("Neem handschoenen mee.\nKoffie staat klaar \\ gratis. " + new string('é', 60) + "\nOrganisatie: SWA", parsed.Description);
        Assert.Equal("CONFIRMED", parsed.Status);
        Assert.All(ics.Split("\r\n"), line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
    }

    [Fact]
    public void A_changed_event_keeps_the_uid_of_its_occurrence_and_raises_the_sequence()
    {
        var ev = NewEvent();
        var occurrence = new EventOccurrence { Id = 42, StartsAt = EventTestBed.Local(2027, 3, 28, 10), EndsAt = EventTestBed.Local(2027, 3, 28, 12) };
        var other = new EventOccurrence { Id = 43, StartsAt = EventTestBed.Local(2027, 4, 4, 10), EndsAt = EventTestBed.Local(2027, 4, 4, 12) };
        var first = Parse(ICalendar.Write(ev, occurrence, Created));

        ev.Location = "Buurthuis De Hoeksteen";
        ev.UpdatedAt = Created.AddHours(3);
        occurrence.IsCancelled = true;
        var changed = Parse(ICalendar.Write(ev, occurrence, Created.AddHours(3)));

        Assert.Equal("activiteit-42@buurtkracht-alblasserdam", first.Uid);
        Assert.Equal(first.Uid, changed.Uid);
        Assert.NotEqual(first.Uid, Parse(ICalendar.Write(ev, other, Created)).Uid);
        Assert.True(changed.Sequence > first.Sequence, $"{changed.Sequence} after {first.Sequence}");
        Assert.Equal(("Buurthuis De Hoeksteen", "CANCELLED"), (changed.Location, changed.Status));
    }
}
