using System.Net;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>/beheer/berichten: the messages the bot gave up on, visible and sent again by a coördinator only.</summary>
public sealed class BeheerBerichtenTests
{
    private static async Task<long> GivenUpAsync(BotHost host)
    {
        await using var db = host.OpenDb();
        var row = Outbox.Enqueue(db, new ChatAddress(ChannelKind.Telegram, "-100777"), ChatKind.Group,
            OutgoingMessage.Plain("Geheime tekst die niemand in het beheer hoeft te lezen"), DateTimeOffset.UtcNow.AddDays(-2));
        row.Status = OutboxStatus.Failed;
        row.Attempts = 7;
        row.LastError = "HTTP 502";
        await db.SaveChangesAsync();
        return row.Id;
    }

    [Fact]
    public async Task A_coordinator_sees_a_given_up_message_without_its_text_and_sends_it_again()
    {
        await using var site = await BeheerSite.StartAsync();
        var id = await GivenUpAsync(site.Host);
        var coordinator = await site.MemberWithRoleAsync("8101", "Carla", Role.Coordinator);
        var page = await site.LoginAsAsync(coordinator);

        await page.GetByRole(AriaRole.Link, new() { Name = "Niet verstuurd" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Niet verstuurde berichten" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "HTTP 502" })).ToBeVisibleAsync();
        Assert.DoesNotContain("Geheime tekst", await page.ContentAsync());
        Assert.DoesNotContain("-100777", await page.ContentAsync());
        await BeheerSite.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Bericht {id} opnieuw versturen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 bericht(en) worden opnieuw verstuurd.");
        await Expect(page.GetByText("Er zijn geen berichten die niet verstuurd konden worden.")).ToBeVisibleAsync();

        await using var db = site.Host.OpenDb();
        Assert.NotEqual(OutboxStatus.Failed, (await db.OutboxMessages.SingleAsync(o => o.Id == id)).Status);
        Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == AuditActions.OutboxRetried && a.Actor == "beheer:telegram:8101"));
    }

    [Fact]
    public async Task A_moderator_gets_403_and_cannot_send_anything_again()
    {
        await using var host = new BotHost();
        await host.StartAsync();
        var id = await GivenUpAsync(host);
        var moderator = await host.MemberWithRoleAsync("8102", "Mo", Role.Moderator);
        var client = await host.BeheerClientAsync(moderator);
        var token = await client.AntiforgeryTokenAsync("/beheer");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/beheer/berichten")).StatusCode);
        var post = await client.PostAsync("/beheer/berichten", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using var db = host.OpenDb();
        Assert.Equal(OutboxStatus.Failed, (await db.OutboxMessages.SingleAsync(o => o.Id == id)).Status);
    }
}
