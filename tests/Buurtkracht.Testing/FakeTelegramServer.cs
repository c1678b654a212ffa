using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Testing;

/// <summary>One request the fake Bot API received: the method, its parameters (query, form and JSON merged) and any uploaded files.</summary>
public sealed record RecordedCall(string Method, JsonObject Parameters, IReadOnlyDictionary<string, byte[]> Files, DateTimeOffset At)
{
    /// <summary>A parameter as text: a string or number as it is, an object or array as JSON.</summary>
    public string? Text(string name) => Parameters[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var node => node.ToJsonString(),
    };

    public string? ChatId => Text("chat_id");

    public override string ToString() => $"{Method} {Parameters.ToJsonString()}";
}

/// <summary>
/// An in-process Telegram Bot API on Kestrel (loopback, real HTTP) that records every call, serves updates to
/// getUpdates like the real API (long poll, offset confirmation) and can be scripted to fail.
/// </summary>
public sealed class FakeTelegramServer : IAsyncDisposable
{
    public const string DefaultToken = "7000001:AAH-fake-token-for-tests";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<RecordedCall> _calls = [];
    private readonly List<(Func<RecordedCall, bool> Predicate, TaskCompletionSource<RecordedCall> Done)> _waiters = [];
    private readonly List<(long Id, JsonNode Update)> _pending = [];
    private readonly List<FailureRule> _failures = [];
    private readonly Dictionary<(string Chat, string User), string> _memberStatus = [];
    private readonly Dictionary<string, JsonArray> _admins = [];
    private readonly Dictionary<string, (byte[] Content, string Path)> _files = [];
    private readonly Dictionary<(string Chat, long MessageId), string> _messageTexts = [];
    private readonly Dictionary<string, TaskCompletionSource> _hungFiles = [];
    private readonly Dictionary<string, TaskCompletionSource> _hungMethods = [];
    private readonly Dictionary<string, int> _hanging = [];
    private TaskCompletionSource _releaseMethods = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseDownloads = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _updateArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextUpdateId = 1000;
    private long _nextMessageId = 1;

    private FakeTelegramServer(WebApplication app, string token)
    {
        _app = app;
        Token = token;
        BotId = long.Parse(token.Split(':')[0]);
        app.Run(HandleAsync);
    }

    public static async Task<FakeTelegramServer> StartAsync(string token = DefaultToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeTelegramServer(builder.Build(), token);
        await server._app.StartAsync();
        server.BaseUrl = server._app.Urls.First();
        return server;
    }

    /// <summary>Goes in Telegram:ApiBaseUrl.</summary>
    public string BaseUrl { get; private set; } = "";

    public string Token { get; }

    public long BotId { get; }

    public string BotUsername { get; set; } = "buurtkracht_test_bot";

    /// <summary>
    /// When set, every message sent or edited in a chat counts against these limits at its arrival, and one that would
    /// exceed them is answered 429 with retry_after, as the real API does. Off (null) unless a test or benchmark sets it.
    /// </summary>
    public FakeRateLimit? Limits { get; set; }

    /// <summary>Set by setWebhook, cleared by deleteWebhook; while set, getUpdates answers 409 like the real API.</summary>
    public string? WebhookUrl { get; private set; }

    public IReadOnlyList<RecordedCall> Calls
    {
        get { lock (_gate) return _calls.ToList(); }
    }

    public IReadOnlyList<RecordedCall> CallsTo(string method) => Calls.Where(call => call.Method == method).ToList();

    // ---- updates ----

    /// <summary>Queues an update for getUpdates, giving it the next update_id unless it has one; returns the id.</summary>
    public long EnqueueUpdate(JsonObject update)
    {
        lock (_gate)
            update["update_id"] ??= _nextUpdateId;
        return Enqueue(update);
    }

    /// <summary>Queues raw update JSON (which must carry its own update_id) exactly as given; returns the id.</summary>
    public long EnqueueUpdate(string rawJson) => Enqueue(JsonNode.Parse(rawJson)!);

