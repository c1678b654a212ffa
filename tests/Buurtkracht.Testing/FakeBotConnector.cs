using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Buurtkracht.Testing;

/// <summary>One Bot Connector REST call the fake received.</summary>
public sealed record ConnectorCall(string Method, string Path, string? ConversationId, string? ActivityId, JsonObject Body, string? Authorization, DateTimeOffset At)
{
    /// <summary>The activity's text, or the first TextBlock of its Adaptive Card.</summary>
    public string Text =>
        Body["text"]?.GetValue<string>()
        ?? Body["attachments"]?[0]?["content"]?["body"]?[0]?["text"]?.GetValue<string>()
        ?? "";

    /// <summary>The Action.Submit buttons of the card: (title, choice data).</summary>
    public IReadOnlyList<(string Title, string Choice)> Buttons =>
        (Body["attachments"]?[0]?["content"]?["body"]?.AsArray() ?? [])
        .Where(block => block?["type"]?.GetValue<string>() == "ActionSet")
        .SelectMany(block => block!["actions"]!.AsArray())
        .Select(action => (action!["title"]!.GetValue<string>(), action["data"]!["choice"]!.GetValue<string>()))
        .ToList();

    public override string ToString() => $"{Method} {Path} {Body.ToJsonString()}";
}

/// <summary>
/// An in-process stand-in for everything Teams-side on Kestrel (loopback, real HTTP): the Bot Connector service
/// (serviceUrl), the Bot Framework's OpenID metadata and signing keys (a test issuer with an RSA key made here), and
/// the login endpoint that hands out app tokens by client credentials.
/// </summary>
public sealed class FakeBotConnector : IAsyncDisposable
{
    public const string AppId = "00000000-b0b0-4b0b-8b0b-000000000001";
    public const string AppPassword = "test-app-password";
    public const string AppToken = "fake-connector-app-token";
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string KeyId = "test-signing-key";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<ConnectorCall> _calls = [];
    private readonly List<(Func<ConnectorCall, bool> Predicate, TaskCompletionSource<ConnectorCall> Done)> _waiters = [];
    private readonly List<Failure> _failures = [];
    private RSA _rsa = RSA.Create(2048);
    private readonly Dictionary<string, byte[]> _attachments = [];
    private readonly Dictionary<string, HashSet<string>> _rosters = [];
    private int _nextActivity = 1;
    private int _tokenRequests;
    private int _keySetRequests;

    private FakeBotConnector(WebApplication app)
    {
        _app = app;
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        app.Run(HandleAsync);
    }

    public static async Task<FakeBotConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeBotConnector(builder.Build());
        await fake._app.StartAsync();
        fake.BaseUrl = fake._app.Urls.First();
        return fake;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>The serviceUrl activities carry: calls to it land here.</summary>
    public string ServiceUrl => BaseUrl + "/teams/";

    /// <summary>Goes in Teams:OpenIdMetadataUrl.</summary>
    public string OpenIdMetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    public RsaSecurityKey SigningKey { get; private set; }

