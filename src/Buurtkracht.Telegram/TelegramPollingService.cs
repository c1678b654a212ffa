using System.Text.Json;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Buurtkracht.Telegram;

/// <summary>Receives updates by long polling getUpdates (Mode=Polling).</summary>
internal sealed class TelegramPollingService(
    ITelegramBotClient client,
    TelegramInbound inbound,
    TelegramStartup startup,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    /// <summary>How often an update whose handling failed is tried before it is skipped.</summary>
    internal const int HandleAttempts = 4;

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Polling before deleteWebhook went out would only earn a 409.
            await startup.Ready.WaitAsync(stoppingToken);
            await PollAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        long? offset = null;
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            JsonElement[] updates;
            try
            {
                updates = await TelegramApi.GetRawUpdatesAsync(client, offset, options.Value.PollingTimeoutSeconds, ct);
                failures = 0;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var delay = Backoff.Exponential(++failures, MaxBackoff);
                if (ex is ApiRequestException { ErrorCode: 409 })
                    logger.LogWarning("Telegram refuses getUpdates (409 conflict): a webhook is set or another instance is polling with this token. Retrying in {Delay}.", delay);
                else
                    logger.LogWarning("Telegram getUpdates failed ({Reason}); retrying in {Delay}.", ex.Message, delay);
                await Task.Delay(delay, time, ct);
                continue;
            }

            foreach (var raw in updates ?? [])
            {
                try
                {
                    await ProcessAsync(raw, ct);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    // A bug in one update must not stop the bot from receiving the next.
                    logger.LogError(ex, "Handling a Telegram update failed unexpectedly; skipping it.");
                }
                // Telegram drops an update once getUpdates is called with a higher offset.
                if (raw.ValueKind == JsonValueKind.Object && raw.TryGetProperty("update_id", out var id) && id.TryGetInt64(out var updateId))
                    offset = Math.Max(offset ?? 0, updateId + 1);
            }
        }
    }

    private async Task ProcessAsync(JsonElement raw, CancellationToken ct)
    {
        if (!TelegramUpdateReader.TryRead(raw, out var update, out var error))
        {
            logger.LogWarning("Skipping a Telegram update that does not parse: {Error}", error);
            return;
        }

        var (outcome, answer) = await inbound.HandleAsync(update, ct);
        for (var attempt = 1; outcome == InboundOutcome.Failed; attempt++)
        {
            if (attempt == HandleAttempts)
            {
                logger.LogWarning("Telegram update {UpdateId} still failed after {Attempts} attempts; skipping it.", update.Id, attempt);
                break;
            }
            await Task.Delay(Backoff.Exponential(attempt, MaxBackoff), time, ct);
            (outcome, answer) = await inbound.HandleAsync(update, ct);
        }
        await inbound.AnswerCallbackQueryAsync(update, answer, ct);
    }
}
