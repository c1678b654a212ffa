using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Buurtkracht.Core.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Buurtkracht.Telegram;

public static class TelegramWebhookEndpoint
{
    public const string Path = "/telegram/webhook";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Maps POST /telegram/webhook, when Telegram is configured with Mode=Webhook; otherwise maps nothing.</summary>
    public static IEndpointRouteBuilder MapTelegramWebhook(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetService<IOptions<TelegramOptions>>()?.Value;
        if (options is { Mode: TelegramMode.Webhook } && !string.IsNullOrEmpty(options.BotToken))
            endpoints.MapPost(Path, (Func<HttpContext, Task<IResult>>)HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<TelegramOptions>>().Value;
        // Only the refusals log, so the logger is not looked up for every update.
        ILogger Logger() => services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelegramWebhookEndpoint));
        var ct = context.RequestAborted;

        if (!SecretMatches(options.WebhookSecret, context.Request.Headers[SecretHeader].ToString()))
            return Results.Unauthorized();

        // Straight from the body into Telegram.Bot's Update, with its own settings (JsonBotAPI.Options: unknown fields
        // skipped, unknown enum values read as 0): no JsonDocument in between, which cost a copy of every update.
        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, ct);
        }
        catch (JsonException ex)
        {
            Logger().LogWarning("Telegram webhook received malformed JSON or an update it cannot read: {Error}", ex.Message);
            return Results.BadRequest();
        }
        if (update is null)
        {
            Logger().LogWarning("Telegram webhook received a body that is not an update (JSON null)");
            return Results.BadRequest();
        }

        var inbound = services.GetRequiredService<TelegramInbound>();
        // Failed: nothing was stored, and a 500 makes Telegram deliver the update again later.
        var (outcome, answer) = await inbound.HandleAsync(update, ct);
        if (outcome == InboundOutcome.Failed)
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        // Not awaited: Telegram holds back further updates until the webhook answers, and a slow answerCallbackQuery (it
        // only stops the button's spinner, or shows the pop-up) must not hold that up. Its errors are logged inside.
        _ = inbound.AnswerCallbackQueryAsync(update, answer, CancellationToken.None);
        return Results.Ok();
    }

    // Hashing first gives equal lengths, so the comparison time says nothing about the secret; no secret set, no entry.
    private static bool SecretMatches(string? expected, string given) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
