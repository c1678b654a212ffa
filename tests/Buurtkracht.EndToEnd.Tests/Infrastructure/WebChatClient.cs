using System.Net.Http.Json;
using System.Text.Json;

namespace Buurtkracht.EndToEnd.Tests.Infrastructure;

/// <summary>Talks to the web chat API as the page does: post a message, long-poll the replies.</summary>
public sealed class WebChatClient(HttpClient http, string userId, string chat = "private", string userName = "Test Bewoner")
{
    private long _after;
    private int _counter;

    public async Task<HttpResponseMessage> SendAsync(string? text = null, string? choice = null, string? evt = null)
    {
        var response = await http.PostAsJsonAsync("/webchat/api/send", new
        {
            clientMessageId = $"m{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}",
            userId,
            userName,
            chat,
            text,
            choice,
            @event = evt,
        });
        return response;
    }

    /// <summary>The replies sent after the last ones read; waits until at least one arrived.</summary>
    public async Task<List<JsonElement>> RepliesAsync()
    {
        var replies = await http.GetFromJsonAsync<List<JsonElement>>($"/webchat/api/messages?userId={userId}&chat={chat}&after={_after}")
            ?? [];
        if (replies.Count > 0) _after = replies[^1].GetProperty("id").GetInt64();
        return replies;
    }

    /// <summary>Sends and returns the texts of the replies that follow.</summary>
    public async Task<List<JsonElement>> SayAsync(string? text = null, string? choice = null, string? evt = null)
    {
        (await SendAsync(text, choice, evt)).EnsureSuccessStatusCode();
        return await RepliesAsync();
    }
}
