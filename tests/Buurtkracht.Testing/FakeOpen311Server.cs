using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Testing;

/// <summary>One POST to requests.json as the fake received it; a field sent more than once has its values joined by ",".</summary>
public sealed record Open311Post(IReadOnlyDictionary<string, string> Fields)
{
    public string? this[string name] => Fields.GetValueOrDefault(name);
}

/// <summary>An attribute of a fake service definition, in GeoReport v2's terms; a list's values as (key, name).</summary>
public sealed record FakeOpen311Attribute(
    string Code, string Datatype, bool Required, string Description, int Order, IReadOnlyList<(string Key, string Name)> Values, bool Variable = true)
{
    public FakeOpen311Attribute(string code, string datatype, bool required, string description, int order)
        : this(code, datatype, required, description, order, []) { }
}

/// <summary>
/// An in-process GeoReport v2 server on loopback (real HTTP): services.json, requests.json (form-encoded),
/// requests/{id}.json and tokens/{token}.json. A test can take it "down" (503), make it answer with tokens only, and
/// change a request's status and status_notes.
/// </summary>
public sealed class FakeOpen311Server : IAsyncDisposable
{
    public const string ApiKey = "test-api-key";
    public const string Jurisdiction = "alblasserdam.nl";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Open311Post> _posts = new();
    private readonly ConcurrentDictionary<string, (string Status, string? Notes)> _requests = new();
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private int _nextId = 638344;
    private int _requestCount;

    private FakeOpen311Server(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    public static async Task<FakeOpen311Server> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeOpen311Server(builder.Build());
        await server._app.StartAsync();
        server.BaseUrl = server._app.Urls.First() + "/open311/v2/";
        return server;
    }

    /// <summary>Goes in Meldingen:Open311:Endpoint.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The services services.json lists, as (service_code, service_name).</summary>
    public List<(string Code, string Name)> Services { get; } =
    [
        ("LIGHT", "Openbare verlichting"),
        ("WASTE", "Afval en zwerfafval"),
        ("OTHER", "Overig"),
    ];

    /// <summary>
    /// Service definitions (services/{code}.json): the attribute codes per service_code. A service listed here has
    /// metadata: true in services.json.
    /// </summary>
    public Dictionary<string, List<string>> Attributes { get; } = [];

    /// <summary>
    /// Full service definitions (services/{code}.json) with datatype, required and list values, as a municipality
    /// publishes them; a service listed here has metadata: true too. Takes precedence over <see cref="Attributes"/>.
    /// </summary>
    public Dictionary<string, List<FakeOpen311Attribute>> Definitions { get; } = [];

    /// <summary>
    /// With <see cref="AnswerWithToken"/>: while true, tokens/{token}.json answers 404 (the server has not assigned an id
    /// yet), as GeoReport v2 allows; <see cref="AssignTokens"/> assigns them.
    /// </summary>
    public bool HoldTokens { get; set; }

    private readonly ConcurrentDictionary<string, string> _heldTokens = new();

    /// <summary>Assigns the ids of every token held so far.</summary>
    public void AssignTokens()
    {
        foreach (var (token, id) in _heldTokens)
            if (_heldTokens.TryRemove(token, out _)) _tokens[token] = id;
    }

    /// <summary>
    /// While true a POST to requests.json is recorded and then never answered, as when the caller dies with the request in
    /// flight; the request ends only when the caller gives up on it.
    /// </summary>
    public bool HangPosts { get; set; }

