using System.Net;
using System.Text;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using static Buurtkracht.Testing.TeamsActivities;

namespace Buurtkracht.EndToEnd.Tests.Teams;

/// <summary>POST /api/messages through the real host: only activities with a valid Bot Framework token get in.</summary>
public sealed class TeamsSecurityTests
{
    private const string Chat = "a:personal-security";
    private const string User = "29:user-security";

    public static TheoryData<string> RefusedTokens => new()
    {
        "missing", "not a bearer", "garbage", "alg none", "expired", "not yet valid", "wrong audience", "no audience",
        "wrong issuer", "wrongly signed", "other serviceUrl",
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_request_without_a_valid_token_is_refused_and_not_processed(string kind)
    {
        await using var bot = await TeamsBot.StartAsync();
        var c = bot.Connector;
        var authorization = kind switch
        {
            "missing" => null,
            "not a bearer" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("bot:password")),
            "garbage" => "Bearer not.a.token",
            "alg none" => "Bearer " + c.CreateUnsignedToken(),
            "expired" => "Bearer " + c.CreateToken(expires: DateTime.UtcNow.AddMinutes(-6), notBefore: DateTime.UtcNow.AddHours(-1)),
            "not yet valid" => "Bearer " + c.CreateToken(notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddHours(1)),
            "wrong audience" => "Bearer " + c.CreateToken(audience: "someone-elses-bot"),
            "no audience" => "Bearer " + c.CreateToken(audience: null),
            "wrong issuer" => "Bearer " + c.CreateToken(issuer: "https://sts.example.org/"),
            "wrongly signed" => "Bearer " + c.CreateToken(key: FakeBotConnector.ForeignKey()),
            "other serviceUrl" => "Bearer " + c.CreateToken(serviceUrl: "https://smba.trafficmanager.net/emea/"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await bot.PostAsync(Message(bot.ServiceUrl, Chat, "personal", User, "/start"), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var db = bot.Host.OpenDb();
        Assert.Equal(0, await db.ProcessedUpdates.CountAsync());
        Assert.Equal(0, await db.Set<TeamsConversationReference>().CountAsync());
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task An_activity_whose_serviceUrl_differs_from_the_token_claim_is_refused_and_that_url_never_called()
    {
        await using var bot = await TeamsBot.StartAsync();
        // A token valid for the real serviceUrl, replayed with an activity that points elsewhere.
        var activity = Message("https://attacker.example/", Chat, "personal", User, "/start");

        var response = await bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await using var db = bot.Host.OpenDb();
        Assert.Empty(await db.Set<TeamsConversationReference>().ToListAsync());
        Assert.Equal(0, await db.ProcessedUpdates.CountAsync());
    }

    [Fact]
    public async Task A_key_not_endorsed_for_msteams_is_refused()
    {
        await using var bot = await TeamsBot.StartAsync();
        bot.Connector.Endorsements = ["webchat"];

        var response = await bot.PostAsync(Message(bot.ServiceUrl, Chat, "personal", User, "/start"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"type\": \"message\", \"text\": ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"type\": \"message\", \"text\": \"hoi\"}")]
    [InlineData("{\"type\": 42}")]
    public async Task Malformed_activity_json_with_a_valid_token_gets_400(string body)
    {
        await using var bot = await TeamsBot.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bot.Connector.CreateToken());

        var response = await bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_activity_gets_413()
    {
        await using var bot = await TeamsBot.StartAsync();
        var activity = Message(bot.ServiceUrl, Chat, "personal", User, new string('x', 300 * 1024));

        var response = await bot.PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_gets_in_and_a_token_at_the_edge_of_the_clock_skew_too()
    {
        await using var bot = await TeamsBot.StartAsync();
        var justExpired = "Bearer " + bot.Connector.CreateToken(expires: DateTime.UtcNow.AddMinutes(-3), notBefore: DateTime.UtcNow.AddHours(-1));

        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(Message(bot.ServiceUrl, Chat, "personal", User, "/start"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bot.PostAsync(Message(bot.ServiceUrl, Chat, "personal", User, "/help"), justExpired)).StatusCode);

        await bot.ReplyAsync(Chat, "Dit kan ik voor je doen");
        var reply = (await bot.ReplyAsync(Chat, "Hoi Jan"));
        Assert.Equal("Bearer " + FakeBotConnector.AppToken, reply.Authorization);
    }

    [Fact]
    public async Task Without_the_openid_metadata_a_token_gets_503_with_Retry_After_and_an_unreadable_one_401()
    {
        int closed;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closed = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        await using var bot = await TeamsBot.StartAsync(new Dictionary<string, string?>
        {
            ["Teams:OpenIdMetadataUrl"] = $"http://127.0.0.1:{closed}/v1/.well-known/openidconfiguration",
        });

        for (var i = 0; i < 3; i++)
        {
            var response = await bot.PostAsync(Message(bot.ServiceUrl, Chat, "personal", User, "/start"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After: {response.Headers.RetryAfter}");
        }
        var unreadable = await bot.PostAsync(Message(bot.ServiceUrl, Chat, "personal", User, "/start"), "Bearer not.a.token");

        Assert.Equal(HttpStatusCode.Unauthorized, unreadable.StatusCode);
        await using var db = bot.Host.OpenDb();
        Assert.Equal(0, await db.ProcessedUpdates.CountAsync());
        Assert.Equal(0, await db.Set<TeamsConversationReference>().CountAsync());
    }
}
