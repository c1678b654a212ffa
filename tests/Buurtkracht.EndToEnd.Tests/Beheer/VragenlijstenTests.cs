using System.Net;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.EndToEnd.Tests.Telegram;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>/beheer/vragenlijsten: sending through the questionnaire service, the results with their minimum, the check-ins asking for help.</summary>
public sealed class VragenlijstenTests
{
    private const long GroupChat = -100740;

    private static async Task<int> GroupAsync(BotHost host, string chatId, string title, string buurt)
    {
        await using var db = host.OpenDb();
        var group = new StreetGroup
        {
            Channel = ChannelKind.Telegram, ChatId = chatId, Title = title, CreatedAt = DateTimeOffset.UtcNow,
            BuurtId = await db.Buurten.Where(b => b.Name == buurt).Select(b => b.Id).SingleAsync(), LinkedAt = DateTimeOffset.UtcNow,
        };
        db.StreetGroups.Add(group);
        await db.SaveChangesAsync();
        return group.Id;
    }

    /// <summary>A send of <paramref name="key"/> to the group with <paramref name="responses"/> stored responses (scale answers 4).</summary>
    private static async Task<int> SendWithResponsesAsync(BotHost host, string key, int groupId, int responses, Func<int, (string Question, string Value)[]>? answers = null, int? memberId = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Persistence.BuurtkrachtDb>();
        var now = DateTimeOffset.UtcNow;
        var send = await scope.ServiceProvider.GetRequiredService<QuestionnaireService>()
            .CreateSendAsync(db, key, memberId is null ? QuestionnaireTarget.Group : QuestionnaireTarget.Moderators, memberId is null ? groupId : null, now.AddDays(30), null, now);
        await db.SaveChangesAsync();
        for (var i = 0; i < responses; i++)
        {
            var response = new QuestionnaireResponse
            {
                Id = Guid.NewGuid().ToString("N"), SendId = send.Id, VersionId = send.VersionId, Key = key, MemberId = memberId,
                GroupId = memberId is null ? groupId : null, SubmittedOn = DateOnly.FromDateTime(DateTime.UtcNow), Flagged = memberId is not null,
            };
            db.Add(response);
            foreach (var (question, value) in answers?.Invoke(i) ?? [("trots", "4")])
                db.Add(new QuestionnaireAnswer { ResponseId = response.Id, QuestionId = question, Value = value, Number = double.TryParse(value, out var n) ? n : null });
        }
        await db.SaveChangesAsync();
        return send.Id;
    }

    [Fact]
    public async Task A_coordinator_sends_a_questionnaire_to_a_linked_telegram_group_and_marks_a_checkin_followed_up()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var host = new BotHost(settings: BeheerChatLinkTests.TelegramSettings(telegram), kestrel: true);
        await using var site = await BeheerSite.StartAsync(host);
        var thorbecke = await GroupAsync(host, GroupChat.ToString(), "Thorbeckestraat", "Staatsliedenbuurt");
        var coordinator = await site.MemberWithRoleAsync("7401", "Carla", Role.Coordinator);
        var mo = await site.MemberWithRoleAsync("7402", "Mo Moderator", Role.Moderator, thorbecke);
        await SendWithResponsesAsync(host, "beheerder-checkin", thorbecke, 1, _ => [("groep", "2"), ("aandacht", "Niemand reageert meer op de oproepen"), ("steun", "ja")], mo);

