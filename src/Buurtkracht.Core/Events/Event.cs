namespace Buurtkracht.Core.Events;

/// <summary>The kinds of activity in the uitvoeringsplan.</summary>
public enum EventKind
{
    Opruimactie,
    Tegelwippen,
    Schouw,
    Workshop,
    Informatiebijeenkomst,
    Buurtbarbecue,
    Other,
}

/// <summary>Which street groups hear about an event.</summary>
public enum EventAudience
{
    /// <summary>Every active street group.</summary>
    AllGroups,

    /// <summary>Active groups linked to one of <see cref="Event.AudienceIds"/> (buurt ids).</summary>
    Buurten,

    /// <summary>The groups in <see cref="Event.AudienceIds"/> (street group ids).</summary>
    Groups,
}

public enum EventStatus
{
    Scheduled,
    Cancelled,
}

/// <summary>
/// An activity of the uitvoeringsplan. Its dates are its <see cref="Occurrences"/>: one for a one-off, one per day for a
/// multi-day action, one per match of <see cref="Rule"/> for a recurring activity. RSVPs belong to an occurrence.
/// </summary>
public sealed class Event
{
    public int Id { get; set; }

    /// <summary>Stable key from an imported programme file ("id:" in YAML), so a re-import updates instead of duplicating.</summary>
    public string? ImportKey { get; set; }

    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string Location { get; set; } = "";
    public EventKind Kind { get; set; }
    public EventAudience Audience { get; set; }
    public List<int> AudienceIds { get; set; } = [];

    /// <summary>Maximum number of people who can say "Ik kom"; null = no limit.</summary>
    public int? Capacity { get; set; }

    /// <summary>The organiser as shown to residents (a name or an organisation; not a member's private data).</summary>
    public string Organiser { get; set; } = "";

    /// <summary>The member who created the event in the chat, when known; may record attendance.</summary>
    public int? OrganiserMemberId { get; set; }

    /// <summary>The calendar rule of a recurring event (<see cref="MonthlyRule"/> text form), null for dated events.</summary>
    public string? Rule { get; set; }

    public EventStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<EventOccurrence> Occurrences { get; set; } = [];
}

/// <summary>One date of an event: the unit people answer to, are reminded of, and attend.</summary>
public sealed class EventOccurrence
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public Event? Event { get; set; }

    /// <summary>Instants (UTC); shown in Europe/Amsterdam local time.</summary>
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>A note for this date only, such as the streets of one day of a multi-day clean-up.</summary>
    public string? Note { get; set; }

    public bool IsCancelled { get; set; }

    /// <summary>Number of participants counted afterwards by the organiser or a coördinator.</summary>
    public int? Attendance { get; set; }
    public DateTimeOffset? AttendanceRecordedAt { get; set; }
    public string? AttendanceRecordedBy { get; set; }
}

public enum RsvpAnswer
{
    Coming,
    Maybe,
    NotComing,
}

/// <summary>One member's current answer for one occurrence; pressing again changes it, so there is at most one row per pair.</summary>
public sealed class EventRsvp
{
    public int Id { get; set; }
    public int OccurrenceId { get; set; }
    public int MemberId { get; set; }
    public RsvpAnswer Answer { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The announcement of an occurrence in one group: the outbox row later edits point at.</summary>
public sealed class EventAnnouncement
{
    public int Id { get; set; }
    public int OccurrenceId { get; set; }
    public int GroupId { get; set; }
    public long OutboxMessageId { get; set; }
    public Messaging.OutboxMessage? OutboxMessage { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A reminder in one group. It carries the RSVP buttons like the announcement, and residents press the newest message,
/// so its counts are edited along with the announcement's.
/// </summary>
public sealed class EventReminderMessage
{
    public int Id { get; set; }
    public int OccurrenceId { get; set; }
    public int GroupId { get; set; }
    public long OutboxMessageId { get; set; }
    public Messaging.OutboxMessage? OutboxMessage { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum ScheduledNoticeKind
{
    /// <summary>The first message in the groups, with the RSVP buttons.</summary>
    Announcement,
    Reminder,

    /// <summary>After the end: the organiser is asked privately for the number of participants.</summary>
    Attendance,
}

public enum ScheduledNoticeStatus
{
    Pending,
    Sent,

    /// <summary>Not sent: the event had started, was cancelled, or a later reminder superseded it; see <see cref="ScheduledNotice.Reason"/>.</summary>
    Dropped,
}

/// <summary>
/// An announcement or reminder that is due at <see cref="DueAt"/>. The database, not Quartz, is the truth about what
/// is due and what was sent: a row turns Sent in the same transaction as its outbox rows, so a restart never sends it
/// twice, and one Quartz job sweeps due rows (see docs/events.md).
/// </summary>
public sealed class ScheduledNotice
{
    public long Id { get; set; }
    public int OccurrenceId { get; set; }
    public ScheduledNoticeKind Kind { get; set; }

    /// <summary>How long before the start (reminders); 0 for announcements.</summary>
    public int OffsetMinutes { get; set; }

    /// <summary>When to send, after the quiet hours were applied.</summary>
    public DateTimeOffset DueAt { get; set; }

    public ScheduledNoticeStatus Status { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Technical reason a notice was dropped (no personal data).</summary>
    public string? Reason { get; set; }
}
