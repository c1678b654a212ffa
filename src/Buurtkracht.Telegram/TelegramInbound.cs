using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace Buurtkracht.Telegram;

/// <summary>Hands one update's messages to the engine and stops the button's spinner; shared by polling and webhook.</summary>
internal sealed class TelegramInbound(
    TelegramUpdateMapper mapper, IInboundHandler handler, ITelegramBotClient client, TelegramChannel channel, ILogger<TelegramInbound> logger)
{
    /// <summary>Pop-up texts longer than this are refused by answerCallbackQuery.</summary>
    internal const int MaxNoticeLength = 200;

    /// <returns>
    /// <see cref="InboundOutcome.Failed"/> as soon as one message fails (the engine skips the rest as duplicates on a
    /// retry), and how the engine wants a button press answered.
    /// </returns>
    public async Task<(InboundOutcome Outcome, PressAnswer? Answer)> HandleAsync(Update update, CancellationToken ct)
    {
        PressAnswer? answer = null;
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
                return (InboundOutcome.Failed, null);
            answer = message.Press?.Answer ?? answer;
        }
        return (InboundOutcome.Processed, answer);
    }

    /// <summary>Stops the button's spinner, with the engine's pop-up or deep link when it gave one.</summary>
    public async Task AnswerCallbackQueryAsync(Update update, PressAnswer? answer, CancellationToken ct)
    {
        if (update.CallbackQuery?.Id is not { Length: > 0 } id)
            return;
        var text = answer?.Notice is { } notice && notice.Length > MaxNoticeLength ? notice[..(MaxNoticeLength - 1)] + "…" : answer?.Notice;
        var url = answer?.OpensPrivately is { } payload ? DeepLink(payload) : null;
        try
        {
            await TelegramApi.CallAsync("answerCallbackQuery",
                token => client.AnswerCallbackQuery(id, text, answer?.Alert ?? false, url, cancellationToken: token), ct);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException or TimeoutException or System.Text.Json.JsonException)
        {
            // Only the button's spinner is left turning (it stops by itself); "query is too old" is common after a retry.
            logger.LogDebug("answerCallbackQuery failed: {Reason}", ex.Message);
        }
    }

    private string? DeepLink(string payload)
    {
        try
        {
            return channel.PrivateChatLink(payload);
        }
        catch (InvalidOperationException)
        {
            return null; // getMe has not answered yet: the press is only acknowledged
        }
    }
}
