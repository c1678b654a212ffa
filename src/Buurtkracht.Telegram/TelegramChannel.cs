using System.Text.Json;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Buurtkracht.Telegram;

/// <summary>Sends neutral outgoing messages to Telegram and reports how it went.</summary>
public sealed class TelegramChannel(
    ITelegramBotClient client, TelegramBotIdentity bot, IServiceProvider services, IOptions<TelegramOptions> options, ILogger<TelegramChannel> logger)
    : IChannel
{
    public ChannelKind Kind => ChannelKind.Telegram;

    public async Task<SendResult> SendAsync(string chatId, OutgoingMessage message, string? editPlatformMessageId, CancellationToken ct)
    {
        try
        {
            if (message.CommandMenu is { } audiences)
            {
                // Resolved here, not injected: the catalog's commands and handlers reach the channels, so the
                // constructor would close a circle.
                var catalog = services.GetRequiredService<ICommandCatalog>();
                await TelegramMenus.SetAsync(client, BotCommandScope.Chat(TelegramApi.Chat(chatId)), TelegramMenus.Private(catalog, audiences), ct);
                return new SendResult.Sent(null);
            }
            if (message.EditsOutboxId is not null && long.TryParse(editPlatformMessageId, out var messageId))
                return await EditAsync(chatId, messageId, message, ct);
            if (message.PhotoPath is { } photo)
                return await SendFileAsync(chatId, message, photo, asPhoto: true, ct);
            if (message.DocumentPath is { } document)
                return await SendFileAsync(chatId, message, document, asPhoto: false, ct);
            return await SendTextAsync(chatId, message.Text, TelegramRendering.ReplyMarkup(message, DeepLink), ct);
        }
        catch (ApiRequestException ex)
        {
            return Classify(ex);
        }
        // RequestException: no answer in the Bot API's shape (a network failure, a proxy's error page).
        catch (Exception ex) when (ex is RequestException or HttpRequestException or TimeoutException or JsonException)
        {
            logger.LogDebug(ex, "Sending to Telegram failed");
            return new SendResult.Transient($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    internal static SendResult Classify(ApiRequestException ex)
    {
        var reason = $"{ex.ErrorCode} {ex.Message}";
        return ex switch
        {
            // Flood control: Telegram holds back the bot, not one chat.
            { ErrorCode: 429 } => new SendResult.RetryAfter(TimeSpan.FromSeconds(ex.Parameters?.RetryAfter ?? 5), reason, ChannelWide: true),
            { ErrorCode: 403 } => new SendResult.Unreachable(reason),
            // A group that became a supergroup lives on under a new id: the dispatcher re-addresses it and sends there.
            { Parameters.MigrateToChatId: { } newId } => new SendResult.Moved(newId.ToString(), reason),
            { ErrorCode: 400 } when IsGoneChat(ex.Message) => new SendResult.Unreachable(reason),
            { ErrorCode: 400 } => new SendResult.Rejected(reason),
            _ => new SendResult.Transient(reason),
        };
    }

    private static bool IsGoneChat(string description) =>
        description.Contains("chat not found", StringComparison.OrdinalIgnoreCase)
        || description.Contains("bot was kicked", StringComparison.OrdinalIgnoreCase)
        || description.Contains("user is deactivated", StringComparison.OrdinalIgnoreCase);

    private async Task<SendResult> SendTextAsync(string chatId, string text, ReplyMarkup? replyMarkup, CancellationToken ct)
    {
        var parts = TelegramRendering.SplitText(text);
        Message? last = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var markup = i == parts.Count - 1 ? replyMarkup : null;
            var html = TelegramRendering.Html(parts[i]);
            last = await TelegramApi.CallAsync("sendMessage",
                token => client.SendMessage(TelegramApi.Chat(chatId), html, ParseMode.Html, replyMarkup: markup, cancellationToken: token), ct);
        }
        return Sent(last!);
    }

    private async Task<SendResult> SendFileAsync(string chatId, OutgoingMessage message, string path, bool asPhoto, CancellationToken ct)
    {
        if (!File.Exists(path))
            return new SendResult.Rejected($"file not found: {Path.GetFileName(path)}");
        var markup = TelegramRendering.ReplyMarkup(message, DeepLink);
        var captionFits = message.Text.Length <= TelegramRendering.MaxCaptionLength;
        var caption = captionFits && message.Text.Length > 0 ? TelegramRendering.Html(message.Text) : null;
        var fileMarkup = captionFits ? markup : null;
        var sent = await TelegramApi.CallAsync(asPhoto ? "sendPhoto" : "sendDocument", async token =>
        {
            await using var file = File.OpenRead(path);
            var upload = InputFile.FromStream(file, Path.GetFileName(path));
            return asPhoto
                ? await client.SendPhoto(TelegramApi.Chat(chatId), upload, caption, ParseMode.Html, replyMarkup: fileMarkup, cancellationToken: token)
                : await client.SendDocument(TelegramApi.Chat(chatId), upload, caption, ParseMode.Html, replyMarkup: fileMarkup, cancellationToken: token);
        }, ct, TelegramApi.CallTimeout * 2);
        return captionFits ? Sent(sent) : await SendTextAsync(chatId, message.Text, markup, ct);
    }

    private async Task<SendResult> EditAsync(string chatId, long messageId, OutgoingMessage message, CancellationToken ct)
    {
        // An edited message keeps one part: the engine's edits are short status lines, not long texts.
        var text = TelegramRendering.SplitText(message.Text)[0];
        try
        {
            await TelegramApi.CallAsync("editMessageText", token => client.EditMessageText(TelegramApi.Chat(chatId), checked((int)messageId),
                TelegramRendering.Html(text), ParseMode.Html, TelegramRendering.InlineKeyboard(message, DeepLink), cancellationToken: token), ct);
        }
        catch (ApiRequestException ex) when (ex.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
        {
            // The message already reads like this (a double tap on a button): that is what was wanted.
        }
        return new SendResult.Sent(messageId.ToString());
    }

    private static SendResult Sent(Message message) => new SendResult.Sent(message.Id.ToString());

    public async Task<bool> IsGroupAdminAsync(string chatId, string userId, CancellationToken ct)
    {
        try
        {
            var member = await GetChatMemberAsync(chatId, userId, ct);
            return member.Status is ChatMemberStatus.Creator or ChatMemberStatus.Administrator;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode is 400 or 403)
        {
            logger.LogDebug("getChatMember refused ({Code}): treating the user as no admin", ex.ErrorCode);
            return false;
        }
    }

    public async Task<bool> IsGroupMemberAsync(string chatId, string userId, CancellationToken ct)
    {
        try
        {
            return TelegramUpdateMapper.IsPresent(await GetChatMemberAsync(chatId, userId, ct));
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Message.Contains("not found", StringComparison.OrdinalIgnoreCase))
        {
            // "user not found" / "member not found": Telegram does not know the user in this chat.
            return false;
        }
    }

    public async Task<IReadOnlyList<Sender>> GetGroupAdminsAsync(string chatId, CancellationToken ct)
    {
        var admins = await TelegramApi.CallAsync("getChatAdministrators",
            token => client.GetChatAdministrators(TelegramApi.Chat(chatId), cancellationToken: token), ct);
        return admins
            .Select(admin => admin.User)
            .Where(user => !user.IsBot)
            .Select(TelegramUpdateMapper.ToSender)
            .ToList();
    }

    private Task<ChatMember> GetChatMemberAsync(string chatId, string userId, CancellationToken ct) =>
        TelegramApi.CallAsync("getChatMember",
            token => client.GetChatMember(TelegramApi.Chat(chatId), long.Parse(userId), token), ct);

    // Before getMe has answered there is no link: the button stays a press, which the engine answers as well.
    private string? DeepLink(string payload) =>
        bot.Username is null ? null : PrivateChatLink(payload);

    /// <exception cref="InvalidOperationException">getMe has not answered yet, so the bot's username is unknown.</exception>
    public string PrivateChatLink(string payload) =>
        bot.Username is { } username
            ? $"https://t.me/{username}?start={Uri.EscapeDataString(payload)}"
            : throw new InvalidOperationException("The Telegram bot's username is not known yet (getMe has not answered).");

    /// <summary>Downloads a photo a resident sent, at most <see cref="TelegramOptions.MaxPhotoBytes"/>.</summary>
    /// <exception cref="InvalidDataException">The photo is larger than allowed.</exception>
    public Task<long> DownloadPhotoAsync(string fileId, Stream destination, CancellationToken ct) =>
        TelegramApi.DownloadAsync(client, fileId, destination, options.Value.MaxPhotoBytes, ct);
}
