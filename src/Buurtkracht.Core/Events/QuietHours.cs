namespace Buurtkracht.Core.Events;

/// <summary>The local hours in which the bot sends no announcements or reminders (default 21:30–08:00).</summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End)
{
    public bool IsNone => Start == End;

    public bool Contains(DateTimeOffset instant)
    {
        if (IsNone) return false;
        var time = TimeOnly.FromDateTime(EventTime.ToLocal(instant));
        return Start < End ? time >= Start && time < End : time >= Start || time < End;
    }

    /// <summary>The first moment after the quiet period <paramref name="instant"/> falls in.</summary>
    public DateTimeOffset EndAfter(DateTimeOffset instant)
    {
        var local = EventTime.ToLocal(instant);
        var time = TimeOnly.FromDateTime(local);
        var day = DateOnly.FromDateTime(local);
        if (Start > End && time >= Start) day = day.AddDays(1);
        return EventTime.ToInstant(day.ToDateTime(End));
    }

    /// <summary>
    /// When a notice due at <paramref name="due"/> may go out: unchanged outside the quiet hours, moved to their end
    /// inside them, or null (dropped) when the event starts before the quiet hours end.
    /// </summary>
    public DateTimeOffset? Apply(DateTimeOffset due, DateTimeOffset eventStart)
    {
        if (!Contains(due)) return due;
        var end = EndAfter(due);
        return end < eventStart ? end : null;
    }
}