    private long Enqueue(JsonNode update)
    {
        var id = update["update_id"]!.GetValue<long>();
        lock (_gate)
        {
            _nextUpdateId = Math.Max(_nextUpdateId, id + 1);
            _pending.Add((id, update));
            _updateArrived.TrySetResult();
            _updateArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        return id;
    }

    /// <summary>Updates not yet confirmed by a getUpdates offset past them.</summary>
    public int PendingUpdateCount
    {
        get { lock (_gate) return _pending.Count; }
    }

    // ---- chat state ----

    /// <summary>The status getChatMember reports for the user in the chat ("member" unless set).</summary>
    public void SetChatMemberStatus(string chatId, string userId, string status)
    {
        lock (_gate) _memberStatus[(chatId, userId)] = status;
    }

    /// <summary>What getChatAdministrators answers for the chat (an empty list unless set).</summary>
    public void SetAdmins(string chatId, params (long UserId, string FirstName, string Status, bool IsBot)[] admins)
    {
        var list = new JsonArray(admins.Select(admin => (JsonNode)new JsonObject
        {
            ["status"] = admin.Status,
            ["user"] = TelegramUpdates.User(admin.UserId, admin.FirstName, isBot: admin.IsBot),
        }).ToArray());
        lock (_gate) _admins[chatId] = list;
    }

    /// <summary>A file for getFile and the /file/bot{token}/{path} download.</summary>
    public void AddFile(string fileId, byte[] content, string? filePath = null)
    {
        lock (_gate) _files[fileId] = (content, filePath ?? $"photos/{fileId}.jpg");
    }

    /// <summary>
    /// The download of <paramref name="fileId"/> hangs (like a stalled Telegram file server) until
    /// <see cref="ReleaseDownloads"/> or disposal. The returned task completes once a download of it has started.
    /// </summary>
    public Task HangDownload(string fileId)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _hungFiles[fileId] = started;
        return started.Task;
    }

    /// <summary>Lets every hanging download finish.</summary>
    public void ReleaseDownloads()
    {
        lock (_gate) _hungFiles.Clear();
        _releaseDownloads.TrySetResult();
    }

