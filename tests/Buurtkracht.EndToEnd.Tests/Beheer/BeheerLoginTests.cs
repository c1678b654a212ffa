using System.Net;
using Buurtkracht.Core.Members;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>Logging in to the dashboard with a one-time link, and the session's limits.</summary>
public sealed class BeheerLoginTests
{
    [Fact]
    public async Task A_coordinator_follows_the_link_sees_the_overview_and_the_link_then_no_longer_works()
    {
        await using var site = await BeheerSite.StartAsync();
        var coordinator = await site.MemberWithRoleAsync("501", "Carla", Role.Coordinator);
        var link = await site.LoginLinkAsync(coordinator);

        var page = await site.NewPageAsync();
        await page.GotoAsync(link);
        await Expect(page).ToHaveURLAsync(site.Url("/beheer"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overzicht" })).ToBeVisibleAsync();

        var other = await site.NewPageAsync();
        await other.GotoAsync(link);
        await Expect(other.GetByRole(AriaRole.Alert)).ToContainTextAsync("Deze link werkt niet meer");
        await other.GotoAsync(site.Url("/beheer"));
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Inloggen" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Je bent uitgelogd.");
        await page.GotoAsync(site.Url("/beheer"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inloggen" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_lax_and_an_unknown_link_opens_nothing()
    {
        await using var host = new BotHost();
        await host.StartAsync();
        var coordinator = await host.MemberWithRoleAsync("502", "Carla", Role.Coordinator);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var unknown = await client.GetAsync("/beheer/login/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.False(unknown.Headers.Contains("Set-Cookie") && unknown.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("beheer.sessie")));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/beheer")).StatusCode);

        var login = await client.GetAsync(await host.BeheerLoginPathAsync(coordinator));
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("beheer.sessie="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/beheer", cookie, StringComparison.OrdinalIgnoreCase);

        var overview = await client.GetAsync("/beheer");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        var csp = Assert.Single(overview.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Assert.Single(overview.Headers.GetValues("X-Content-Type-Options")));

        // A form post without its antiforgery token is refused and the session stays.
        var logout = await client.PostAsync("/beheer/uitloggen", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/beheer")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_proxy_that_ends_https_the_session_cookie_is_secure()
    {
        await using var host = new BotHost();
        await host.StartAsync();
        var coordinator = await host.MemberWithRoleAsync("503", "Carla", Role.Coordinator);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var request = new HttpRequestMessage(HttpMethod.Get, await host.BeheerLoginPathAsync(coordinator));
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        var login = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("beheer.sessie="));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        // Straight over http on this machine (trying it locally) the cookie cannot be Secure, or the browser would drop it.
        var local = await client.GetAsync(await host.BeheerLoginPathAsync(coordinator));
        Assert.DoesNotContain("; secure", Assert.Single(local.Headers.GetValues("Set-Cookie"), c => c.StartsWith("beheer.sessie=")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_role_revoked_after_login_ends_the_session_on_the_next_request()
    {
        await using var host = new BotHost();
        await host.StartAsync();
        var moderator = await host.MemberWithRoleAsync("503", "Mo", Role.Coordinator);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.GetAsync(await host.BeheerLoginPathAsync(moderator));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/beheer")).StatusCode);

        await using (var db = host.OpenDb())
        {
            db.RoleAssignments.RemoveRange(db.RoleAssignments.Where(r => r.MemberId == moderator));
            await db.SaveChangesAsync();
        }
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/beheer")).StatusCode);
    }

    [Fact]
    public async Task Guessing_links_is_limited_past_the_limit_even_a_good_link_answers_429_and_opens_no_session()
    {
        await using var host = new BotHost();
        await host.StartAsync();
        var coordinator = await host.MemberWithRoleAsync("504", "Carla", Role.Coordinator);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        // 20 tries a minute from one address (BeheerSetup); the window does not pass during the test.
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/beheer/login/guess{i:D2}abcdefghijklmnopqrstuvwxyz0123456789")).StatusCode);
        var good = await host.BeheerLoginPathAsync(coordinator);
        var refused = await client.GetAsync(good);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Even wachten", await refused.Content.ReadAsStringAsync());
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("beheer.sessie")));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/beheer")).StatusCode);
        // The link was not spent by the refused request.
        await using var db = host.OpenDb();
        Assert.Null((await db.Set<Buurtkracht.Core.Beheer.BeheerLoginToken>().SingleAsync()).UsedAt);
    }
}
