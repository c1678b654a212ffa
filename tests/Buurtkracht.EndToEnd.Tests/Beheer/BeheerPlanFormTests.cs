using System.Net;
using Buurtkracht.Core.Members;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.EndToEnd.Tests.Beheer.BeheerActiviteitenOmroepAccessTests;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>The plan form's dates and times are Amsterdam wall-clock times, also across a change of summer time.</summary>
public sealed class BeheerPlanFormTests
{
    private static async Task<HttpResponseMessage> PlanAsync(HttpClient client, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync("/beheer/activiteiten/plannen");
        return await client.PostAsync("/beheer/activiteiten/plannen", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task Several_days_across_the_start_of_summer_time_and_a_monthly_rule_store_the_right_instants()
    {
        await using var host = new BotHost();
        await host.StartAsync();
        var client = await host.BeheerClientAsync(await host.MemberWithRoleAsync("7501", "Carla", Role.Coordinator));

        // Summer time starts in the night to Sunday 28 March 2027: 10:00 is 09:00 UTC on Saturday, 08:00 UTC after.
        var days = await PlanAsync(client, new()
        {
            ["Input.Title"] = "Tegelwippen", ["Input.Kind"] = "Tegelwippen", ["Input.Audience"] = "alle", ["Input.Repeat"] = "meerdaags",
            ["Input.Date"] = "2027-03-27", ["Input.LastDate"] = "2027-03-29", ["Input.StartTime"] = "10:00", ["Input.EndTime"] = "12:00",
        });
        Assert.Equal(HttpStatusCode.Redirect, days.StatusCode);
        var monthly = await PlanAsync(client, new()
        {
            ["Input.Title"] = "Buurtkoffie", ["Input.Audience"] = "alle", ["Input.Repeat"] = "maandelijks", ["Input.Nth"] = "3",
            ["Input.Day"] = "Saturday", ["Input.Date"] = "2027-02-01", ["Input.LastDate"] = "2027-04-30", ["Input.StartTime"] = "10:00",
            ["Input.EndTime"] = "11:30",
        });
        Assert.Equal(HttpStatusCode.Redirect, monthly.StatusCode);

        await using var db = host.OpenDb();
        async Task<List<(DateTime, DateTime)>> Times(string title) =>
            (await db.EventOccurrences.Where(o => o.Event!.Title == title).ToListAsync())
            .Select(o => (o.StartsAt.UtcDateTime, o.EndsAt.UtcDateTime)).Order().ToList();
        Assert.Equal(
        [
            (new DateTime(2027, 3, 27, 9, 0, 0), new DateTime(2027, 3, 27, 11, 0, 0)),
            (new DateTime(2027, 3, 28, 8, 0, 0), new DateTime(2027, 3, 28, 10, 0, 0)),
            (new DateTime(2027, 3, 29, 8, 0, 0), new DateTime(2027, 3, 29, 10, 0, 0)),
        ], await Times("Tegelwippen"));
        Assert.Equal(
        [
            (new DateTime(2027, 2, 20, 9, 0, 0), new DateTime(2027, 2, 20, 10, 30, 0)),
            (new DateTime(2027, 3, 20, 9, 0, 0), new DateTime(2027, 3, 20, 10, 30, 0)),
            (new DateTime(2027, 4, 17, 8, 0, 0), new DateTime(2027, 4, 17, 9, 30, 0)),
        ], await Times("Buurtkoffie"));
        Assert.Equal("3 Saturday 10:00", (await db.Events.SingleAsync(e => e.Title == "Buurtkoffie")).Rule);

        // A date in the past is refused in plain Dutch, and nothing is planned.
        var past = await PlanAsync(client, new()
        {
            ["Input.Title"] = "Te laat", ["Input.Audience"] = "alle", ["Input.Repeat"] = "eenmalig",
            ["Input.Date"] = "2020-01-04", ["Input.StartTime"] = "10:00", ["Input.EndTime"] = "12:00",
        });
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Contains("Die datum en tijd zijn al voorbij", WebUtility.HtmlDecode(await past.Content.ReadAsStringAsync()));
        Assert.False(await db.Events.AnyAsync(e => e.Title == "Te laat"));
    }
}
