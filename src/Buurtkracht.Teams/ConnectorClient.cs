using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Buurtkracht.Teams;

/// <summary>The Bot Connector REST API calls the bot makes, authenticated with the app token.</summary>
internal sealed class ConnectorClient(IHttpClientFactory http, ConnectorTokenProvider tokens)
{
    public const string HttpClientName = "Teams.Connector";

    public Task<ConnectorResponse> SendAsync(string serviceUrl, string conversationId, OutgoingActivity activity, CancellationToken ct) =>
        CallAsync(HttpMethod.Post, $"{Base(serviceUrl)}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity, ct);

    public Task<ConnectorResponse> UpdateAsync(string serviceUrl, string conversationId, string activityId, OutgoingActivity activity, CancellationToken ct) =>
        CallAsync(HttpMethod.Put,
            $"{Base(serviceUrl)}/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}",
            activity with { Id = activityId }, ct);

    public Task<ConnectorResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken ct) =>
        CallAsync(HttpMethod.Post, $"{Base(serviceUrl)}/v3/conversations", parameters, ct);

    /// <summary>One member of a conversation's roster (GET .../members/{memberId}): 200 when they are in it, 404 when not.</summary>
    public async Task<HttpStatusCode> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken ct)
    {
        var token = await tokens.GetTokenAsync(ct);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{Base(serviceUrl)}/v3/conversations/{Uri.EscapeDataString(conversationId)}/members/{Uri.EscapeDataString(memberId)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        return response.StatusCode;
    }

    private async Task<ConnectorResponse> CallAsync<T>(HttpMethod method, string url, T body, CancellationToken ct)
    {
        var token = await tokens.GetTokenAsync(ct);
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: TeamsJson.Options) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        string? id = null;
        if (response.IsSuccessStatusCode && response.Content.Headers.ContentLength != 0)
        {
            try
            {
                id = (await response.Content.ReadFromJsonAsync<ResourceResponse>(TeamsJson.Options, ct))?.Id;
            }
            catch (System.Text.Json.JsonException)
            {
                // Some answers (an update) may carry no body worth reading; the status is what counts.
            }
        }
        var error = response.IsSuccessStatusCode ? null : ErrorCode(await response.Content.ReadAsStringAsync(ct));
        return new ConnectorResponse(response.StatusCode, id, RetryAfter(response), error);
    }

    private static string Base(string serviceUrl) => serviceUrl.TrimEnd('/');

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - DateTimeOffset.UtcNow;
        return null;
    }

    /// <summary>
    /// Only the Bot Connector's error code ("ConversationNotFound"): its message may quote the conversation id or the
    /// activity, and this goes into the outbox row's LastError and the log.
    /// </summary>
    internal static string ErrorCode(string body)
    {
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && doc.RootElement.TryGetProperty("error", out var error) && error.ValueKind == System.Text.Json.JsonValueKind.Object
                && error.TryGetProperty("code", out var code) && code.ValueKind == System.Text.Json.JsonValueKind.String
                && code.GetString() is { Length: > 0 and <= 64 } value && value.All(char.IsAsciiLetterOrDigit))
                return value;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return "";
    }
}

internal sealed record ConnectorResponse(HttpStatusCode Status, string? Id, TimeSpan? RetryAfter, string? Error)
{
    public bool Ok => (int)Status is >= 200 and < 300;
}
