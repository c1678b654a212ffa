using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.EndToEnd.Tests.Telegram;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TelegramUpdates;

namespace Buurtkracht.EndToEnd.Tests.Access;

/// <summary>
/// The Bot API hangs on the calls a turn needs (getChatMember, getChatAdministrators) and on answerCallbackQuery, with
/// Telegram delivering by webhook, several updates at once: other residents are answered all the same. Each check is
/// causal: the other resident's reply is stored while the fake still holds the hanging call open.
/// </summary>
public sealed class HangingPlatformTests
{
    private const string Secret = "webhook-secret-for-tests";
    private const long Anna = 7401;
    private const long Bob = 7402;
    private const long Group = -7400;

    [Fact]
    public async Task A_residents_start_is_stored_while_the_bot_api_hangs_on_another_residents_koppel()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var host = WebhookHost(telegram);
        var http = await StartAsync(host, telegram);
        telegram.SetChatMemberStatus(Group.ToString(), Anna.ToString(), "administrator");

        // 1. /koppel waits for getChatMember; Bob's /start is answered meanwhile.
        var adminCheck = telegram.Hang("getChatMember");
        var koppel = PostAsync(http, Command(Group, Anna, "/koppel"));
        await adminCheck.WaitAsync(TelegramBot.Patience);
        await AnsweredWhileHangingAsync(host, telegram, http, Command(Bob, Bob, "/start"), "getChatMember");
        Assert.False(koppel.IsCompleted);
        telegram.ReleaseHungCalls();
        Assert.Equal(HttpStatusCode.OK, (await koppel).StatusCode);
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Group.ToString()
            && (c.Text("text") ?? "").Contains("Bij welke buurt"), TelegramBot.Patience);

        // 2. A button press is acknowledged to Telegram while answerCallbackQuery still hangs.
        int souburgh;
        await using (var db = host.OpenDb()) souburgh = await db.Buurten.Where(b => b.Name == "Souburgh").Select(b => b.Id).SingleAsync();
        var spinner = telegram.Hang("answerCallbackQuery");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, CallbackQuery(Group, Anna, $"buurt:{souburgh}", messageId: 2))).StatusCode);
        await spinner.WaitAsync(TelegramBot.Patience);
        Assert.Equal(1, telegram.Hanging("answerCallbackQuery"));
        telegram.ReleaseHungCalls();

        // 3. Finishing /koppel waits for getChatAdministrators; Bob is answered meanwhile.
        var admins = telegram.Hang("getChatAdministrators");
        var finish = PostAsync(http, CallbackQuery(Group, Anna, "straten:skip", messageId: 3));
        await admins.WaitAsync(TelegramBot.Patience);
        await AnsweredWhileHangingAsync(host, telegram, http, Command(Bob, Bob, "/help"), "getChatAdministrators");
        Assert.False(finish.IsCompleted);
        telegram.ReleaseHungCalls();
        Assert.Equal(HttpStatusCode.OK, (await finish).StatusCode);
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Group.ToString()
            && (c.Text("text") ?? "").Contains("gekoppeld aan Souburgh"), TelegramBot.Patience);
    }

    [Fact]
    public async Task A_residents_start_is_stored_while_the_file_server_hangs_on_a_coordinators_broadcast_photo()
    {
        const long Carla = 7403;
        await using var telegram = await FakeTelegramServer.StartAsync();
        await using var host = WebhookHost(telegram);
        var http = await StartAsync(host, telegram);
        // A real photo with a GPS position: what is kept is the same picture without it.
        var jpeg = TestPhotos.JpegWithGps();
        telegram.AddFile("omroep-photo", jpeg);

        await PostAsync(http, Command(Carla, Carla, "/start"));
        await AccessCli.OkAsync(host, "roles", "grant", "--member", $"telegram:{Carla}", "--role", "coordinator");
        await PostAsync(http, Command(Carla, Carla, "/omroep"));
        await PostAsync(http, CallbackQuery(Carla, Carla, "omroep:all", messageId: 2));
        await PostAsync(http, PrivateText(Carla, "Zaterdag is de straat schoonmaakdag."));
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Carla.ToString()
            && (c.Text("text") ?? "").Contains("Wil je er een foto bij?"), TelegramBot.Patience);

        var downloading = telegram.HangDownload("omroep-photo");
        var photo = PostAsync(http, Photo(Carla, Carla, "omroep-photo", fileSize: jpeg.Length));
        await downloading.WaitAsync(TelegramBot.Patience);
        int before;
        await using (var db = host.OpenDb()) before = await db.OutboxMessages.CountAsync(o => o.ChatId == Bob.ToString());
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, Command(Bob, Bob, "/start"))).StatusCode);
        // Bob's reply is committed while the photo's turn still waits for the file.
        await using (var db = host.OpenDb()) Assert.True(await db.OutboxMessages.CountAsync(o => o.ChatId == Bob.ToString()) > before);
        Assert.False(photo.IsCompleted);

        telegram.ReleaseDownloads();
        Assert.Equal(HttpStatusCode.OK, (await photo).StatusCode);
        await telegram.WaitForCallAsync(c => c.Method == "sendMessage" && c.ChatId == Carla.ToString()
            && (c.Text("text") ?? "").Contains("Wil je er een link bij?"), TelegramBot.Patience);
        var kept = Assert.Single(Directory.GetFiles(Path.Combine(host.DataFolder, "omroep")));
        var stored = await File.ReadAllBytesAsync(kept);
        Assert.True(TestPhotos.IsCleanImage(stored));
        Assert.False(TestPhotos.HasGps(stored));
    }

    private static BotHost WebhookHost(FakeTelegramServer telegram) => new(settings: new Dictionary<string, string?>
    {
        ["Telegram:BotToken"] = telegram.Token,
        ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
        ["Telegram:Mode"] = "Webhook",
        ["Telegram:WebhookUrl"] = "https://bot.example.test/telegram/webhook",
        ["Telegram:WebhookSecret"] = Secret,
        // Longer than the test: the hanging calls end when the test releases them, not by a timeout.
        ["Conversations:PlatformCallTimeout"] = "00:10:00",
    });

    private static async Task<HttpClient> StartAsync(BotHost host, FakeTelegramServer telegram)
    {
        var http = await host.StartAsync();
        await telegram.WaitForCallAsync("setWebhook", TelegramBot.Patience);
        return http;
    }

    /// <summary>Posts the update and checks its reply was committed to the outbox while <paramref name="method"/> still hangs.</summary>
    private static async Task AnsweredWhileHangingAsync(BotHost host, FakeTelegramServer telegram, HttpClient http, JsonObject update, string method)
    {
        var chatId = update["message"]!["chat"]!["id"]!.ToString();
        int before;
        await using (var db = host.OpenDb()) before = await db.OutboxMessages.CountAsync(o => o.ChatId == chatId);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, update)).StatusCode);
        // The webhook answers once the turn committed: the reply is stored, and the other call is still open.
        Assert.Equal(1, telegram.Hanging(method));
        await using (var db = host.OpenDb()) Assert.True(await db.OutboxMessages.CountAsync(o => o.ChatId == chatId) > before);
    }

    private static long _updateId = 1000;

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, JsonObject update)
    {
        update["update_id"] ??= Interlocked.Increment(ref _updateId);
        var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", Secret);
        return http.SendAsync(request);
    }
}