    /// <summary>Completes once <paramref name="count"/> POSTs have been recorded.</summary>
    public async Task WaitForPostsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_posts.Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Only {_posts.Count} POSTs within {timeout}.");
            await Task.Delay(10);
        }
    }

    /// <summary>While true every call answers 503, as a server that is down.</summary>
    public bool Down { get; set; }

    /// <summary>When true, requests.json answers with a token only; the id appears through tokens/{token}.json.</summary>
    public bool AnswerWithToken { get; set; }

    /// <summary>
    /// When true, requests.json refuses every POST with 400 and an error whose description echoes the posted name,
    /// e-mail and description, as some servers do.
    /// </summary>
    public bool RejectEchoingFields { get; set; }

    public IReadOnlyList<Open311Post> Posts => _posts.ToList();

    /// <summary>All HTTP requests that reached the server, also those answered 503.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    public void SetStatus(string serviceRequestId, string status, string? notes = null) => _requests[serviceRequestId] = (status, notes);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requestCount);
        if (Down)
        {
            context.Response.StatusCode = 503;
            await context.Response.WriteAsync("Service Unavailable");
            return;
        }
        var path = context.Request.Path.Value ?? "";
        const string prefix = "/open311/v2/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var target = path[prefix.Length..];
        var query = context.Request.Query;
        if (query["jurisdiction_id"].ToString() is { Length: > 0 } j && j != Jurisdiction)
        {
            await Json(context, 404, new JsonArray(new JsonObject { ["code"] = 404, ["description"] = "jurisdiction not found" }));
            return;
        }

        if (context.Request.Method == "GET" && target == "services.json")
        {
            var list = new JsonArray();
            foreach (var (code, name) in Services)
                list.Add(new JsonObject { ["service_code"] = code, ["service_name"] = name, ["type"] = "realtime", ["metadata"] = Attributes.ContainsKey(code) || Definitions.ContainsKey(code) });
            await Json(context, 200, list);
            return;
        }
        if (context.Request.Method == "GET" && target.StartsWith("services/", StringComparison.Ordinal) && target.EndsWith(".json", StringComparison.Ordinal))
        {
            var code = target["services/".Length..^".json".Length];
            if (Definitions.TryGetValue(code, out var full))
            {
                var attributeList = new JsonArray();
                foreach (var a in full)
                {
                    var values = new JsonArray();
                    foreach (var (key, name) in a.Values) values.Add(new JsonObject { ["key"] = key, ["name"] = name });
                    attributeList.Add(new JsonObject
                    {
                        ["variable"] = a.Variable, ["code"] = a.Code, ["datatype"] = a.Datatype, ["required"] = a.Required,
                        ["datatype_description"] = null, ["order"] = a.Order, ["description"] = a.Description, ["values"] = values,
                    });
                }
                await Json(context, 200, new JsonObject { ["service_code"] = code, ["attributes"] = attributeList });
                return;
            }
            if (!Attributes.TryGetValue(code, out var attributes))
            {
                await Json(context, 404, new JsonArray(new JsonObject { ["code"] = 404, ["description"] = "service has no definition" }));
                return;
            }
            var definition = new JsonArray();
            for (var i = 0; i < attributes.Count; i++)
                definition.Add(new JsonObject
                {
                    ["variable"] = true, ["code"] = attributes[i], ["datatype"] = "string", ["required"] = false,
                    ["description"] = attributes[i], ["order"] = i + 1,
                });
            await Json(context, 200, new JsonObject { ["service_code"] = code, ["attributes"] = definition });
            return;
        }
        if (context.Request.Method == "POST" && target == "requests.json")
        {
            var form = await context.Request.ReadFormAsync();
            var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
            if (fields.GetValueOrDefault("api_key") != ApiKey)
            {
                await Json(context, 403, new JsonArray(new JsonObject { ["code"] = 403, ["description"] = "invalid api_key" }));
                return;
            }
            if (RejectEchoingFields)
            {
                var echo = $"invalid request from {fields.GetValueOrDefault("first_name")} {fields.GetValueOrDefault("last_name")} " +
                    $"<{fields.GetValueOrDefault("email")}>: {fields.GetValueOrDefault("description")}";
                await Json(context, 400, new JsonArray(new JsonObject { ["code"] = "invalid_email", ["description"] = echo }));
                return;
            }
            _posts.Enqueue(new Open311Post(fields));
            if (HangPosts)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                return;
            }
            var id = Interlocked.Increment(ref _nextId).ToString();
            _requests[id] = ("open", null);
            if (AnswerWithToken)
            {
                var token = "tok-" + id;
                if (HoldTokens) _heldTokens[token] = id;
                else _tokens[token] = id;
                await Json(context, 200, new JsonArray(new JsonObject { ["token"] = token }));
            }
            else
            {
                await Json(context, 200, new JsonArray(new JsonObject { ["service_request_id"] = id, ["service_notice"] = "Binnen 5 werkdagen" }));
            }
            return;
        }
        if (context.Request.Method == "GET" && target.StartsWith("requests/", StringComparison.Ordinal) && target.EndsWith(".json", StringComparison.Ordinal))
        {
            var id = target["requests/".Length..^".json".Length];
            if (!_requests.TryGetValue(id, out var request))
            {
                await Json(context, 404, new JsonArray(new JsonObject { ["code"] = 404, ["description"] = "not found" }));
                return;
            }
            await Json(context, 200, new JsonArray(new JsonObject
            {
                ["service_request_id"] = id,
                ["status"] = request.Status,
                ["status_notes"] = request.Notes,
                ["updated_datetime"] = DateTimeOffset.UtcNow.ToString("O"),
            }));
            return;
        }
        if (context.Request.Method == "GET" && target.StartsWith("tokens/", StringComparison.Ordinal) && target.EndsWith(".json", StringComparison.Ordinal))
        {
            var token = target["tokens/".Length..^".json".Length];
            if (!_tokens.TryGetValue(token, out var id))
            {
                await Json(context, 404, new JsonArray(new JsonObject { ["code"] = 404, ["description"] = "not found" }));
                return;
            }
            await Json(context, 200, new JsonArray(new JsonObject { ["service_request_id"] = id, ["token"] = token }));
            return;
        }
        context.Response.StatusCode = 404;
    }

    private static async Task Json(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
