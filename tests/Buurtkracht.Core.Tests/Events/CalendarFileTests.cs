using System.Text;
using Buurtkracht.Core.Events;

namespace Buurtkracht.Core.Tests.Events;

public sealed class CalendarFileTests
{
    [Fact]
    public void Ics_has_utc_times_escaped_text_folded_lines_and_crlf()
    {
        var now = new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var ev = new Event
        {
            Title = "Tegelwippen; samen, met de buren", Location = "Plein 1, Alblasserdam", Organiser = "SWA",
            Description = "Neem handschoenen mee.\nKoffie staat klaar \\ gratis. " + new string('é', 60),
            CreatedAt = now, UpdatedAt = now,
        };
        var occurrence = new EventOccurrence { Id = 42, StartsAt = EventTestBed.Local(2027, 3, 28, 10), EndsAt = EventTestBed.Local(2027, 3, 28, 12) };

        var ics = ICalendar.Write(ev, occurrence, now);

        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", ics);
        Assert.EndsWith("END:VEVENT\r\nEND:VCALENDAR\r\n", ics);
        Assert.Contains("DTSTART:20270328T080000Z\r\n", ics);
        Assert.Contains("DTEND:20270328T100000Z\r\n", ics);
        Assert.Contains("UID:activiteit-42@buurtkracht-alblasserdam\r\n", ics);
        Assert.Contains("SUMMARY:Tegelwippen\\; samen\\, met de buren\r\n", ics);
        Assert.Contains("LOCATION:Plein 1\\, Alblasserdam\r\n", ics);
        var lines = ics.Split("\r\n");
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.DoesNotContain('\n', ics.Replace("\r\n", ""));
        var unfolded = ics.Replace("\r\n ", "");
        Assert.Contains("DESCRIPTION:Neem handschoenen mee.\\nKoffie staat klaar \\\\ gratis. " + new string('é', 60) + "\\nOrganisatie: SWA\r\n", unfolded);
    }
}
