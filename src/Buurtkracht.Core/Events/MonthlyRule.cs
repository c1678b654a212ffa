using System.Globalization;
using System.Text.RegularExpressions;

namespace Buurtkracht.Core.Events;

/// <summary>
/// "Elke derde zaterdag van de maand om 10:00": the <see cref="Nth"/> (1–4, or -1 for the last) <see cref="Day"/> of
/// every month at <see cref="Time"/> Europe/Amsterdam local time. Stored as text, e.g. "3 Saturday 10:00".
/// </summary>
public sealed record MonthlyRule(int Nth, DayOfWeek Day, TimeOnly Time)
{
    private static readonly string[] DutchOrdinals = ["eerste", "tweede", "derde", "vierde"];
    private static readonly string[] EnglishOrdinals = ["first", "second", "third", "fourth"];

    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["maandag"] = DayOfWeek.Monday, ["dinsdag"] = DayOfWeek.Tuesday, ["woensdag"] = DayOfWeek.Wednesday,
        ["donderdag"] = DayOfWeek.Thursday, ["vrijdag"] = DayOfWeek.Friday, ["zaterdag"] = DayOfWeek.Saturday,
        ["zondag"] = DayOfWeek.Sunday,
        ["monday"] = DayOfWeek.Monday, ["tuesday"] = DayOfWeek.Tuesday, ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday, ["friday"] = DayOfWeek.Friday, ["saturday"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday,
    };

    public int Nth { get; } = Nth is (>= 1 and <= 4) or (-1) ? Nth : throw new ArgumentOutOfRangeException(nameof(Nth), "1 to 4, or -1 for the last.");

    /// <summary>The dates this rule gives from <paramref name="from"/> up to and including <paramref name="until"/>, as local date-times.</summary>
    public IEnumerable<DateTime> LocalDates(DateOnly from, DateOnly until)
    {
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= until; month = month.AddMonths(1))
        {
            var date = DateIn(month.Year, month.Month);
            if (date >= from && date <= until) yield return date.ToDateTime(Time);
        }
    }

    public DateOnly DateIn(int year, int month)
    {
        if (Nth > 0)
        {
            var first = new DateOnly(year, month, 1);
            var shift = ((int)Day - (int)first.DayOfWeek + 7) % 7;
            return first.AddDays(shift + (Nth - 1) * 7);
        }
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)Day + 7) % 7));
    }

    /// <summary>The same rule as a Quartz cron expression (to be used with the Europe/Amsterdam time zone).</summary>
    public string ToCronExpression()
    {
        var day = Day.ToString()[..3].ToUpperInvariant();
        var which = Nth > 0 ? $"{day}#{Nth}" : $"{(int)Day + 1}L";
        return $"0 {Time.Minute} {Time.Hour} ? * {which}";
    }

    public override string ToString() => $"{Nth} {Day} {Time:HH\\:mm}";

    /// <summary>"3 Saturday 10:00" (stored form), "elke derde zaterdag van de maand om 10:00", "elke eerste maandag 19:30", "every last friday at 20:00".</summary>
    /// <param name="defaultTime">The time when the text names none ("elke eerste maandag").</param>
    public static bool TryParse(string? text, out MonthlyRule rule, TimeOnly? defaultTime = null)
    {
        rule = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var stored = Regex.Match(text.Trim(), @"^(-1|[1-4])\s+([A-Za-z]+)\s+(\d{1,2}[:.]\d{2})$");
        if (stored.Success && Enum.TryParse<DayOfWeek>(stored.Groups[2].Value, true, out var storedDay) && TryTime(stored.Groups[3].Value, out var storedTime))
        {
            rule = new MonthlyRule(int.Parse(stored.Groups[1].Value, CultureInfo.InvariantCulture), storedDay, storedTime);
            return true;
        }
        var words = Regex.Match(text.Trim().ToLowerInvariant(),
            @"^(elke|iedere|every)\s+(\w+)\s+(\w+)(?:\s+(?:van de maand|of the month))?(?:\s+(?:om|at)\s+|\s+)?(\d{1,2}[:.]\d{2})?$");
        if (!words.Success || !DayNames.TryGetValue(words.Groups[3].Value, out var day)) return false;
        TimeOnly time;
        if (words.Groups[4].Success) { if (!TryTime(words.Groups[4].Value, out time)) return false; }
        else if (defaultTime is { } fallback) time = fallback;
        else return false;
        var ordinal = words.Groups[2].Value;
        var nth = ordinal is "laatste" or "last" ? -1
            : Array.IndexOf(DutchOrdinals, ordinal) is >= 0 and var nl ? nl + 1
            : Array.IndexOf(EnglishOrdinals, ordinal) is >= 0 and var en ? en + 1 : 0;
        if (nth == 0) return false;
        rule = new MonthlyRule(nth, day, time);
        return true;
    }

    private static bool TryTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text.Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
