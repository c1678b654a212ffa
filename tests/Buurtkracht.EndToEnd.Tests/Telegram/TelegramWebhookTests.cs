using System.Net;
using System.Text;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Telegram;

public sealed class TelegramWebhookTests
{
    private const string Secret = "webhook-secret-for-tests";

    [Fact]
    public async Task The_webhook_checks_the_secret_refuses_bad_json_and_keeps_serving()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var host = new BotHost(settings: new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = telegram.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.test/telegram/webhook",
            ["Telegram:WebhookSecret"] = Secret,
        });
        var http = await host.StartAsync();
        var setWebhook = await telegram.WaitForCallAsync("setWebhook", TelegramBot.Patience);
        Assert.Equal(Secret, setWebhook.Text("secret_token"));

        var start = Command(6001, 6001, "/start");
        start["update_id"] = 77L;
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(http, start.ToJsonString(), "wrong-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(http, start.ToJsonString(), secret: null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(http, "{\"update_id\": 78, \"message\": {", Secret)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Post(http, start.ToJsonString(), Secret)).StatusCode);
        // Telegram redelivers when it is unsure; the second delivery is acknowledged but not answered again.
        Assert.Equal(HttpStatusCode.OK, (await Post(http, start.ToJsonString(), Secret)).StatusCode);

        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == "6001", TelegramBot.Patience);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Single(telegram.CallsTo("sendMessage"), c => c.ChatId == "6001");
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string json, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (secret is not null) request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        return http.SendAsync(request);
    }
}
