using System.Text.Json;
using System.Text.Json.Serialization;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Buurtkracht.Telegram;

/// <summary>
/// What the adapter adds around Telegram.Bot's client: one way to build it, a time limit per call, and the calls the
/// library has no shape for that the adapter needs (raw updates, a capped download).
/// </summary>
internal static class TelegramApi
{
    public const string HttpClientName = "Telegram";
    public const string DefaultBaseUrl = "https://api.telegram.org";

    /// <summary>The update kinds the bot asks for; chat_member is not sent unless asked for.</summary>
    public static readonly IReadOnlyList<UpdateType> AllowedUpdates =
        [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.MyChatMember, UpdateType.ChatMember];

    // The HttpClient has no timeout of its own: a long poll legitimately hangs for PollingTimeoutSeconds, while an
    // ordinary call that takes this long is stuck.
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The library's client on the given HttpClient. Its own 429 retries are off: it would sleep inside a send while
    /// the dispatcher's limiter and the outbox (which own retries, across restarts) believe the message is in flight.
    /// </summary>
    public static TelegramBotClient CreateClient(TelegramOptions options, HttpClient http)
    {
        var baseUrl = options.ApiBaseUrl.TrimEnd('/');
        // Only a base URL other than Telegram's own is passed: the library takes any base URL for a local Bot API
        // server, which changes nothing for relative file paths (what Telegram and the fake answer).
        var settings = new TelegramBotClientOptions(options.BotToken!, baseUrl == DefaultBaseUrl ? null : baseUrl)
        {
            RetryCount = 0,
            RetryThreshold = 0,
        };
        return new TelegramBotClient(settings, http);
    }

    /// <summary>Numeric chat ids go out as numbers, as the API documents them; anything else (an @username) as text.</summary>
    public static ChatId Chat(string chatId) => long.TryParse(chatId, out var id) ? new ChatId(id) : new ChatId(chatId);

    /// <summary>Runs one call with a time limit of its own; a call that runs out of time throws <see cref="TimeoutException"/>.</summary>
    public static async Task<T> CallAsync<T>(string method, Func<CancellationToken, Task<T>> call, CancellationToken ct, TimeSpan? timeout = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? CallTimeout);
        try
        {
            return await call(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Telegram {method} did not answer in time.");
        }
        catch (RequestException ex) when (ex.InnerException is OperationCanceledException && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Telegram {method} did not answer in time.");
        }
    }

    public static Task CallAsync(string method, Func<CancellationToken, Task> call, CancellationToken ct, TimeSpan? timeout = null) =>
        CallAsync(method, async token => { await call(token); return true; }, ct, timeout);

    /// <summary>
    /// Long-polls for updates, each one raw: Telegram.Bot reads a batch as a whole, so one update it cannot read
    /// (a chat member status Telegram invented later) would stop the batch, and with it the offset, for good.
    /// </summary>
    public static Task<JsonElement[]> GetRawUpdatesAsync(ITelegramBotClient client, long? offset, int timeoutSeconds, CancellationToken ct) =>
        CallAsync("getUpdates",
            token => client.SendRequest(new RawUpdatesRequest { Offset = offset, Timeout = timeoutSeconds, AllowedUpdates = AllowedUpdates }, token),
            ct, TimeSpan.FromSeconds(timeoutSeconds) + CallTimeout);

    /// <summary>Downloads a file into <paramref name="destination"/>, refusing it once it passes <paramref name="maxBytes"/>.</summary>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="InvalidDataException">The file is larger than <paramref name="maxBytes"/>.</exception>
    /// <exception cref="ApiRequestException">Telegram refused the file (a 400 for an unknown id, "file is too big").</exception>
    public static async Task<long> DownloadAsync(ITelegramBotClient client, string fileId, Stream destination, long maxBytes, CancellationToken ct)
    {
        var file = await CallAsync("getFile", token => client.GetFile(fileId, token), ct);
        if (file.FileSize > maxBytes)
            throw new InvalidDataException($"The file is {file.FileSize} bytes, more than the {maxBytes} allowed.");
        if (string.IsNullOrEmpty(file.FilePath))
            throw new ApiRequestException("no file_path: the file cannot be downloaded", 400);
        var capped = new CappedStream(destination, maxBytes);
        await CallAsync("file download", token => client.DownloadFile(file.FilePath, capped, token), ct, CallTimeout * 2);
        return capped.Written;
    }

    /// <summary>getUpdates answered as raw JSON elements; serialized by the library with its snake_case options.</summary>
    private sealed class RawUpdatesRequest() : RequestBase<JsonElement[]>("getUpdates")
    {
        [JsonPropertyName("offset")]
        public long? Offset { get; init; }

        [JsonPropertyName("timeout")]
        public int Timeout { get; init; }

        [JsonPropertyName("allowed_updates")]
        public IReadOnlyList<UpdateType> AllowedUpdates { get; init; } = [];
    }

    /// <summary>Passes writes through until more than the cap has come: a file that claims to be small may not be.</summary>
    private sealed class CappedStream(Stream inner, long maxBytes) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            if (Written + buffer.Length > maxBytes)
                throw new InvalidDataException($"The file is more than the {maxBytes} bytes allowed.");
            Written += buffer.Length;
            await inner.WriteAsync(buffer, ct);
        }

        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
