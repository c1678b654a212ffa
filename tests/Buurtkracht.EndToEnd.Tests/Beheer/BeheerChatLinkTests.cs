using System.Text.Json.Nodes;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.EndToEnd.Tests.Teams;
using Buurtkracht.EndToEnd.Tests.Telegram;
using Buurtkracht.Testing;
using Microsoft.Playwright;
using static Buurtkracht.Testing.TelegramUpdates;
using static Microsoft.Playwright.Assertions;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>/beheer in the chat: a link button for members with a role, a polite no for everyone else, never a link in a group.</summary>
public sealed class BeheerChatLinkTests
{
    private const string PublicBaseUrl = "https://bot.buurtkracht.example";
    private const long Carla = 5301;
    private const long Rob = 5302;
    private const long Group = -100530;

    [Fact]
    public async Task A_coordinator_types_beheer_privately_follows_the_button_and_the_link_then_no_longer_works()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var host = new BotHost(settings: TelegramSettings(telegram), kestrel: true);
        await using var site = await BeheerSite.StartAsync(host);
        await site.MemberWithRoleAsync(Carla.ToString(), "Carla", Role.Coordinator);

        telegram.EnqueueUpdate(Command(Carla, Carla, "/beheer"));
        var reply = await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Carla.ToString(), TelegramBot.Patience);
        Assert.Contains("De link werkt één keer en 10 minuten lang", reply.Text("text"));
        var button = UrlButton(reply);
        Assert.Equal("Open het beheer", button["text"]!.GetValue<string>());
        var url = new Uri(button["url"]!.GetValue<string>());
        Assert.StartsWith(PublicBaseUrl + "/beheer/login/", url.ToString());

        // The public address is a proxy in front of the service; the browser here reaches the service directly.
        var page = await site.NewPageAsync();
        await page.GotoAsync(site.Url(url.PathAndQuery));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overzicht" })).ToBeVisibleAsync();

        var again = await site.NewPageAsync();
        await again.GotoAsync(site.Url(url.PathAndQuery));
        await Expect(again.GetByRole(AriaRole.Alert)).ToContainTextAsync("Deze link werkt niet meer");
        await Expect(again.GetByRole(AriaRole.Heading, new() { Name = "Inloggen" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_resident_is_told_politely_and_in_a_group_the_bot_points_to_the_private_chat_without_a_link()
    {
        await using var bot = await TelegramBot.StartAsync(settings: new Dictionary<string, string?> { ["Beheer:PublicBaseUrl"] = PublicBaseUrl });
        await bot.Host.MemberWithRoleAsync(Carla.ToString(), "Carla", Role.Coordinator);

        bot.Send(Command(Rob, Rob, "/beheer"));
        var refused = await bot.ReplyAsync(Rob, "Het beheer is voor beheerders van een straatgroep en voor de coördinatoren van SWA");
        Assert.Null(refused.Parameters["reply_markup"]);

        bot.Send(Command(Group, Carla, "/beheer"));
        var pointer = await bot.ReplyAsync(Group, "start=beheer");
        Assert.DoesNotContain("/beheer/login", pointer.ToString());
        await using var db = bot.Host.OpenDb();
        Assert.Empty(db.Set<Buurtkracht.Core.Beheer.BeheerLoginToken>());
    }

    [Fact]
    public async Task A_moderator_in_teams_gets_an_open_url_button()
    {
        await using var bot = await TeamsBot.StartAsync(new Dictionary<string, string?> { ["Beheer:PublicBaseUrl"] = PublicBaseUrl });
        var group = await bot.Host.StreetGroupAsync("19:kerkstraat@thread.v2", "Kerkstraat", "Staatsliedenbuurt", ChannelKind.Teams);
        await bot.Host.MemberWithRoleAsync("29:mo", "Mo", Role.Moderator, group, ChannelKind.Teams);

        await bot.SendAsync(TeamsActivities.Message(bot.ServiceUrl, "a:personal-mo", "personal", "29:mo", "/beheer", "Mo"));
        var reply = await bot.ReplyAsync("a:personal-mo", "persoonlijke link naar het beheer");
        var action = reply.Body["attachments"]![0]!["content"]!["body"]!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "ActionSet").SelectMany(b => b!["actions"]!.AsArray()).Single()!;
        Assert.Equal("Action.OpenUrl", action["type"]!.GetValue<string>());
        Assert.Equal("Open het beheer", action["title"]!.GetValue<string>());
        Assert.StartsWith(PublicBaseUrl + "/beheer/login/", action["url"]!.GetValue<string>());
    }

    internal static Dictionary<string, string?> TelegramSettings(FakeTelegramServer telegram) => new()
    {
        ["Telegram:BotToken"] = telegram.Token,
        ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
        ["Telegram:Mode"] = "Polling",
        ["Telegram:PollingTimeoutSeconds"] = "1",
        ["Beheer:PublicBaseUrl"] = PublicBaseUrl,
    };

    private static JsonObject UrlButton(RecordedCall reply)
    {
        var markup = reply.Parameters["reply_markup"] switch
        {
            JsonValue text => JsonNode.Parse(text.GetValue<string>())!.AsObject(),
            JsonObject json => json,
            var other => throw new InvalidOperationException($"No reply markup: {other}"),
        };
        return markup["inline_keyboard"]!.AsArray().SelectMany(row => row!.AsArray()).Single(b => b!["url"] is not null)!.AsObject();
    }
}
