using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Telegram;

/// <summary>Telegram answered <c>ok: false</c>; the fields are those of its error envelope.</summary>
public sealed class TelegramApiException(string method, int errorCode, string description, int? retryAfter = null, long? migrateToChatId = null)
    : Exception($"Telegram {method} failed: {errorCode} {description}")
{
    public string Method { get; } = method;
    public int ErrorCode { get; } = errorCode;
    public string Description { get; } = description;
    public int? RetryAfter { get; } = retryAfter;
    public long? MigrateToChatId { get; } = migrateToChatId;
}

/// <summary>A small typed client for the Telegram Bot API methods the bot uses.</summary>
public sealed class TelegramBotClient(IHttpClientFactory httpClients, IOptions<TelegramOptions> options, ILogger<TelegramBotClient> logger)
{
    internal const string HttpClientName = "Telegram";

    /// <summary>The update kinds the bot asks for; chat_member is not sent unless asked for.</summary>
    public static readonly IReadOnlyList<string> AllowedUpdates = ["message", "callback_query", "my_chat_member", "chat_member"];

    // The HttpClient has no timeout of its own: a long poll legitimately hangs for PollingTimeoutSeconds, while an
    // ordinary call that takes this long is stuck.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly TelegramOptions _options = options.Value;

    public Task<TgUser> GetMeAsync(CancellationToken ct) => CallAsync<TgUser>("getMe", new { }, ct);

    /// <summary>Long-polls for updates; each one comes back raw so that one odd update cannot spoil the batch.</summary>
    public Task<JsonElement[]> GetUpdatesAsync(long? offset, int timeoutSeconds, CancellationToken ct) =>
        CallAsync<JsonElement[]>("getUpdates", new { Offset = offset, Timeout = timeoutSeconds, AllowedUpdates }, ct,
            TimeSpan.FromSeconds(timeoutSeconds) + CallTimeout);

    public Task SetWebhookAsync(string url, string? secretToken, CancellationToken ct) =>
        CallAsync<bool>("setWebhook", new { Url = url, SecretToken = secretToken, AllowedUpdates }, ct);

    public Task DeleteWebhookAsync(CancellationToken ct) => CallAsync<bool>("deleteWebhook", new { }, ct);

    /// <summary>
    /// Sends <c>html</c> (parse mode HTML, already escaped) with a <see cref="TgInlineKeyboardMarkup"/>,
    /// <see cref="TgReplyKeyboardMarkup"/> or <see cref="TgForceReply"/>.
    /// </summary>
    public Task<TgMessage> SendMessageAsync(string chatId, string html, object? replyMarkup, CancellationToken ct) =>
        CallAsync<TgMessage>("sendMessage",
            new { ChatId = ChatIdValue(chatId), Text = html, ParseMode = "HTML", ReplyMarkup = replyMarkup }, ct);

    /// <summary>Replaces a message's text and its inline keyboard (a null keyboard removes it).</summary>
    public Task EditMessageTextAsync(string chatId, long messageId, string html, TgInlineKeyboardMarkup? keyboard, CancellationToken ct) =>
        CallAsync<JsonElement>("editMessageText",
            new { ChatId = ChatIdValue(chatId), MessageId = messageId, Text = html, ParseMode = "HTML", ReplyMarkup = keyboard }, ct);

    public Task EditMessageReplyMarkupAsync(string chatId, long messageId, TgInlineKeyboardMarkup? keyboard, CancellationToken ct) =>
        CallAsync<JsonElement>("editMessageReplyMarkup",
            new { ChatId = ChatIdValue(chatId), MessageId = messageId, ReplyMarkup = keyboard }, ct);

    public Task AnswerCallbackQueryAsync(string callbackQueryId, CancellationToken ct) =>
        CallAsync<bool>("answerCallbackQuery", new { CallbackQueryId = callbackQueryId }, ct);

    public Task<TgChatMember> GetChatMemberAsync(string chatId, string userId, CancellationToken ct) =>
        CallAsync<TgChatMember>("getChatMember", new { ChatId = ChatIdValue(chatId), UserId = ChatIdValue(userId) }, ct);

    public Task<TgChatMember[]> GetChatAdministratorsAsync(string chatId, CancellationToken ct) =>
        CallAsync<TgChatMember[]>("getChatAdministrators", new { ChatId = ChatIdValue(chatId) }, ct);

    /// <summary>
    /// Sets the command menu for a BotCommandScope type ("default", "all_private_chats") and a language; a null
    /// language code sets the list for users whose language has no list of its own.
    /// </summary>
    public Task SetMyCommandsAsync(IReadOnlyList<TgBotCommand> commands, string scopeType, string? languageCode, CancellationToken ct) =>
        CallAsync<bool>("setMyCommands", new { Commands = commands, Scope = new { Type = scopeType }, LanguageCode = languageCode }, ct);

