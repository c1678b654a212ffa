using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Buurtkracht.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Talks to the web chat API as the page does: post a message, long-poll the replies. Who is talking is the server's
/// cookie in <paramref name="http"/>'s cookie jar, as in a browser: one HttpClient is one visitor (its private chat and its
/// demo group), a second visitor needs a second client (<c>host.CreateClient()</c>).
/// </summary>
/// <param name="visitor">The test's name for the visitor; the server never sees it.</param>
public sealed class WebChatClient(HttpClient http, string visitor, string chat = "private", string userName = "Test Bewoner")
{
    private static readonly ConditionalWeakTable<HttpClient, string> Visitors = new();
    private readonly HttpClient _http = OneVisitorPerClient(http, visitor);
    private long _after;
    private int _counter;

    public async Task<HttpResponseMessage> SendAsync(string? text = null, string? choice = null, string? evt = null)
    {
        var response = await _http.PostAsJsonAsync("/webchat/api/send", new
        {
            clientMessageId = $"m{Interlocked.Increment(ref _counter)}-{Guid.NewGuid():N}",
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
        var replies = await _http.GetFromJsonAsync<List<JsonElement>>($"/webchat/api/messages?chat={chat}&after={_after}")
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

    // Two visitors on one cookie jar would silently be one person to the server; fail loudly instead.
    private static HttpClient OneVisitorPerClient(HttpClient http, string visitor)
    {
        var owner = Visitors.GetValue(http, _ => visitor);
        if (owner != visitor)
            throw new InvalidOperationException(
                $"This HttpClient already carries the web chat cookie of '{owner}'; give '{visitor}' its own client (host.CreateClient()).");
        return http;
    }
}
