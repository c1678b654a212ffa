using Buurtkracht.Core.Scheduling;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Buurtkracht.Core.Events;

/// <summary>
/// The .ics file of one occurrence (Ical.Net): times in Europe/Amsterdam with its VTIMEZONE, a reminder an hour before,
/// a UID per occurrence that stays the same and a SEQUENCE that grows with every change, so a calendar app updates its
/// copy instead of adding a second one.
/// </summary>
public static class ICalendar
{
    public const string TimeZoneId = "Europe/Amsterdam";
    public static readonly TimeSpan AlarmBefore = TimeSpan.FromHours(1);

    private static readonly Conversations.TextKey OrganisedBy = new("Events.CalendarOrganisedBy");

    /// <summary>The file in <paramref name="language"/>: the words the bot adds; the title and place are the organiser's.</summary>
    public static string Write(Event ev, EventOccurrence occurrence, DateTimeOffset now, string language = Members.Languages.Dutch)
    {
        var calendar = new Ical.Net.Calendar { ProductId = $"-//Buurtkracht Alblasserdam//Buurtkracht.Bot//{language.ToUpperInvariant()}", Method = "PUBLISH" };
        // Only the rules from the occurrence on: a calendar app needs no history of the zone.
        calendar.AddTimeZone(TimeZoneId, Amsterdam.ToLocal(occurrence.StartsAt).AddYears(-1), includeHistoricalData: false);

        var description = string.Join("\n", new[] { occurrence.Note, ev.Description, ev.Organiser.Length > 0 ? OrganisedBy.In(language, ev.Organiser) : null }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        var vevent = new CalendarEvent
        {
            Uid = Uid(occurrence),
            DtStamp = new CalDateTime(now.UtcDateTime, CalDateTime.UtcTzId),
            DtStart = Local(occurrence.StartsAt),
            DtEnd = Local(occurrence.EndsAt),
            Sequence = Sequence(ev),
            Summary = ev.Title,
            Description = description.Length > 0 ? description : null,
            Location = ev.Location.Length > 0 ? ev.Location : null,
            Status = occurrence.IsCancelled || ev.Status == EventStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
        };
        vevent.Alarms.Add(new Alarm
        {
            Action = AlarmAction.Display,
            Description = ev.Title,
            Trigger = new Trigger(-Duration.FromTimeSpanExact(AlarmBefore)),
        });
        calendar.Events.Add(vevent);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>The same for every version of the file of this occurrence.</summary>
    public static string Uid(EventOccurrence occurrence) => $"activiteit-{occurrence.Id}@buurtkracht-alblasserdam";

    /// <summary>Seconds between creation and the last change: grows with every change, as RFC 5545 asks.</summary>
    private static int Sequence(Event ev) => (int)Math.Clamp((ev.UpdatedAt - ev.CreatedAt).Ticks / TimeSpan.TicksPerSecond, 0, int.MaxValue);

    private static CalDateTime Local(DateTimeOffset instant) =>
        new(DateTime.SpecifyKind(Amsterdam.ToLocal(instant), DateTimeKind.Unspecified), TimeZoneId, hasTime: true);
}
