using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Buurtkracht.Telegram;

/// <summary>Hands one update's messages to the engine and stops the button's spinner; shared by polling and webhook.</summary>
internal sealed class TelegramInbound(
    TelegramUpdateMapper mapper, IInboundHandler handler, ITelegramBotClient client, ILogger<TelegramInbound> logger)
{
    /// <returns><see cref="InboundOutcome.Failed"/> as soon as one message fails; the engine skips the rest as duplicates on a retry.</returns>
    public async Task<InboundOutcome> HandleAsync(Update update, CancellationToken ct)
    {
        foreach (var message in mapper.Map(update))
        {
            InboundOutcome outcome;
            try
            {
                outcome = await handler.HandleAsync(message, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogError(ex, "The engine threw on Telegram update {UpdateId}", message.UpdateId);
                outcome = InboundOutcome.Failed;
            }
            if (outcome == InboundOutcome.Failed)
                return InboundOutcome.Failed;
        }
        return InboundOutcome.Processed;
    }

    public async Task AnswerCallbackQueryAsync(Update update, CancellationToken ct)
    {
        if (update.CallbackQuery?.Id is not { Length: > 0 } id)
            return;
        try
        {
            await TelegramApi.CallAsync("answerCallbackQuery", token => client.AnswerCallbackQuery(id, cancellationToken: token), ct);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or TimeoutException or System.Text.Json.JsonException)
        {
            // Only the button's spinner is left turning (it stops by itself); "query is too old" is common after a retry.
            logger.LogDebug("answerCallbackQuery failed: {Reason}", ex.Message);
        }
    }
}
