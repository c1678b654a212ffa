using System.Text;

namespace Buurtkracht.Core.Events;

/// <summary>A minimal RFC 5545 calendar with one VEVENT: UTC times, escaped text, lines folded at 75 octets, CRLF endings.</summary>
public static class ICalendar
{
    public static string Write(Event ev, EventOccurrence occurrence, DateTimeOffset now)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Buurtkracht Alblasserdam//Buurtkracht.Bot//NL",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            $"UID:activiteit-{occurrence.Id}@buurtkracht-alblasserdam",
            $"DTSTAMP:{Utc(now)}",
            $"DTSTART:{Utc(occurrence.StartsAt)}",
            $"DTEND:{Utc(occurrence.EndsAt)}",
            // Increases with every change, so calendar apps replace their copy.
            $"SEQUENCE:{Math.Max(0, (ev.UpdatedAt - ev.CreatedAt).Ticks / TimeSpan.TicksPerSecond)}",
            $"SUMMARY:{Escape(ev.Title)}",
        };
        var description = string.Join("\n", new[] { occurrence.Note, ev.Description, ev.Organiser.Length > 0 ? $"Organisatie: {ev.Organiser}" : null }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        if (description.Length > 0) lines.Add($"DESCRIPTION:{Escape(description)}");
        if (ev.Location.Length > 0) lines.Add($"LOCATION:{Escape(ev.Location)}");
        lines.Add(occurrence.IsCancelled || ev.Status == EventStatus.Cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
        lines.Add("END:VEVENT");
        lines.Add("END:VCALENDAR");
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(Fold(line));
        return text.ToString();
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'");

    /// <summary>TEXT escaping of RFC 5545 3.3.11: backslash, semicolon, comma and newline.</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\n").Replace("\r", "\n").Replace("\n", "\\n");

    /// <summary>One content line, folded so no physical line exceeds 75 octets, never inside a UTF-8 sequence; ends with CRLF.</summary>
    public static string Fold(string line)
    {
        var result = new StringBuilder();
        var octets = 0;
        var limit = 75;
        var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(line);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var size = Encoding.UTF8.GetByteCount(element);
            if (octets + size > limit)
            {
                result.Append("\r\n ");
                octets = 1;
                limit = 75;
            }
            result.Append(element);
            octets += size;
        }
        return result.Append("\r\n").ToString();
    }
}