    /// <summary>
    /// Calls of <paramref name="method"/> (getChatMember, answerCallbackQuery, ...) hang, like a stalled Bot API, until
    /// <see cref="ReleaseHungCalls"/> or disposal; they are recorded when they arrive. The returned task completes once
    /// one has started hanging.
    /// </summary>
    public Task Hang(string method)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _hungMethods[method] = started;
        return started.Task;
    }

    /// <summary>How many calls of <paramref name="method"/> hang right now, neither answered nor given up by the caller.</summary>
    public int Hanging(string method)
    {
        lock (_gate) return _hanging.GetValueOrDefault(method);
    }

    /// <summary>Lets every hanging method call answer, and stops hanging new ones.</summary>
    public void ReleaseHungCalls()
    {
        TaskCompletionSource release;
        lock (_gate)
        {
            _hungMethods.Clear();
            release = _releaseMethods;
            _releaseMethods = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        release.TrySetResult();
    }

    // ---- scripted failures ----

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> ("*" for any), optionally only those for
    /// <paramref name="chatId"/>, answer with this error envelope instead of their result.
    /// </summary>
    public void Fail(string method, int errorCode, string description, int times = int.MaxValue, string? chatId = null, int? retryAfter = null)
    {
        lock (_gate) _failures.Add(new FailureRule(method, chatId, errorCode, description, retryAfter) { Remaining = times });
    }

    /// <summary>The next <paramref name="times"/> calls of the method to the chat answer 429 with retry_after.</summary>
    public void RateLimit(string method, string chatId, int times, int retryAfterSeconds) =>
        Fail(method, 429, $"Too Many Requests: retry after {retryAfterSeconds}", times, chatId, retryAfterSeconds);

    /// <summary>Every call for the chat answers 403, as after a user blocked the bot.</summary>
    public void BlockChat(string chatId, string description = "Forbidden: bot was blocked by the user") =>
        Fail("*", 403, description, chatId: chatId);

    /// <summary>
    /// The group was upgraded to a supergroup: from now on every call for <paramref name="oldChatId"/> answers 400 with
    /// parameters.migrate_to_chat_id, as the real API does for the dead id.
    /// </summary>
    public void MigrateChat(string oldChatId, long newChatId)
    {
        lock (_gate)
            _failures.Add(new FailureRule("*", oldChatId, 400, "Bad Request: group chat was upgraded to a supergroup chat", null, newChatId)
            {
                Remaining = int.MaxValue,
            });
    }

    /// <summary>The method answers 404 Not Found, as a server that does not know it would.</summary>
    public void NotSupported(string method) => Fail(method, 404, "Not Found");

    /// <summary>The next <paramref name="times"/> calls of the method answer 500.</summary>
    public void ServerError(string method, int times) => Fail(method, 500, "Internal Server Error", times);

    // ---- waiting ----

    /// <summary>Completes with the first recorded call that matches (earlier ones count too).</summary>
    /// <exception cref="TimeoutException">None came in time; the message lists the calls that did.</exception>
    public async Task<RecordedCall> WaitForCallAsync(Func<RecordedCall, bool> predicate, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<RecordedCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (predicate, done);
        lock (_gate)
        {
            if (_calls.FirstOrDefault(predicate) is { } already)
                return already;
            _waiters.Add(waiter);
        }
        try
        {
            return await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"No matching Telegram call within {timeout}. Calls seen:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", Calls));
        }
        finally
        {
            lock (_gate) _waiters.Remove(waiter);
        }
    }

    public Task<RecordedCall> WaitForCallAsync(string method, TimeSpan timeout) => WaitForCallAsync(call => call.Method == method, timeout);

    public async ValueTask DisposeAsync()
    {
        ReleaseDownloads();
        ReleaseHungCalls();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // ---- the server ----

    private sealed record FailureRule(string Method, string? ChatId, int ErrorCode, string Description, int? RetryAfter, long? MigrateTo = null)
    {
        public int Remaining { get; set; }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var isFile = path.StartsWith("/file/bot", StringComparison.Ordinal);
        var rest = path[(isFile ? "/file/bot".Length : "/bot".Length)..];
        var slash = rest.IndexOf('/');
        if (!path.StartsWith(isFile ? "/file/bot" : "/bot", StringComparison.Ordinal) || slash < 0 || rest[..slash] != Token)
        {
            await Reply(context, Error(401, "Unauthorized"));
            return;
        }
        var target = rest[(slash + 1)..];
        if (isFile)
        {
            await ServeFileAsync(context, target);
            return;
        }

        var (parameters, files) = await ReadParametersAsync(context.Request);
        var call = new RecordedCall(target, parameters, files, DateTimeOffset.UtcNow);
        Record(call);
        await HangIfAskedAsync(target, context.RequestAborted);
        var failure = TakeFailure(call) ?? TakeRateLimit(call);
        var reply = failure ?? (target == "getUpdates"
            ? await GetUpdatesAsync(parameters, context.RequestAborted)
            : Answer(call));
        await Reply(context, reply);
    }

    private async Task HangIfAskedAsync(string method, CancellationToken aborted)
    {
        Task release;
        lock (_gate)
        {
            if (!_hungMethods.TryGetValue(method, out var started)) return;
            _hanging[method] = _hanging.GetValueOrDefault(method) + 1;
            release = _releaseMethods.Task;
            started.TrySetResult();
        }
        try
        {
            await release.WaitAsync(aborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up (its timeout): the answer below goes nowhere.
        }
        finally
        {
            lock (_gate) _hanging[method]--;
        }
    }

    private void Record(RecordedCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
            foreach (var (predicate, done) in _waiters.Where(waiter => waiter.Predicate(call)).ToList())
                done.TrySetResult(call);
        }
    }

    private JsonObject? TakeFailure(RecordedCall call)
    {
        lock (_gate)
        {
            var rule = _failures.FirstOrDefault(rule =>
                rule.Remaining > 0
                && (rule.Method == "*" || rule.Method == call.Method)
                && (rule.ChatId is null || rule.ChatId == call.ChatId));
            if (rule is null)
                return null;
            rule.Remaining--;
            var error = Error(rule.ErrorCode, rule.Description);
            if (rule.RetryAfter is { } seconds)
                error["parameters"] = new JsonObject { ["retry_after"] = seconds };
            if (rule.MigrateTo is { } newChatId)
                error["parameters"] = new JsonObject { ["migrate_to_chat_id"] = newChatId };
            return error;
        }
    }

    private JsonObject? TakeRateLimit(RecordedCall call)
    {
        if (Limits is not { } limit || call.ChatId is not { } chatId
            || !(call.Method.StartsWith("send", StringComparison.Ordinal) || call.Method.StartsWith("edit", StringComparison.Ordinal)))
            return null;
        if (limit.TryAccept(chatId, call.Text("text") ?? call.Text("caption") ?? call.Method) is not { } wait)
            return null;
        var seconds = FakeRateLimit.WholeSeconds(wait);
        var error = Error(429, $"Too Many Requests: retry after {seconds}");
        error["parameters"] = new JsonObject { ["retry_after"] = seconds };
        return error;
    }

    private JsonObject Answer(RecordedCall call)
    {
        var p = call.Parameters;
        lock (_gate)
        {
            switch (call.Method)
            {
                case "getMe":
                    return Ok(TelegramUpdates.User(BotId, "Buurtkracht", isBot: true, username: BotUsername));
                case "sendMessage":
                    return Ok(NewMessage(call, new JsonObject { ["text"] = call.Text("text") }));
                case "sendPhoto":
                    return Ok(NewMessage(call, new JsonObject
                    {
                        ["photo"] = new JsonArray(new JsonObject { ["file_id"] = $"sent-photo-{_nextMessageId}", ["width"] = 800, ["height"] = 600 }),
                        ["caption"] = call.Text("caption"),
                    }));
                case "sendDocument":
                    return Ok(NewMessage(call, new JsonObject { ["document"] = new JsonObject { ["file_id"] = $"sent-doc-{_nextMessageId}" } }));
                case "editMessageText":
                    return EditMessageText(call);
                case "editMessageReplyMarkup" or "answerCallbackQuery" or "setMyCommands" or "deleteMyCommands":
                    return Ok(true);
                case "setWebhook":
                    WebhookUrl = call.Text("url");
                    return Ok(true);
                case "deleteWebhook":
                    WebhookUrl = null;
                    return Ok(true);
                case "getChatMember":
                    var chat = call.ChatId ?? "";
                    var user = call.Text("user_id") ?? "";
                    return Ok(new JsonObject
                    {
                        ["status"] = _memberStatus.GetValueOrDefault((chat, user), "member"),
                        ["user"] = TelegramUpdates.User(long.TryParse(user, out var userId) ? userId : 0, $"User{user}"),
                    });
                case "getChatAdministrators":
                    return Ok(_admins.TryGetValue(call.ChatId ?? "", out var admins) ? admins.DeepClone() : new JsonArray());
                case "getFile":
                    var fileId = call.Text("file_id") ?? "";
                    return _files.TryGetValue(fileId, out var file)
                        ? Ok(new JsonObject
                        {
                            ["file_id"] = fileId,
                            ["file_unique_id"] = $"u-{fileId}",
                            ["file_size"] = file.Content.Length,
                            ["file_path"] = file.Path,
                        })
                        : Error(400, "Bad Request: invalid file_id");
                default:
                    return Error(404, "Not Found");
            }
        }
    }

    private JsonObject NewMessage(RecordedCall call, JsonObject content)
    {
        var chatId = call.ChatId ?? "0";
        var message = new JsonObject
        {
            ["message_id"] = _nextMessageId++,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["from"] = TelegramUpdates.User(BotId, "Buurtkracht", isBot: true, username: BotUsername),
            ["chat"] = TelegramUpdates.Chat(long.TryParse(chatId, out var id) ? id : 0),
        };
        foreach (var (name, value) in content)
            message[name] = value?.DeepClone();
        _messageTexts[(chatId, message["message_id"]!.GetValue<long>())] = call.Text("text") + call.Text("reply_markup");
        return message;
    }

    // Like the real API: an edit that changes nothing is refused with "message is not modified".
    private JsonObject EditMessageText(RecordedCall call)
    {
        var key = (call.ChatId ?? "", long.Parse(call.Text("message_id") ?? "0"));
        var text = call.Text("text") ?? "";
        var markup = call.Text("reply_markup");
        if (!_messageTexts.TryGetValue(key, out var current))
            return Error(400, "Bad Request: message to edit not found");
        if (current == text + markup)
            return Error(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
        _messageTexts[key] = text + markup;
        return Ok(new JsonObject { ["message_id"] = key.Item2, ["chat"] = TelegramUpdates.Chat(long.Parse(key.Item1)), ["text"] = text });
    }

    // Long poll: confirm everything below the offset, answer at once when updates wait, else when one arrives or the timeout passes.
    private async Task<JsonObject> GetUpdatesAsync(JsonObject parameters, CancellationToken aborted)
    {
        var offset = long.TryParse(parameters["offset"]?.ToString(), out var o) ? o : (long?)null;
        var timeout = TimeSpan.FromSeconds(int.TryParse(parameters["timeout"]?.ToString(), out var t) ? t : 0);
        var limit = int.TryParse(parameters["limit"]?.ToString(), out var l) ? l : 100;
        var deadline = DateTimeOffset.UtcNow + timeout;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, _app.Lifetime.ApplicationStopping);
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                if (WebhookUrl is not null)
                    return Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
                if (offset is { } confirmed)
                    _pending.RemoveAll(update => update.Id < confirmed);
                if (_pending.Count > 0)
                    return Ok(new JsonArray(_pending.OrderBy(u => u.Id).Take(limit).Select(u => u.Update.DeepClone()).ToArray()));
                arrived = _updateArrived.Task;
            }
            var remaining = deadline - DateTimeOffset.UtcNow;
            if (remaining <= TimeSpan.Zero)
                return Ok(new JsonArray());
            try
            {
                await arrived.WaitAsync(remaining, stop.Token);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                return Ok(new JsonArray());
            }
        }
    }

    private async Task ServeFileAsync(HttpContext context, string filePath)
    {
        byte[]? content;
        TaskCompletionSource? hung = null;
        lock (_gate)
        {
            var (fileId, file) = _files.FirstOrDefault(entry => entry.Value.Path == filePath);
            content = file.Content;
            if (fileId is not null) _hungFiles.TryGetValue(fileId, out hung);
        }
        if (content is null)
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (hung is not null)
        {
            hung.TrySetResult();
            try
            {
                await _releaseDownloads.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        context.Response.ContentType = "application/octet-stream";
        await context.Response.Body.WriteAsync(content);
    }

    private static async Task<(JsonObject, IReadOnlyDictionary<string, byte[]>)> ReadParametersAsync(HttpRequest request)
    {
        var parameters = new JsonObject();
        var files = new Dictionary<string, byte[]>();
        foreach (var (name, value) in request.Query)
            parameters[name] = FormValue(value.ToString());
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            foreach (var (name, value) in form)
                parameters[name] = FormValue(value.ToString());
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                files[file.Name] = buffer.ToArray();
                parameters[file.Name] = $"attach:{file.FileName}";
            }
            // "document": "attach://0" names the part that holds the file, as the real API reads it.
            foreach (var (name, value) in parameters.ToList())
            {
                if (value is JsonValue reference && reference.GetValueKind() == JsonValueKind.String
                    && reference.GetValue<string>() is { } text && text.StartsWith("attach://", StringComparison.Ordinal)
                    && files.TryGetValue(text["attach://".Length..], out var attached))
                {
                    var part = text["attach://".Length..];
                    files[name] = attached;
                    parameters[name] = parameters[part]?.DeepClone();
                    files.Remove(part);
                    parameters.Remove(part);
                }
            }
        }
        else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true
                 && await JsonNode.ParseAsync(request.Body) is JsonObject body)
        {
            foreach (var (name, value) in body.ToList())
            {
                body.Remove(name);
                parameters[name] = value;
            }
        }
        return (parameters, files);
    }

    // Form fields carry JSON-serialized objects (reply_markup) the way the real API reads them.
    private static JsonNode? FormValue(string value)
    {
        if (value.StartsWith('{') || value.StartsWith('['))
        {
            try
            {
                return JsonNode.Parse(value);
            }
            catch (JsonException)
            {
            }
        }
        return JsonValue.Create(value);
    }

    private static JsonObject Ok(JsonNode? result) => new() { ["ok"] = true, ["result"] = result };

    private static JsonObject Error(int code, string description) =>
        new() { ["ok"] = false, ["error_code"] = code, ["description"] = description };

    private static async Task Reply(HttpContext context, JsonObject envelope)
    {
        var ok = envelope["ok"]?.GetValue<bool>() == true;
        context.Response.StatusCode = ok ? 200 : envelope["error_code"]!.GetValue<int>();
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(envelope.ToJsonString());
    }
}
