using System.Globalization;
using Buurtkracht.Core.Scheduling;

namespace Buurtkracht.Core.Events;

/// <summary>Between Europe/Amsterdam wall-clock times and instants, with a rule for the hour that does not exist or happens twice.</summary>
public static class EventTime
{
    /// <summary>
    /// The instant of a local time. A time in the spring gap (02:00–03:00 on the last Sunday of March) moves forward by
    /// the gap; a time in the autumn overlap is taken in summer time (the first of the two).
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var zone = Amsterdam.TimeZone;
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static DateTime ToLocal(DateTimeOffset instant) => Amsterdam.ToLocal(instant);

    /// <summary>"za 20 maart 2027 10:00" / "Sat 20 March 2027 10:00", in the culture of the language.</summary>
    public static string Format(DateTimeOffset instant, string language)
    {
        var local = ToLocal(instant);
        return local.ToString("ddd d MMMM yyyy HH:mm", Members.Languages.CultureOf(language));
    }

    /// <summary>"za 20 maart 2027 10:00–12:00", or both dates when the end falls on another day.</summary>
    public static string FormatRange(DateTimeOffset start, DateTimeOffset end, string language)
    {
        var s = ToLocal(start);
        var e = ToLocal(end);
        return s.Date == e.Date ? $"{Format(start, language)}–{e:HH:mm}" : $"{Format(start, language)} – {Format(end, language)}";
    }

    /// <summary>
    /// The moment <paramref name="before"/> ahead of <paramref name="start"/>: whole days are counted on the local
    /// calendar (a reminder "7 days before" a 10:00 event comes at 10:00, also across a change of summer time), the
    /// rest in elapsed time.
    /// </summary>
    public static DateTimeOffset Before(DateTimeOffset start, TimeSpan before)
    {
        var days = before.Days;
        var rest = before - TimeSpan.FromDays(days);
        var dayShifted = days == 0 ? start : ToInstant(ToLocal(start).AddDays(-days));
        return dayShifted - rest;
    }

    /// <summary>Parses "2027-03-20 10:00", "20-03-2027 10:00" or "20-3-2027 10.00" as Amsterdam local time.</summary>
    public static bool TryParseLocal(string text, out DateTime local)
    {
        string[] formats =
        [
            "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd H:mm", "d-M-yyyy HH:mm", "d-M-yyyy H:mm", "d-M-yyyy HH.mm",
            "d-M-yyyy H.mm", "d/M/yyyy HH:mm", "d/M/yyyy H:mm",
        ];
        return DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);
    }
}
