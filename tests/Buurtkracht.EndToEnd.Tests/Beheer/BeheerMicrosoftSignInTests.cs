using Buurtkracht.Core.Members;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>"Inloggen met Microsoft" against an in-process OpenID provider: a verified e-mail that a coördinator entered opens the session.</summary>
public sealed class BeheerMicrosoftSignInTests
{
    [Fact]
    public async Task A_moderator_whose_verified_e_mail_was_entered_signs_in_with_microsoft_and_others_are_refused()
    {
        await using var provider = await FakeOpenIdProvider.StartAsync();
        await using var host = new BotHost(settings: provider.Settings(), kestrel: true);
        await using var site = await BeheerSite.StartAsync(host);
        var group = await host.StreetGroupAsync("-100701", "Kerkstraat", "Staatsliedenbuurt");
        var mo = await site.MemberWithRoleAsync("5701", "Mo", Role.Moderator, group);
        await using (var db = host.OpenDb())
        {
            (await db.Members.FindAsync(mo))!.SignInEmail = "mo@swa-alblasserdam.nl";
            await db.SaveChangesAsync();
        }

        // A token that does not vouch for the address: refused, no session.
        provider.NextUser = new FakeOpenIdUser("Mo@SWA-Alblasserdam.nl", EmailVerified: null, TenantId: "another-tenant");
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/beheer/login"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met Microsoft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Met dit Microsoft-account kun je niet inloggen");
        await BeheerSite.AssertAccessibleAsync(page);
        await page.GotoAsync(site.Url("/beheer"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inloggen" })).ToBeVisibleAsync();

        // A verified address nobody entered: refused.
        provider.NextUser = new FakeOpenIdUser("iemand@swa-alblasserdam.nl", EmailVerified: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met Microsoft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Met dit Microsoft-account kun je niet inloggen");

        // An Entra id token of SWA's own tenant carries no email_verified: the tenant vouches for the address.
        provider.NextUser = new FakeOpenIdUser("Mo@SWA-Alblasserdam.nl", EmailVerified: null, TenantId: FakeOpenIdProvider.TenantId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met Microsoft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overzicht" })).ToBeVisibleAsync();
        await page.GotoAsync(site.Url("/beheer/groepen"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Kerkstraat" })).ToBeVisibleAsync();
        Assert.Equal(3, provider.TokenRequests);
    }

    [Fact]
    public async Task Without_the_settings_the_login_page_offers_no_microsoft_button()
    {
        await using var site = await BeheerSite.StartAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/beheer/login"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inloggen" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Inloggen met Microsoft" })).ToHaveCountAsync(0);
    }
}