    public Task<TgFile> GetFileAsync(string fileId, CancellationToken ct) => CallAsync<TgFile>("getFile", new { FileId = fileId }, ct);

    /// <summary>Downloads a file into <paramref name="destination"/>, refusing it once it passes <paramref name="maxBytes"/>.</summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="InvalidDataException">The file is larger than <paramref name="maxBytes"/>.</exception>
    public async Task<long> DownloadFileAsync(string fileId, Stream destination, long maxBytes, CancellationToken ct)
    {
        var file = await GetFileAsync(fileId, ct);
        if (file.FileSize > maxBytes)
            throw new InvalidDataException($"The file is {file.FileSize} bytes, more than the {maxBytes} allowed.");
        if (string.IsNullOrEmpty(file.FilePath))
            throw new TelegramApiException("getFile", 400, "no file_path: the file cannot be downloaded");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(CallTimeout * 2);
        try
        {
            using var response = await Http().GetAsync(FileUri(file.FilePath), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
                throw new TelegramApiException("file download", (int)response.StatusCode, response.ReasonPhrase ?? "download failed");
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            return await CopyCappedAsync(body, destination, maxBytes, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException("The Telegram file download did not finish in time.");
        }
    }

    public Task<TgMessage> SendPhotoAsync(string chatId, string path, string? captionHtml, object? replyMarkup, CancellationToken ct) =>
        SendFileAsync("sendPhoto", "photo", chatId, path, captionHtml, replyMarkup, ct);

    public Task<TgMessage> SendDocumentAsync(string chatId, string path, string? captionHtml, object? replyMarkup, CancellationToken ct) =>
        SendFileAsync("sendDocument", "document", chatId, path, captionHtml, replyMarkup, ct);

    private async Task<TgMessage> SendFileAsync(string method, string field, string chatId, string path, string? captionHtml,
        object? replyMarkup, CancellationToken ct)
    {
        await using var file = File.OpenRead(path);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(chatId), "chat_id" },
        };
        if (captionHtml is not null)
        {
            form.Add(new StringContent(captionHtml), "caption");
            form.Add(new StringContent("HTML"), "parse_mode");
        }
        if (replyMarkup is not null)
            form.Add(new StringContent(JsonSerializer.Serialize(replyMarkup, TelegramJson.Options)), "reply_markup");
        var fileContent = new StreamContent(file);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(fileContent, field, Path.GetFileName(path));
        return await CallAsync<TgMessage>(method, form, ct, CallTimeout * 2);
    }

    private Task<T> CallAsync<T>(string method, object parameters, CancellationToken ct, TimeSpan? timeout = null) =>
        CallAsync<T>(method, JsonContent.Create(parameters, parameters.GetType(), options: TelegramJson.Options), ct, timeout);

    private async Task<T> CallAsync<T>(string method, HttpContent content, CancellationToken ct, TimeSpan? timeout = null)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout ?? CallTimeout);
        try
        {
            // The token is part of the URL: log the method only, never the request.
            using var response = await Http().PostAsync(MethodUri(method), content, timeoutSource.Token);
            logger.LogDebug("Telegram {Method} answered {Status}", method, (int)response.StatusCode);
            var envelope = await ReadEnvelopeAsync<T>(response, timeoutSource.Token);
            if (envelope is { Ok: true })
                return envelope.Result!;
            throw new TelegramApiException(method, envelope?.ErrorCode ?? (int)response.StatusCode,
                envelope?.Description ?? response.ReasonPhrase ?? "no description",
                envelope?.Parameters?.RetryAfter, envelope?.Parameters?.MigrateToChatId);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Telegram {method} did not answer in time.");
        }
    }

    private static async Task<TgResponse<T>?> ReadEnvelopeAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<TgResponse<T>>(TelegramJson.Options, ct);
        }
        catch (JsonException) when (!response.IsSuccessStatusCode)
        {
            return null; // a proxy's HTML error page: the status code says enough
        }
    }

    private static async Task<long> CopyCappedAsync(Stream source, Stream destination, long maxBytes, CancellationToken ct)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > maxBytes)
                throw new InvalidDataException($"The file is more than the {maxBytes} bytes allowed.");
            await destination.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        return total;
    }

    // Numeric chat ids go out as numbers, as the API documents them; anything else (an @username) as text.
    private static object ChatIdValue(string chatId) => long.TryParse(chatId, out var id) ? id : chatId;

    private HttpClient Http() => httpClients.CreateClient(HttpClientName);

    private Uri MethodUri(string method) => new($"{_options.ApiBaseUrl.TrimEnd('/')}/bot{_options.BotToken}/{method}");

    private Uri FileUri(string filePath) => new($"{_options.ApiBaseUrl.TrimEnd('/')}/file/bot{_options.BotToken}/{filePath}");
}
