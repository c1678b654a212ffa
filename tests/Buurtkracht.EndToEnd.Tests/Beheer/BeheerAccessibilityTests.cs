using Buurtkracht.Core.Members;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>The pages around the session (login, logout, error) pass axe, the keyboard check and the 390 px check.</summary>
public sealed class BeheerAccessibilityTests
{
    [Fact]
    public async Task Login_logout_and_error_pages_are_accessible()
    {
        await using var site = await BeheerSite.StartAsync();
        var coordinator = await site.MemberWithRoleAsync("601", "Carla", Role.Coordinator);

        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/beheer/login"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inloggen" })).ToBeVisibleAsync();
        await BeheerSite.AssertAccessibleAsync(page);

        await page.GotoAsync(site.Url("/beheer/login/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await BeheerSite.AssertAccessibleAsync(page);

        var session = await site.LoginAsAsync(coordinator);
        await Expect(session.GetByRole(AriaRole.Heading, new() { Name = "Overzicht" })).ToBeVisibleAsync();
        await BeheerSite.AssertAccessibleAsync(session);

        await session.GotoAsync(site.Url("/beheer/bestaat-niet"));
        await Expect(session.GetByRole(AriaRole.Heading, new() { Name = "Niet gevonden" })).ToBeVisibleAsync();
        await BeheerSite.AssertAccessibleAsync(session);

        await session.GotoAsync(site.Url("/beheer/uitloggen"));
        await BeheerSite.AssertAccessibleAsync(session);
        await session.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Expect(session.GetByRole(AriaRole.Status)).ToHaveTextAsync("Je bent uitgelogd.");
        await BeheerSite.AssertAccessibleAsync(session);
    }

    [Fact]
    public async Task The_checks_find_what_they_look_for()
    {
        await using var site = await BeheerSite.StartAsync();
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url("/beheer/login"));
        // A field without a label, a control with no focus outline and a too-wide block: each check must notice its own.
        await page.EvaluateAsync("""
            () => {
              const main = document.querySelector('main');
              main.insertAdjacentHTML('beforeend', '<input id="x"><a href="#" id="y">y</a><div id="z">wide</div>');
              document.getElementById('y').style.outline = 'none';
              document.getElementById('z').style.width = '900px';
            }
            """);
        Assert.Contains(await BeheerSite.AxeViolationsAsync(page), v => v.StartsWith("axe label"));
        Assert.Contains(await BeheerSite.KeyboardProblemsAsync(page), p => p.Contains("id=\"y\"") && p.StartsWith("Focused without"));
        Assert.True(await BeheerSite.ScrollWidthAt390Async(page) > 390);
    }
}
