using System.Net;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>The overview at /beheer: the digest's figures per buurt and for the village as SVG charts with text alternatives.</summary>
public sealed class OverzichtTests
{
    /// <summary>
    /// Staatsliedenbuurt with the group "Thorbeckestraat" (3 members, one joined last month) and two meldingen this month on
    /// its street, one in behandeling; Souburgh with the group "Dam" (1 member). Returns both group ids.
    /// </summary>
    internal static async Task<(int Thorbecke, int Dam)> SeedAsync(BotHost host)
    {
        await using var db = host.OpenDb();
        var now = DateTimeOffset.UtcNow;
        var staats = await db.Buurten.SingleAsync(b => b.Name == "Staatsliedenbuurt");
        staats.Streets = ["Thorbeckestraat"];
        var thorbecke = new StreetGroup { Channel = ChannelKind.Telegram, ChatId = "-7001", Title = "Thorbeckestraat", Buurt = staats, Streets = ["Thorbeckestraat"], CreatedAt = now.AddDays(-90) };
        var dam = new StreetGroup { Channel = ChannelKind.Telegram, ChatId = "-7002", Title = "Dam", Buurt = await db.Buurten.SingleAsync(b => b.Name == "Souburgh"), CreatedAt = now.AddDays(-90) };
        db.StreetGroups.AddRange(thorbecke, dam);
        for (var i = 0; i < 4; i++)
        {
            var member = new Member { Channel = ChannelKind.Telegram, ChannelUserId = $"70{i}", DisplayName = $"Bewoner {i}", CreatedAt = now.AddDays(-90) };
            db.GroupMemberships.Add(new GroupMembership { Group = i < 3 ? thorbecke : dam, Member = member, JoinedAt = now.AddDays(i == 0 ? -35 : -80) });
        }
        var category = await db.MeldingCategories.OrderBy(c => c.Id).FirstAsync();
        for (var i = 0; i < 2; i++)
        {
            var at = now.AddMinutes(-30 - i);
            var melding = new Melding
            {
                Reference = $"OV-{i}", Year = at.Year, Sequence = 9000 + i, Theme = MeldingTheme.Heel, CategoryId = category.Id, CategoryName = category.NameNl,
                Street = "Thorbeckestraat", Description = "Losse stoeptegel", Channel = ChannelKind.Telegram, ChatId = "700", CreatedAt = at, UpdatedAt = at,
            };
            melding.SetStatus(MeldingStatus.Ontvangen, at);
            if (i == 0) melding.SetStatus(MeldingStatus.InBehandeling, at.AddMinutes(1));
            db.Meldingen.Add(melding);
            if (i != 0) continue;
            // A neighbour follows it, and two residents answered "is het opgelost?": one ja, one nee.
            var neighbour = new Member { Channel = ChannelKind.Telegram, ChannelUserId = "710", DisplayName = "Buur", CreatedAt = now.AddDays(-90) };
            db.MeldingFollowers.Add(new MeldingFollower { Melding = melding, Member = neighbour, Channel = ChannelKind.Telegram, ChatId = "710", CreatedAt = at });
            foreach (var (chat, answer) in new[] { ("700", ResolvedAnswer.Ja), ("710", ResolvedAnswer.Nee) })
                db.MeldingFeedback.Add(new MeldingFeedback { Melding = melding, Channel = ChannelKind.Telegram, ChatId = chat, AskedAt = at, ClosesAt = at.AddDays(14), Answer = answer, AnsweredAt = at.AddMinutes(5) });
        }
        await db.SaveChangesAsync();
        return (thorbecke.Id, dam.Id);
    }

