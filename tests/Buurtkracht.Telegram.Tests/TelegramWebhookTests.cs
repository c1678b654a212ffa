using System.Net;
using System.Text;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Telegram.Tests;

public sealed class TelegramWebhookTests : IAsyncLifetime
{
    private const string Secret = "s3cr3t-webhook-token";
    private static readonly TimeSpan Wait = TelegramTestServices.Wait;
    private readonly RecordingInboundHandler _handler = new();
    private readonly ListLoggerProvider _logs = new();
    private FakeTelegramServer _server = null!;
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeTelegramServer.StartAsync();
        _app = await StartBotAsync("Webhook");
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<WebApplication> StartBotAsync(string mode)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddProvider(_logs);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IInboundHandler>(_handler);
        builder.Services.AddSingleton<ICommandCatalog>(new StaticCommandCatalog());
        builder.Services.AddTelegramChannel(TelegramTestServices.Configure(_server, new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = mode,
            ["Telegram:WebhookUrl"] = "https://bot.example.nl/telegram/webhook",
            ["Telegram:WebhookSecret"] = Secret,
        }));
        var app = builder.Build();
        app.MapTelegramWebhook();
        await app.StartAsync();
        return app;
    }

    private Task<HttpResponseMessage> PostAsync(string body, string? secret = Secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, TelegramWebhookEndpoint.Path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
            request.Headers.Add(TelegramWebhookEndpoint.SecretHeader, secret);
        return _http.SendAsync(request);
    }

    private static string Update(long id, System.Text.Json.Nodes.JsonObject update)
    {
        update["update_id"] = id;
        return update.ToJsonString();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong")]
    [InlineData(Secret + "x")]
    public async Task A_missing_or_wrong_secret_is_401_and_nothing_is_handled(string? secret)
    {
        using var response = await PostAsync(Update(1, TelegramUpdates.PrivateText(4242, "hoi")), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_handler.Received);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("""{"update_id": "abc"}""")]
    public async Task Malformed_json_is_400_with_a_log_line(string body)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Telegram webhook received"));
        Assert.Empty(_handler.Received);
    }

    [Fact]
    public async Task A_valid_update_is_handled_and_answered_200()
    {
        using var response = await PostAsync(Update(31, TelegramUpdates.PrivateText(4242, "hoi")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single(_handler.Received);
        Assert.Equal("tg:31", message.UpdateId);
        Assert.Equal(new TextContent("hoi"), message.Content);
    }

    [Fact]
    public async Task A_duplicate_is_200_too()
    {
        _handler.Respond = _ => InboundOutcome.Duplicate;

        using var response = await PostAsync(Update(32, TelegramUpdates.PrivateText(4242, "hoi")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_failed_update_is_500_so_telegram_delivers_it_again()
    {
        _handler.Respond = _ => InboundOutcome.Failed;

        using var response = await PostAsync(Update(33, TelegramUpdates.CallbackQuery(4242, 4242, "ja")));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(_server.CallsTo("answerCallbackQuery"));
    }

    [Fact]
    public async Task A_button_press_is_answered_after_handling()
    {
        using var response = await PostAsync(Update(34, TelegramUpdates.CallbackQuery(4242, 4242, "ja", queryId: "q-34")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("q-34", (await _server.WaitForCallAsync("answerCallbackQuery", Wait)).Text("callback_query_id"));
    }

    [Fact]
    public async Task Startup_sets_the_webhook_with_secret_and_update_kinds_and_nothing_polls()
    {
        var call = await _server.WaitForCallAsync("setWebhook", Wait);

        Assert.Equal("https://bot.example.nl/telegram/webhook", call.Text("url"));
        Assert.Equal(Secret, call.Text("secret_token"));
        var kinds = call.Parameters["allowed_updates"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(["message", "callback_query", "my_chat_member", "chat_member"], kinds);
        Assert.Empty(_server.CallsTo("getUpdates"));
        Assert.Empty(_server.CallsTo("deleteWebhook"));
    }

    [Fact]
    public async Task In_polling_mode_there_is_no_webhook_endpoint()
    {
        await using var polling = await StartBotAsync("Polling");
        using var http = new HttpClient { BaseAddress = new Uri(polling.Urls.First()) };

        using var response = await http.PostAsync(TelegramWebhookEndpoint.Path, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
