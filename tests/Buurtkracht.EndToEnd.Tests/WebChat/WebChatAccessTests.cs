using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Buurtkracht.Core.Messaging;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.EndToEnd.Tests.WebChat;

/// <summary>The web chat as a stranger meets it: closed where a platform runs, one visitor per server-issued cookie.</summary>
public sealed class WebChatAccessTests
{
    [Fact]
    public async Task Production_with_a_Telegram_token_closes_the_web_chat_and_stores_nothing()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var log = new CapturedLog();
        await using var host = new BotHost(settings: ProductionWithTelegram(telegram), services: log.AddTo);
        var http = await host.StartAsync();

        var send = await http.PostAsJsonAsync("/webchat/api/send",
            new { clientMessageId = "m1", userId = "stranger", userName = "Stranger", chat = "private", text = "/start" });
        Assert.Equal(HttpStatusCode.NotFound, send.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/webchat/api/messages?userId=stranger&chat=private")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/chat")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/chat.html")).StatusCode);

        await using var db = host.OpenDb();
        Assert.False(await db.OutboxMessages.AnyAsync(o => o.Channel == ChannelKind.WebChat));
        Assert.False(await db.Members.AnyAsync(m => m.Channel == ChannelKind.WebChat));
        Assert.False(await db.ProcessedUpdates.AnyAsync(u => u.Key.Contains("web")));
        Assert.Contains(log.Lines, e => e.Message.Contains("web chat off (Telegram is configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WebChat_Enabled_true_opens_it_in_production_and_the_log_says_why()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var log = new CapturedLog();
        var settings = ProductionWithTelegram(telegram);
        settings["WebChat:Enabled"] = "true";
        await using var host = new BotHost(settings: settings, services: log.AddTo);
        var chat = new WebChatClient(await host.StartAsync(), "anna", userName: "Anna");

        var reply = Assert.Single(await chat.SayAsync("/start"));

        Assert.StartsWith("Hoi Anna!", reply.GetProperty("text").GetString());
        Assert.Contains(log.Lines, e => e.Message.Contains("web chat on (WebChat:Enabled is true)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_any_platform_the_web_chat_is_on_with_the_reason_in_the_log()
    {
        var log = new CapturedLog();
        await using var host = new BotHost(settings: new Dictionary<string, string?> { ["environment"] = "Production" }, services: log.AddTo);
        var chat = new WebChatClient(await host.StartAsync(), "anna");

        Assert.Single(await chat.SayAsync("/start"));
        Assert.Contains(log.Lines, e => e.Message.Contains("web chat on (no platform channel is configured)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_server_issues_the_identity_and_a_second_visitor_cannot_read_the_first_ones_chat()
    {
        await using var host = new BotHost();
        var annaHttp = await host.StartAsync();
        var anna = new WebChatClient(annaHttp, "anna", userName: "Anna");
        Assert.Single(await anna.SayAsync("/start"));
        Assert.Single(await new WebChatClient(annaHttp, "anna", chat: "group").SayAsync(evt: "bot-added"));

        // The page gets its identity as an HttpOnly, SameSite=Lax cookie; over plain http it cannot be Secure.
        var page = await host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).GetAsync("/chat");
        var cookie = Assert.Single(page.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("bk_webchat=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);

        string annaPrivate, annaGroup;
        HashSet<long> annaRows;
        await using (var db = host.OpenDb())
        {
            var rows = await db.OutboxMessages.Where(o => o.Channel == ChannelKind.WebChat).ToListAsync();
            annaPrivate = Assert.Single(rows, r => r.ChatId.StartsWith("u-", StringComparison.Ordinal)).ChatId;
            annaGroup = Assert.Single(rows, r => r.ChatId.StartsWith("g-", StringComparison.Ordinal)).ChatId;
            annaRows = rows.Select(r => r.Id).ToHashSet();
        }
        var annaId = annaPrivate[2..];
        // 128 random bits in hex after a letter, chosen by the server.
        Assert.Equal(33, annaId.Length);
        Assert.Equal("g-" + annaId, annaGroup);

        // Bob names Anna in every way the old API took; he still only talks in, and reads, chats of his own.
        var bob = host.CreateClient();
        foreach (var (chat, forged) in new[] { ("private", annaId), ("private", annaPrivate), ("group", annaId), ("group", annaGroup) })
        {
            var send = await bob.PostAsJsonAsync("/webchat/api/send", new
            {
                clientMessageId = $"bob-{chat}-{forged.Length}", userId = forged, chatId = forged, userName = "Bob", chat, text = "/help",
            });
            Assert.Equal(HttpStatusCode.OK, send.StatusCode);
            var read = await bob.GetFromJsonAsync<List<JsonElement>>($"/webchat/api/messages?userId={forged}&chatId={forged}&chat={chat}&after=0");
            Assert.NotEmpty(read!);
            Assert.DoesNotContain(read!, m => annaRows.Contains(m.GetProperty("id").GetInt64()));
        }

        // A cookie the server did not issue (here: Anna's id in plain text) makes a new visitor, not Anna.
        var forger = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var forgedSend = new HttpRequestMessage(HttpMethod.Post, "/webchat/api/send")
        {
            Content = JsonContent.Create(new { clientMessageId = "forger-1", chat = "private", text = "/start" }),
        };
        forgedSend.Headers.Add("Cookie", $"bk_webchat={annaId}");
        var forgedAnswer = await forger.SendAsync(forgedSend);
        Assert.Equal(HttpStatusCode.OK, forgedAnswer.StatusCode);
        Assert.StartsWith("bk_webchat=", Assert.Single(forgedAnswer.Headers.GetValues("Set-Cookie")));

        await using (var db = host.OpenDb())
        {
            var rows = await db.OutboxMessages.Where(o => o.Channel == ChannelKind.WebChat).ToListAsync();
            Assert.Equal(annaRows, rows.Where(r => r.ChatId == annaPrivate || r.ChatId == annaGroup).Select(r => r.Id).ToHashSet());
            // Anna's two chats, Bob's two, the forger's one.
            Assert.Equal(5, rows.Select(r => r.ChatId).Distinct().Count());
            Assert.False(await db.Members.AnyAsync(m => m.Channel == ChannelKind.WebChat && m.DisplayName == "Bob" && m.ChannelUserId == annaId));
        }
    }

    [Fact]
    public async Task Over_the_rate_limit_a_visitor_gets_429_and_nothing_is_stored()
    {
        await using var host = new BotHost(settings: new Dictionary<string, string?>
        {
            ["WebChat:RateLimit:SendsPerWindow"] = "3",
            // Longer than the test runs, so no window boundary falls inside it.
            ["WebChat:RateLimit:Window"] = "01:00:00",
        });
        var http = await host.StartAsync();
        // As in a browser, the page brings the cookie; without one a request counts against its address instead.
        (await http.GetAsync("/chat")).EnsureSuccessStatusCode();
        var anna = new WebChatClient(http, "anna");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await anna.SendAsync("/help")).StatusCode);

        int outboxBefore, updatesBefore;
        await using (var db = host.OpenDb())
        {
            outboxBefore = await db.OutboxMessages.CountAsync();
            updatesBefore = await db.ProcessedUpdates.CountAsync();
        }
        var over = await http.PostAsJsonAsync("/webchat/api/send", new { clientMessageId = "over-the-limit", chat = "private", text = "/start" });

        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.NotNull(over.Headers.RetryAfter);
        await using (var db = host.OpenDb())
        {
            Assert.Equal(outboxBefore, await db.OutboxMessages.CountAsync());
            Assert.Equal(updatesBefore, await db.ProcessedUpdates.CountAsync());
            Assert.False(await db.ProcessedUpdates.AnyAsync(u => u.Key.Contains("over-the-limit")));
        }

        // The limit is per visitor: another one is served.
        var bobHttp = host.CreateClient();
        (await bobHttp.GetAsync("/chat")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await new WebChatClient(bobHttp, "bob").SendAsync("/help")).StatusCode);

        // A client that drops its cookie is a new visitor every time, yet each of those requests counts against its address.
        var dropper = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await dropper.PostAsJsonAsync("/webchat/api/send", new { clientMessageId = $"drop-{i}", chat = "private", text = "/help" })).StatusCode);
        var dropped = await dropper.PostAsJsonAsync("/webchat/api/send", new { clientMessageId = "drop-over", chat = "private", text = "/help" });
        Assert.Equal(HttpStatusCode.TooManyRequests, dropped.StatusCode);
        await using (var db = host.OpenDb())
            Assert.False(await db.ProcessedUpdates.AnyAsync(u => u.Key.Contains("drop-over")));
    }

    private static Dictionary<string, string?> ProductionWithTelegram(FakeTelegramServer telegram) => new()
    {
        ["environment"] = "Production",
        ["Telegram:BotToken"] = telegram.Token,
        ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
    };
}
