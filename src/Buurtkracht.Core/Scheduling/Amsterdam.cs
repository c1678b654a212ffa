namespace Buurtkracht.Core.Scheduling;

/// <summary>The time zone every trigger and every local time the bot shows is in.</summary>
public static class Amsterdam
{
    public static readonly TimeZoneInfo TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime;
}
