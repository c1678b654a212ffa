using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;

namespace Buurtkracht.EndToEnd.Tests.Teams;

/// <summary>The real service with Teams on, pointed at an in-process fake Bot Connector, test issuer and login over loopback.</summary>
internal sealed class TeamsBot : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private TeamsBot(FakeBotConnector connector, BotHost host, HttpClient client)
    {
        Connector = connector;
        Host = host;
        Client = client;
    }

    public FakeBotConnector Connector { get; }
    public BotHost Host { get; }
    public HttpClient Client { get; }
    public string ServiceUrl => Connector.ServiceUrl;

    public static async Task<TeamsBot> StartAsync(IDictionary<string, string?>? extra = null)
    {
        var connector = await FakeBotConnector.StartAsync();
        var settings = connector.Settings();
        // Retries come quickly in tests; the Retry-After of a 429 still rules.
        settings["Outbox:FirstRetryDelay"] = "00:00:00.200";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        var host = new BotHost(settings: settings);
        var client = await host.StartAsync();
        return new TeamsBot(connector, host, client);
    }

    /// <summary>Posts the activity to /api/messages with a valid Bot Framework token (or the given Authorization value).</summary>
    public async Task<HttpResponseMessage> PostAsync(JsonObject activity, string? authorization = "valid")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization == "valid") authorization = "Bearer " + Connector.CreateToken();
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await Client.SendAsync(request);
    }

    public async Task SendAsync(JsonObject activity)
    {
        var response = await PostAsync(activity);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    public Task<ConnectorCall> ReplyAsync(string conversationId, string fragment) =>
        Connector.MessageAsync(conversationId, fragment, Patience);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        await Connector.DisposeAsync();
    }
}
