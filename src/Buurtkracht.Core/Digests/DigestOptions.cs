namespace Buurtkracht.Core.Digests;

public enum DigestPeriodKind
{
    Month,
    Week,

    /// <summary>A year up to a month's end, against the same span a year before: only for the dashboard's success factors, never a schedule.</summary>
    Year,
}

/// <summary>Section "Digests".</summary>
public sealed class DigestOptions
{
    /// <summary>Month: the past calendar month, sent on the 1st. Week: the past Monday–Sunday, sent on Monday.</summary>
    public DigestPeriodKind Period { get; set; } = DigestPeriodKind.Month;

    /// <summary>Local time (Europe/Amsterdam) the digest goes out on the first day of the new period.</summary>
    public TimeOnly SendTime { get; set; } = new(9, 0);

    public bool Enabled { get; set; } = true;

    /// <summary>Where the CSV files are written; empty: "digests" beside the database (or under data/).</summary>
    public string Folder { get; set; } = "";

    /// <summary>A melding still open after this many days counts as open too long.</summary>
    public int OpenTooLongDays { get; set; } = 30;
}

/// <summary>One digest period in local (Amsterdam) dates; <see cref="End"/> is exclusive.</summary>
public sealed record DigestPeriod(DigestPeriodKind Kind, DateOnly Start, DateOnly End)
{
    public string Label => Kind == DigestPeriodKind.Month
        ? $"{Start.Year:D4}-{Start.Month:D2}"
        : Kind == DigestPeriodKind.Year ? $"{Start.Year:D4}"
        : $"{System.Globalization.ISOWeek.GetYear(Start.ToDateTime(TimeOnly.MinValue)):D4}-W{System.Globalization.ISOWeek.GetWeekOfYear(Start.ToDateTime(TimeOnly.MinValue)):D2}";

    // The instants are worked out once: the digest compares every melding, membership and response with them, and
    // converting the Amsterdam dates again on every comparison was most of the dashboard's overview time.
    private readonly DateOnly _start = Start;
    private readonly DateOnly _end = End;

    public DateOnly Start { get => _start; init => (_start, StartInstant) = (value, Instant(value)); }
    public DateOnly End { get => _end; init => (_end, EndInstant) = (value, Instant(value)); }
    public DateTimeOffset StartInstant { get; private init; } = Instant(Start);
    public DateTimeOffset EndInstant { get; private init; } = Instant(End);

    private static DateTimeOffset Instant(DateOnly day) => Events.EventTime.ToInstant(day.ToDateTime(TimeOnly.MinValue));

    public DigestPeriod Previous => Kind switch
    {
        DigestPeriodKind.Month => new(Kind, Start.AddMonths(-1), Start),
        DigestPeriodKind.Year => new(Kind, Start.AddYears(-1), End.AddYears(-1)),
        _ => new(Kind, Start.AddDays(-7), Start),
    };

    /// <summary>From 1 January up to the end of <paramref name="month"/>; its previous period is the same span a year earlier.</summary>
    public static DigestPeriod YearTo(DigestPeriod month) => new(DigestPeriodKind.Year, new DateOnly(month.Start.Year, 1, 1), month.End);

    public static DigestPeriod Month(int year, int month) => new(DigestPeriodKind.Month, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1));

    /// <summary>The last whole period before the local date of <paramref name="now"/>.</summary>
    public static DigestPeriod EndedBefore(DigestPeriodKind kind, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(Scheduling.Amsterdam.ToLocal(now));
        if (kind == DigestPeriodKind.Month)
        {
            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            return new(kind, thisMonth.AddMonths(-1), thisMonth);
        }
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return new(kind, monday.AddDays(-7), monday);
    }

    /// <summary>"2026-11" (a month) or "2026-W47" (an ISO week).</summary>
    public static bool TryParse(string text, out DigestPeriod period)
    {
        period = null!;
        var parts = text.Trim().Split('-');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var year) || year is < 2000 or > 2999) return false;
        if (parts[1].StartsWith('W') && int.TryParse(parts[1][1..], out var week) && week is >= 1 and <= 53)
        {
            var start = DateOnly.FromDateTime(System.Globalization.ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
            period = new(DigestPeriodKind.Week, start, start.AddDays(7));
            return true;
        }
        if (int.TryParse(parts[1], out var month) && month is >= 1 and <= 12)
        {
            period = Month(year, month);
            return true;
        }
        return false;
    }
}
