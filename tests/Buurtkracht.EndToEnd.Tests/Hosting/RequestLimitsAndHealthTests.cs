using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.EndToEnd.Tests.Hosting;

public sealed class RequestLimitsAndHealthTests
{
    private const string Secret = "webhook-secret-for-tests";

    [Fact]
    public async Task A_too_large_body_is_refused_with_413_and_not_logged_as_an_error()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var log = new CapturedLog();
        // Kestrel, not the in-memory test server: the body limits are the real server's.
        await using var host = new BotHost(kestrel: true, services: log.AddTo, settings: new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.test/telegram/webhook",
            ["Telegram:WebhookSecret"] = Secret,
            ["WebChat:Enabled"] = "true",
        });
        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        var huge = new string(' ', 31 * 1024 * 1024);
        var webhook = Post("/telegram/webhook", "{" + huge + "}");
        webhook.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(webhook)).StatusCode);
        var send = Post("/webchat/api/send", "{\"clientMessageId\":\"big\",\"chat\":\"private\",\"text\":\"" + huge + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(send)).StatusCode);
        // The web chat's own limit is far below the server's: a message is at most 10,000 characters.
        var megabyte = Post("/webchat/api/send", "{\"clientMessageId\":\"mb\",\"chat\":\"private\",\"text\":\"" + new string('a', 1024 * 1024) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.SendAsync(megabyte)).StatusCode);

        // Still serving, and nothing of it was an error.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/webchat/api/send", new { clientMessageId = "ok", chat = "private", text = "/help" })).StatusCode);
        Assert.DoesNotContain(log.Lines, e => e.Level >= LogLevel.Error || e.Exception is not null);
        Assert.Contains(log.Lines, e => e.Level == LogLevel.Information && e.Message.StartsWith("Refused POST /telegram/webhook with 413", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_reports_degraded_while_another_connection_holds_the_write_lock()
    {
        await using var host = new BotHost();
        var http = await host.StartAsync();
        Assert.Equal("ok", await StatusAsync(http, HttpStatusCode.OK));

        await using (var other = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False"))
        {
            await other.OpenAsync();
            // Microsoft.Data.Sqlite begins IMMEDIATE: this connection now holds the database's one write lock.
            await using var write = other.BeginTransaction();
            // Degraded, not down: 200 keeps this only instance in the load balancer while reads still work.
            var body = await BodyAsync(http, HttpStatusCode.OK);
            Assert.Equal("degraded", body.GetProperty("status").GetString());
            Assert.False(body.GetProperty("databaseWritable").GetBoolean());
            Assert.True(body.GetProperty("database").GetBoolean());
            await write.RollbackAsync();
        }

        Assert.Equal("ok", await StatusAsync(http, HttpStatusCode.OK));
    }

    /// <remarks>
    /// Expect: 100-continue lets the client read the early 413 instead of failing on the connection the server closes
    /// while the client is still writing; the server's side is the same either way.
    /// </remarks>
    private static HttpRequestMessage Post(string path, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        return request;
    }

    private static async Task<string?> StatusAsync(HttpClient http, HttpStatusCode expected) =>
        (await BodyAsync(http, expected)).GetProperty("status").GetString();

    private static async Task<JsonElement> BodyAsync(HttpClient http, HttpStatusCode expected)
    {
        var response = await http.GetAsync("/health");
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
