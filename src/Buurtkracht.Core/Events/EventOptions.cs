namespace Buurtkracht.Core.Events;

/// <summary>Section "Events".</summary>
public sealed class EventOptions
{
    /// <summary>How long before an occurrence the reminders go out; whole days count on the local calendar.</summary>
    public List<TimeSpan> ReminderOffsets { get; set; } = [];

    /// <summary>The offsets used when <see cref="ReminderOffsets"/> is empty.</summary>
    public static readonly IReadOnlyList<TimeSpan> DefaultReminderOffsets = [TimeSpan.FromDays(7), TimeSpan.FromDays(1), TimeSpan.FromHours(2)];

    public IReadOnlyList<TimeSpan> EffectiveReminderOffsets =>
        (ReminderOffsets.Count > 0 ? ReminderOffsets : DefaultReminderOffsets).Where(o => o > TimeSpan.Zero).Distinct().OrderByDescending(o => o).ToList();

    /// <summary>Local time the quiet hours start; no announcement or reminder goes out between start and end. Equal start and end: no quiet hours.</summary>
    public TimeOnly QuietHoursStart { get; set; } = new(21, 30);

    public TimeOnly QuietHoursEnd { get; set; } = new(8, 0);

    /// <summary>An occurrence is announced in the groups this long before it starts (at once when it is closer).</summary>
    public TimeSpan AnnounceAhead { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the reminder job looks for due announcements and reminders, besides waking exactly at the next due one.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where "Zet in mijn agenda" .ics files are written before they are sent.</summary>
    public string CalendarFolder { get; set; } = "data/agenda";

    /// <summary>How far ahead a recurring rule without an end date creates occurrences.</summary>
    public TimeSpan RecurrenceHorizon { get; set; } = TimeSpan.FromDays(366);
}