        var page = await site.LoginAsAsync(coordinator);
        await page.GotoAsync(site.Url("/beheer/vragenlijsten"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vragenlijsten", Exact = true })).ToBeVisibleAsync();
        await BeheerSite.AssertAccessibleAsync(page);
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByLabel("Vragenlijst", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Buurtpeiling" });
        await page.GetByLabel("Naar wie?").SelectOptionAsync("groep");
        await page.GetByLabel("Groep (bij een straatgroep)").SelectOptionAsync(new SelectOptionValue { Label = "Thorbeckestraat (Staatsliedenbuurt)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Nu versturen" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("De vragenlijst is verstuurd");
        await Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new System.Text.RegularExpressions.Regex("Buurtpeiling groep Thorbeckestraat") })).ToBeVisibleAsync();

        // Through the same service and job as the CLI's 'questionnaires send': the group gets the invitation now.
        var invite = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == GroupChat.ToString()
            && (c.Text("text") ?? "").Contains("Vragenlijst: Buurtpeiling"), TelegramBot.Patience);
        Assert.Contains("Invullen", invite.Parameters["reply_markup"]!.ToJsonString());
        await using (var db = host.OpenDb())
            Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == "questionnaire-send" && a.Actor.StartsWith("beheer:")));

        // The check-in where the moderator asked for help: name, group and answer, then marked opgevolgd with a note.
        var checkin = page.GetByRole(AriaRole.Article, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Mo Moderator \\(Thorbeckestraat\\)") });
        await Expect(checkin).ToContainTextAsync("Niemand reageert meer op de oproepen");
        await checkin.GetByLabel("Notitie").FillAsync("Gebeld, we plannen een buurtborrel");
        await checkin.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Opgevolgd") }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Gemarkeerd als opgevolgd");
        await Expect(page.GetByRole(AriaRole.Article, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Mo Moderator") }))
            .ToContainTextAsync("✔ Opgevolgd");
        await using (var db = host.OpenDb())
        {
            var mark = await db.Set<QuestionnaireFollowUp>().SingleAsync();
            Assert.Equal("Gebeld, we plannen een buurtborrel", mark.Note);
            Assert.Equal(1, await db.Set<AuditEntry>().CountAsync(a => a.Action == QuestionnaireFollowUps.Action && a.Subject == "response:" + mark.ResponseId));
        }
        await BeheerSite.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Results_show_charts_and_open_answers_from_five_respondents_and_a_moderator_sees_only_their_own_groups()
    {
        await using var site = await BeheerSite.StartAsync();
        var host = site.Host;
        var own = await GroupAsync(host, "-7501", "Thorbeckestraat", "Staatsliedenbuurt");
        var other = await GroupAsync(host, "-7502", "Dam", "Souburgh");
        var ownSend = await SendWithResponsesAsync(host, "activiteit-feedback", own, 5, i => [("tevreden", i < 3 ? "5" : "4"), ("tip", $"Tip nummer {i}")]);
        var otherSend = await SendWithResponsesAsync(host, "buurtpeiling", other, 5);
        var fewSend = await SendWithResponsesAsync(host, "buurtpeiling", own, 4);
        var moderator = await host.MemberWithRoleAsync("7503", "Mo", Role.Moderator, own);

        // The host listens on Kestrel for the browser; the HTTP checks go over the same loopback port.
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = site.BaseAddress };
        await client.GetAsync(await host.BeheerLoginPathAsync(moderator));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/beheer/vragenlijsten/resultaten?send={otherSend}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/beheer/vragenlijsten/resultaten?send=99999")).StatusCode);
        var list = WebUtility.HtmlDecode(await (await client.GetAsync("/beheer/vragenlijsten")).Content.ReadAsStringAsync());
        Assert.Contains($"resultaten?send={ownSend}", list);
        Assert.DoesNotContain($"resultaten?send={otherSend}", list);
        Assert.DoesNotContain("Nu versturen", list);
        Assert.DoesNotContain("Check-ins", list);
        var few = WebUtility.HtmlDecode(await (await client.GetAsync($"/beheer/vragenlijsten/resultaten?send={fewSend}")).Content.ReadAsStringAsync());
        Assert.Contains("minder dan 5 mensen", few);

        var page = await site.LoginAsAsync(moderator);
        await page.GotoAsync(site.Url($"/beheer/vragenlijsten/resultaten?send={ownSend}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Uitslag");
        await Expect(page.GetByText("5 mensen vulden de vragenlijst in.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Tip nummer 3" })).ToBeVisibleAsync();
        await Expect(page.Locator("figure.chart svg rect.bar").First).ToBeAttachedAsync();
        await BeheerSite.AssertAccessibleAsync(page);
    }
}