    /// <summary>Key rollover: a new key with a new kid replaces the published one, as the Bot Framework does now and then.</summary>
    public void RotateKey(string newKeyId)
    {
        _rsa = RSA.Create(2048);
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = newKeyId };
    }

    /// <summary>The channels the published key is endorsed for.</summary>
    public string[] Endorsements { get; set; } = ["msteams"];

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>
    /// When set, every activity sent to or updated in a conversation counts against these limits at its arrival, and one
    /// that would exceed them is answered 429 with a Retry-After header, as the Connector does. Off (null) unless set.
    /// </summary>
    public FakeRateLimit? Limits { get; set; }

    /// <summary>How often the signing keys (JWKS) were fetched.</summary>
    public int KeySetRequests => Volatile.Read(ref _keySetRequests);

    /// <summary>The settings that point the bot at this fake.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Teams:AppId"] = AppId,
        ["Teams:AppPassword"] = AppPassword,
        ["Teams:OpenIdMetadataUrl"] = OpenIdMetadataUrl,
        ["Teams:AuthorityHost"] = BaseUrl,
    };

    /// <summary>Who is in the conversation, as GET .../members/{memberId} answers (nobody unless set).</summary>
    public void SetRoster(string conversationId, params string[] memberIds)
    {
        lock (_gate) _rosters[conversationId] = [.. memberIds];
    }

    // ---- tokens ----

    /// <summary>A token as the Bot Framework would sign it for this bot; every part can be changed for a negative test.</summary>
    public string CreateToken(
        string? audience = AppId, string issuer = BotFrameworkIssuer, string? serviceUrl = null,
        DateTime? expires = null, DateTime? notBefore = null, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The same claims, unsigned ("alg": "none"), as an attacker would send them.</summary>
    public string CreateUnsignedToken()
    {
        static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds();
        var nbf = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();
        return B64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
            + B64($"{{\"iss\":\"{BotFrameworkIssuer}\",\"aud\":\"{AppId}\",\"serviceurl\":\"{ServiceUrl}\",\"nbf\":{nbf},\"exp\":{exp}}}") + ".";
    }

    /// <summary>An RSA key of the same kid that the metadata does not publish: its signatures must not count.</summary>
    public static RsaSecurityKey ForeignKey() => new(RSA.Create(2048)) { KeyId = KeyId };

    /// <summary>A picture a user sent, served at the returned contentUrl (under the serviceUrl, app token required).</summary>
    public string AddAttachment(string id, byte[] content)
    {
        lock (_gate) _attachments[id] = content;
        return $"{ServiceUrl}v3/attachments/{id}/views/original";
    }

    // ---- calls ----

    public IReadOnlyList<ConnectorCall> Calls
    {
        get { lock (_gate) return _calls.ToList(); }
    }

    public IReadOnlyList<ConnectorCall> ActivitiesTo(string conversationId) =>
        Calls.Where(c => c.ConversationId == conversationId && c.ActivityId is null && c.Method == "POST" && c.Path.EndsWith("/activities")).ToList();

    /// <summary>The next <paramref name="times"/> sends to the conversation answer <paramref name="status"/> (with Retry-After when given).</summary>
    public void Fail(string conversationId, int status, int times, int? retryAfterSeconds = null)
    {
        lock (_gate) _failures.Add(new Failure(conversationId, status, retryAfterSeconds) { Remaining = times });
    }

    /// <summary>Completes with the first call that matches (earlier ones count too).</summary>
    public async Task<ConnectorCall> WaitForCallAsync(Func<ConnectorCall, bool> predicate, TimeSpan timeout)
    {
        var done = new TaskCompletionSource<ConnectorCall>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (predicate, done);
        lock (_gate)
        {
            if (_calls.FirstOrDefault(predicate) is { } already) return already;
            _waiters.Add(waiter);
        }
        try
        {
            return await done.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No matching Connector call within {timeout}. Calls seen:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", Calls));
        }
        finally
        {
            lock (_gate) _waiters.Remove(waiter);
        }
    }

    /// <summary>The next message activity to the conversation whose text contains <paramref name="fragment"/>.</summary>
    public Task<ConnectorCall> MessageAsync(string conversationId, string fragment, TimeSpan timeout) =>
        WaitForCallAsync(c => c.ConversationId == conversationId && c.Path.Contains("/activities") && c.Text.Contains(fragment, StringComparison.Ordinal), timeout);

    // ---- the server ----

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = context.Request.Method;
        if (method == "GET" && path == "/v1/.well-known/openidconfiguration")
        {
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["issuer"] = BotFrameworkIssuer,
                ["authorization_endpoint"] = BaseUrl + "/v1/authorize",
                ["jwks_uri"] = BaseUrl + "/v1/keys",
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            });
            return;
        }
        if (method == "GET" && path == "/v1/keys")
        {
            Interlocked.Increment(ref _keySetRequests);
            var p = _rsa.ExportParameters(false);
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["keys"] = new JsonArray(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = SigningKey.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                    ["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()),
                }),
            });
            return;
        }
        if (path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            var form = await context.Request.ReadFormAsync();
            if (form["client_id"] != AppId || form["client_secret"] != AppPassword || form["grant_type"] != "client_credentials")
            {
                context.Response.StatusCode = 401;
                await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "invalid_client" });
                return;
            }
            Interlocked.Increment(ref _tokenRequests);
            await context.Response.WriteAsJsonAsync(new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["ext_expires_in"] = 3600,
                ["access_token"] = AppToken,
            });
            return;
        }
        if (method == "GET" && path.StartsWith("/teams/v3/attachments/", StringComparison.Ordinal))
        {
            var id = path.Split('/')[4];
            byte[]? content;
            lock (_gate) _attachments.TryGetValue(id, out content);
            Record(new ConnectorCall(method, path, null, null, [], context.Request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow));
            context.Response.StatusCode = context.Request.Headers.Authorization.ToString() != "Bearer " + AppToken ? 401 : content is null ? 404 : 200;
            if (context.Response.StatusCode == 200) await context.Response.Body.WriteAsync(content);
            return;
        }
        if (path.StartsWith("/teams/v3/conversations", StringComparison.Ordinal))
        {
            await ConnectorAsync(context, method, path["/teams".Length..]);
            return;
        }
        context.Response.StatusCode = 404;
    }

    private async Task ConnectorAsync(HttpContext context, string method, string path)
    {
        if (method == "GET")
        {
            await RosterMemberAsync(context, path);
            return;
        }
        var body = (await JsonNode.ParseAsync(context.Request.Body)) as JsonObject ?? [];
        // /v3/conversations[/{id}/activities[/{activityId}]]
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var conversationId = segments.Length > 2 ? segments[2] : null;
        var activityId = segments.Length > 4 ? segments[4] : null;
        var call = new ConnectorCall(method, path, conversationId, activityId, body, context.Request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow);
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + AppToken)
        {
            context.Response.StatusCode = 401;
            return;
        }

        Failure? failure;
        lock (_gate)
        {
            failure = _failures.FirstOrDefault(f => f.ConversationId == conversationId && f.Remaining > 0);
            if (failure is not null) failure.Remaining--;
        }
        if (failure is null && Limits is { } limit && conversationId is not null && path.Contains("/activities", StringComparison.Ordinal)
            && limit.TryAccept(conversationId, call.Text) is { } wait)
            failure = new Failure(conversationId, 429, FakeRateLimit.WholeSeconds(wait));
        if (failure is not null)
        {
            Record(call with { Path = path + $" -> {failure.Status}" });
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString();
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = "Throttled" } });
            return;
        }

        Record(call);
        if (segments.Length == 2 && method == "POST")
        {
            var member = body["members"]?[0]?["id"]?.GetValue<string>() ?? "unknown";
            await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = "a:personal-" + member });
            return;
        }
        if (method == "PUT")
        {
            await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = activityId });
            return;
        }
        int id;
        lock (_gate) id = _nextActivity++;
        context.Response.StatusCode = (int)HttpStatusCode.Created;
        await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = $"activity-{id}" });
    }

    // GET /v3/conversations/{id}/members/{memberId}: the member when in the roster, else 404 MemberNotFoundInConversation.
    private async Task RosterMemberAsync(HttpContext context, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var conversationId = segments.Length > 2 ? Uri.UnescapeDataString(segments[2]) : null;
        var memberId = segments.Length == 5 && segments[3] == "members" ? Uri.UnescapeDataString(segments[4]) : null;
        Record(new ConnectorCall("GET", path, conversationId, null, [], context.Request.Headers.Authorization.ToString(), DateTimeOffset.UtcNow));
        if (context.Request.Headers.Authorization.ToString() != "Bearer " + AppToken)
        {
            context.Response.StatusCode = 401;
            return;
        }
        bool present;
        lock (_gate) present = conversationId is not null && memberId is not null && _rosters.TryGetValue(conversationId, out var roster) && roster.Contains(memberId);
        if (!present)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = "MemberNotFoundInConversation" } });
            return;
        }
        await context.Response.WriteAsJsonAsync(new JsonObject { ["id"] = memberId, ["name"] = "Lid" });
    }

    private void Record(ConnectorCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
            foreach (var (predicate, done) in _waiters.ToList())
                if (predicate(call)) done.TrySetResult(call);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }

    private sealed record Failure(string ConversationId, int Status, int? RetryAfterSeconds)
    {
        public int Remaining { get; set; }
    }
}