    [Fact]
    public async Task A_coordinator_sees_the_village_and_staatsliedenbuurt_with_charts_and_text_alternatives_and_picks_another_month()
    {
        await using var site = await BeheerSite.StartAsync();
        await SeedAsync(site.Host);
        var coordinator = await site.MemberWithRoleAsync("7101", "Carla", Role.Coordinator);

        var page = await site.LoginAsAsync(coordinator);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overzicht", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alblasserdam", Exact = true })).ToBeVisibleAsync();
        var staats = page.GetByRole(AriaRole.Region, new() { Name = "Staatsliedenbuurt" });
        await Expect(staats.GetByRole(AriaRole.Heading, new() { Name = "Staatsliedenbuurt", Exact = true })).ToBeVisibleAsync();

        // Each chart is an SVG drawn on the server with a table beside it for screen readers: 3 members this month.
        var members = staats.GetByRole(AriaRole.Figure, new() { Name = "Leden (aan het eind van de maand) – Staatsliedenbuurt" });
        await Expect(members.Locator("svg rect.bar.current")).ToHaveCountAsync(1);
        await Expect(members.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Last).ToContainTextAsync("3");
        Assert.Equal(13, await members.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).CountAsync());
        var status = staats.GetByRole(AriaRole.Figure, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Meldingen per status") });
        await Expect(status.GetByRole(AriaRole.Row, new() { Name = "In behandeling" })).ToContainTextAsync("1");
        await Expect(status.GetByRole(AriaRole.Row, new() { Name = "Ontvangen" })).ToContainTextAsync("1");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("InBehandeling");
        // Followers, and the share of "ja" to "is het opgelost?" per category.
        var followers = staats.GetByRole(AriaRole.Figure, new() { Name = "Volgers van meldingen (nieuw) – Staatsliedenbuurt" });
        await Expect(followers.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Last).ToContainTextAsync("1");
        var resolved = staats.GetByRole(AriaRole.Figure, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Opgelost volgens bewoners per categorie") });
        await Expect(resolved.GetByRole(AriaRole.Row).Last).ToContainTextAsync("50");
        // The success factors: meldingen this year against last year.
        await Expect(staats.GetByRole(AriaRole.Row, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Meldingen \\(doel") })).ToContainTextAsync("2");
        await Expect(staats.GetByRole(AriaRole.Row, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Trots op de buurt") })).ToContainTextAsync("te weinig antwoorden");
        await BeheerSite.AssertAccessibleAsync(page);

        // Last month, from the form: the URL keeps the filter, the meldingen of this month are not in it.
        var lastMonth = DateTime.UtcNow.AddMonths(-1);
        await page.GetByLabel("Maand", new() { Exact = true }).SelectOptionAsync($"{lastMonth:yyyy-MM}");
        await page.GetByLabel("Buurt", new() { Exact = true }).SelectOptionAsync("Staatsliedenbuurt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Toon" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"maand={lastMonth:yyyy-MM}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alblasserdam", Exact = true })).ToHaveCountAsync(0);
        var before = page.GetByRole(AriaRole.Region, new() { Name = "Staatsliedenbuurt" })
            .GetByRole(AriaRole.Figure, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Meldingen per status") });
        await Expect(before.GetByRole(AriaRole.Row, new() { Name = "In behandeling" })).ToContainTextAsync("0");

        // At 390 px it still reads without sideways scrolling.
        var narrow = await site.LoginAsAsync(coordinator, width: 390);
        await Expect(narrow.GetByRole(AriaRole.Heading, new() { Name = "Staatsliedenbuurt", Exact = true })).ToBeVisibleAsync();
        await BeheerSite.AssertAccessibleAsync(narrow);
    }

    [Fact]
    public async Task A_moderator_sees_only_the_figures_of_their_own_group_and_a_wrong_month_is_answered_kindly()
    {
        await using var host = new BotHost();
        await host.StartAsync();
        var (thorbecke, _) = await SeedAsync(host);
        var moderator = await host.MemberWithRoleAsync("7201", "Mo", Role.Moderator, thorbecke);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.GetAsync(await host.BeheerLoginPathAsync(moderator));

        var response = await client.GetAsync("/beheer");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Leden (aan het eind van de maand) – Thorbeckestraat", html);
        // The meldingen in the group's streets, as counts only: the two of this month, one in behandeling, and no description.
        Assert.Matches(@"<caption>Meldingen – Thorbeckestraat</caption>(?s:.*?)<th scope=""row"">[^<]+</th><td>2</td></tr>\s*</tbody>", html);
        Assert.Matches(@"<caption>Meldingen per status[^<]*– Thorbeckestraat[^<]*</caption>(?s:.*?)<th scope=""row"">In behandeling</th><td>1</td>", html);
        Assert.DoesNotContain("Losse stoeptegel", html);
        Assert.Contains("href=\"/beheer/vragenlijsten\"", html);
        Assert.DoesNotContain("Souburgh", html);
        Assert.DoesNotContain("– Dam", html);
        Assert.DoesNotContain("Alblasserdam</h2>", html);
        Assert.DoesNotContain("Succesfactoren", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotContain("<script>", html);

        var wrong = WebUtility.HtmlDecode(await (await client.GetAsync("/beheer?maand=morgen")).Content.ReadAsStringAsync());
        Assert.Contains("\"morgen\" is geen maand die voorbij is of nu loopt", wrong);
    }

    [Fact]
    public async Task A_viewer_who_reads_english_gets_english_chart_titles_month_names_and_labels()
    {
        await using var host = new BotHost();
        await host.StartAsync();
        await SeedAsync(host);
        var coordinator = await host.MemberWithRoleAsync("7301", "Chris", Role.Coordinator, language: Languages.English);
        var client = await host.BeheerClientAsync(coordinator);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/beheer?buurt=Staatsliedenbuurt"));
        var month = DateTime.UtcNow.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Assert.Contains("<caption>Members (at the end of the month) – Staatsliedenbuurt</caption>", html);
        Assert.Contains($"<caption>Reports by status (now or at the end of the month) – Staatsliedenbuurt, {month}</caption>", html);
        Assert.Contains($"<th scope=\"row\">{month}</th>", html);
        Assert.Matches(@"<text class=""label""[^>]*>" + DateTime.UtcNow.ToString("MMM", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) + "</text>", html);
        Assert.Contains("<th scope=\"row\">Being handled</th>", html);
        Assert.Contains("<th scope=\"row\">theme Intact</th>", html);
        Assert.DoesNotContain("Leden (aan", html);
        Assert.DoesNotContain("In behandeling", html);
        Assert.DoesNotContain("Meldingen per", html);
    }
}
