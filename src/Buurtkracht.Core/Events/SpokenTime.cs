using System.Globalization;
using System.Text.RegularExpressions;

namespace Buurtkracht.Core.Events;

/// <summary>
/// A date and time as people type them in a chat: "morgen 9 uur", "vanavond 19:30", "zaterdag 10:00", "5 december 19:30",
/// "5-12 19.30", or the exact "5-12-2026 19:30" and "2026-12-05 19:30". Dutch words first, English ones too.
/// </summary>
public static partial class SpokenTime
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The local date and time meant, seen from <paramref name="localNow"/> (Europe/Amsterdam wall clock).</summary>
    public static bool TryParse(string text, DateTime localNow, out DateTime local)
    {
        local = default;
        var typed = Regex.Replace(text.Trim().ToLowerInvariant(), @"\s+", " ");
        if (EventTime.TryParseLocal(typed, out local)) return true;

        var match = Pattern().Match(typed);
        if (!match.Success) return false;
        var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["minute"].Success ? int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
        var day = match.Groups["day"].Value.Trim();
        if (!TryDate(day, localNow.Date, out var date, out var evening)) return false;
        // "vanavond 7 uur" means 19:00; "vanavond 19:30" stays as it is.
        if (evening && hour is >= 1 and < 12) hour += 12;
        if (hour > 23 || minute > 59) return false;
        local = date.AddHours(hour).AddMinutes(minute);
        return true;
    }

    private static bool TryDate(string day, DateTime today, out DateTime date, out bool evening)
    {
        evening = false;
        date = today;
        switch (day)
        {
            case "" or "vandaag" or "today" or "vanmiddag" or "vanochtend" or "vanmorgen" or "this afternoon" or "this morning":
                evening = day is "vanmiddag" or "this afternoon";
                return true;
            case "vanavond" or "tonight" or "this evening":
                evening = true;
                return true;
            case "morgen" or "tomorrow" or "morgenochtend" or "morgenvroeg":
                date = today.AddDays(1);
                return true;
            case "morgenavond" or "morgenmiddag" or "tomorrow evening":
                date = today.AddDays(1);
                evening = true;
                return true;
            case "overmorgen" or "the day after tomorrow":
                date = today.AddDays(2);
                return true;
        }
        if (Weekday(day) is { } weekday)
        {
            // The coming one: a weekday named on that same day means next week, since today is said as "vandaag".
            var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
            date = today.AddDays(ahead == 0 ? 7 : ahead);
            return true;
        }
        foreach (var culture in new[] { Dutch, English })
        {
            if (DateTime.TryParseExact(day, ["d MMMM yyyy", "d MMM yyyy", "d-M-yyyy", "d/M/yyyy"], culture, DateTimeStyles.None, out date)) return true;
            if (DateTime.TryParseExact(day, ["d MMMM", "d MMM", "d-M", "d/M"], culture, DateTimeStyles.None, out var dayMonth))
            {
                // Without a year: the next time that date comes.
                date = new DateTime(today.Year, dayMonth.Month, dayMonth.Day);
                if (date < today) date = date.AddYears(1);
                return true;
            }
        }
        return false;
    }

    private static DayOfWeek? Weekday(string day)
    {
        for (var d = DayOfWeek.Sunday; d <= DayOfWeek.Saturday; d++)
            if (day == Dutch.DateTimeFormat.GetDayName(d) || day == English.DateTimeFormat.GetDayName(d).ToLowerInvariant()) return d;
        return null;
    }

    /// <summary>An example a week ahead, so the example shown is never in the past: "9-12-2026".</summary>
    public static string ExampleDate(DateTime localNow) => localNow.Date.AddDays(7).ToString("d-M-yyyy", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<day>.*?)\s*(?:om\s+|at\s+)?(?<hour>\d{1,2})(?:(?::|\.|u|h)(?<minute>\d{2}))?\s*(?:uur|u|h|o'clock)?$")]
    private static partial Regex Pattern();
}