/// <summary>Builders for Teams activities shaped like the real ones.</summary>
public static class TeamsActivities
{
    public const string Tenant = "72f988bf-0000-4000-8000-00000000a1b1";
    public const string BotId = "28:" + FakeBotConnector.AppId;
    private static int _next;

    public static JsonObject Activity(string type, string serviceUrl, string conversationId, string conversationType, string fromId, string fromName)
    {
        var id = $"1:{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}";
        return new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = fromId, ["name"] = fromName, ["aadObjectId"] = Guid.NewGuid().ToString() },
            ["conversation"] = new JsonObject
            {
                ["id"] = conversationId,
                ["conversationType"] = conversationType,
                ["tenantId"] = Tenant,
                ["isGroup"] = conversationType != "personal",
                ["name"] = conversationType == "groupChat" ? "Straatapp Kerkstraat" : null,
            },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "Buurtkracht" },
            ["locale"] = "nl-NL",
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
        };
    }

    public static JsonObject Message(string serviceUrl, string conversationId, string conversationType, string fromId, string text, string fromName = "Jan Jansen")
    {
        var activity = Activity("message", serviceUrl, conversationId, conversationType, fromId, fromName);
        activity["text"] = text;
        activity["textFormat"] = "plain";
        if (text.Contains("<at>", StringComparison.Ordinal))
        {
            var mention = text[text.IndexOf("<at>", StringComparison.Ordinal)..(text.IndexOf("</at>", StringComparison.Ordinal) + 5)];
            activity["entities"] = new JsonArray(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = mention,
                ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "Buurtkracht" },
            });
        }
        return activity;
    }

    /// <summary>An Adaptive Card Action.Submit press: a message without text whose value is the button's data.</summary>
    public static JsonObject Submit(string serviceUrl, string conversationId, string conversationType, string fromId, string choice)
    {
        var activity = Activity("message", serviceUrl, conversationId, conversationType, fromId, "Jan Jansen");
        activity["value"] = new JsonObject { ["choice"] = choice };
        activity["replyToId"] = "activity-1";
        return activity;
    }

    /// <summary>A picture pasted into the chat: an image attachment (plus the html copy Teams adds), no text.</summary>
    public static JsonObject Image(string serviceUrl, string conversationId, string conversationType, string fromId, string contentUrl)
    {
        var activity = Activity("message", serviceUrl, conversationId, conversationType, fromId, "Jan Jansen");
        activity["text"] = "";
        activity["attachments"] = new JsonArray(
            new JsonObject { ["contentType"] = "image/*", ["contentUrl"] = contentUrl },
            new JsonObject { ["contentType"] = "text/html", ["content"] = "<div><img src=\"" + contentUrl + "\"></div>" });
        return activity;
    }

    /// <summary>conversationUpdate: the bot (and/or people) added by <paramref name="fromId"/>.</summary>
    public static JsonObject MembersAdded(string serviceUrl, string conversationId, string conversationType, string fromId, params string[] addedIds)
    {
        var activity = Activity("conversationUpdate", serviceUrl, conversationId, conversationType, fromId, "Anna de Vries");
        activity["membersAdded"] = new JsonArray(addedIds.Select(id => (JsonNode)new JsonObject { ["id"] = id }).ToArray());
        if (conversationType == "channel")
            activity["channelData"]!["team"] = new JsonObject { ["id"] = conversationId, ["name"] = "Team Kerkstraat" };
        return activity;
    }

    public static JsonObject MembersRemoved(string serviceUrl, string conversationId, string conversationType, string fromId, params string[] removedIds)
    {
        var activity = Activity("conversationUpdate", serviceUrl, conversationId, conversationType, fromId, "Anna de Vries");
        activity["membersRemoved"] = new JsonArray(removedIds.Select(id => (JsonNode)new JsonObject { ["id"] = id }).ToArray());
        return activity;
    }

    public static JsonObject Installation(string serviceUrl, string conversationId, string conversationType, string fromId, string action)
    {
        var activity = Activity("installationUpdate", serviceUrl, conversationId, conversationType, fromId, "Anna de Vries");
        activity["action"] = action;
        return activity;
    }
}
