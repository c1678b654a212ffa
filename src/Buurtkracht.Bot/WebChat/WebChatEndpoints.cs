using Buurtkracht.Core;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.WebChat;

/// <summary>Section "WebChat".</summary>
public sealed class WebChatOptions
{
    /// <summary>The page and its API are for trying the bot locally; switch off where the port is reachable by others.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>
/// The web chat's API: the page posts what the person typed or pressed, and long-polls the replies (the sent outbox
/// rows of its chats). A browser user id picks a private chat "u-{id}" and a demo group "g-{id}".
/// </summary>
public static class WebChatEndpoints
{
    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebChatOptions>(configuration.GetSection("WebChat"));
        if (configuration.GetSection("WebChat").Get<WebChatOptions>()?.Enabled ?? true)
            services.AddSingleton<IChannel, WebChatChannel>();
        return services;
    }

    public static void MapWebChat(this WebApplication app)
    {
        if (!(app.Configuration.GetSection("WebChat").Get<WebChatOptions>()?.Enabled ?? true)) return;
        var api = app.MapGroup("/webchat/api");
        api.MapPost("/send", SendAsync);
        api.MapGet("/messages", MessagesAsync);
        app.MapGet("/chat", () => FindPage(app.Environment) is { } page
            ? Results.File(page, "text/html; charset=utf-8")
            : Results.NotFound("chat.html is missing: start the bot from its project folder or a published folder with wwwroot."));
        app.MapGet("/", () => Results.Redirect("/chat"));
    }

    /// <summary>What the page posts. Exactly one of Text, Choice or Event is set.</summary>
    /// <param name="ClientMessageId">Unique per message, so a retried post is handled once.</param>
    /// <param name="Chat">"private" or "group".</param>
    /// <param name="Event">"bot-added" when the page opens the demo group the first time.</param>
    public sealed record SendRequest(string ClientMessageId, string UserId, string? UserName, string Chat, string? Text, string? Choice, string? Event);

    public sealed record ChatMessage(long Id, string Text, IReadOnlyList<IReadOnlyList<Choice>> Choices, string? RequestLocationLabel, bool ExpectsTextReply, long? EditsId);

    private static async Task<IResult> SendAsync(SendRequest request, IInboundHandler engine, CancellationToken ct)
    {
        if (!IsId(request.ClientMessageId) || !IsId(request.UserId) || request.Chat is not ("private" or "group"))
            return Results.BadRequest(new { error = "clientMessageId, userId (letters, digits, dash; up to 64) and chat (private|group) are required" });
        InboundContent? content = request switch
        {
            { Event: "bot-added" } => new BotAddedContent(),
            { Choice: { Length: > 0 and <= 64 } choice } => new ChoiceContent(choice),
            { Text: { } text } when text.Length <= 10_000 => CommandText.Parse(text),
            _ => null,
        };
        if (content is null) return Results.BadRequest(new { error = "send text (up to 10000 characters), a choice or an event" });

        var isGroup = request.Chat == "group";
        var name = string.IsNullOrWhiteSpace(request.UserName) ? "Bezoeker" : request.UserName.Trim()[..Math.Min(request.UserName.Trim().Length, 64)];
        var message = new InboundMessage(
            $"web:{request.UserId}:{request.ClientMessageId}",
            new ChatAddress(ChannelKind.WebChat, ChatIdFor(request.UserId, isGroup)),
            isGroup ? ChatKind.Group : ChatKind.Private,
            isGroup ? "Demogroep" : null,
            new Sender(request.UserId, name, "nl"),
            content);
        var outcome = await engine.HandleAsync(message, ct);
        return outcome == InboundOutcome.Failed ? Results.StatusCode(503) : Results.Ok(new { outcome = outcome.ToString() });
    }

    private static async Task<IResult> MessagesAsync(
        string userId, string chat, long? after, BuurtkrachtDb db, ServiceReadiness readiness, TimeProvider clock, CancellationToken ct)
    {
        if (!IsId(userId) || chat is not ("private" or "group")) return Results.BadRequest(new { error = "userId and chat (private|group) are required" });
        if (!readiness.DatabaseReady) return Results.StatusCode(503);
        var chatId = ChatIdFor(userId, chat == "group");
        var since = after ?? 0;
        // Long poll: answer as soon as a reply was sent, or with nothing after 20 seconds.
        var deadline = clock.GetUtcNow().AddSeconds(20);
        while (true)
        {
            var rows = await db.OutboxMessages.AsNoTracking()
                .Where(o => o.Channel == ChannelKind.WebChat && o.ChatId == chatId && o.Status == OutboxStatus.Sent && o.Id > since)
                .OrderBy(o => o.Id).Take(100).ToListAsync(ct);
            if (rows.Count > 0 || clock.GetUtcNow() >= deadline)
                return Results.Ok(rows.Select(r =>
                {
                    var m = Outbox.ReadPayload(r);
                    return new ChatMessage(r.Id, m.Text, m.Choices, m.RequestLocationLabel, m.ExpectsTextReply, m.EditsOutboxId);
                }));
            await Task.Delay(TimeSpan.FromMilliseconds(150), clock, ct);
        }
    }

    /// <summary>
    /// The page sits in wwwroot under the content root (dotnet run and the test host both use the project folder), or
    /// beside the binaries when a published app is started from another folder, where the content root is that folder.
    /// </summary>
    private static string? FindPage(IWebHostEnvironment env) =>
        new[] { env.WebRootPath, Path.Combine(AppContext.BaseDirectory, "wwwroot") }
            .OfType<string>()
            .Select(folder => Path.Combine(folder, "chat.html"))
            .FirstOrDefault(File.Exists);

    private static string ChatIdFor(string userId, bool group) => group ? $"g-{userId}" : $"u-{userId}";

    private static bool IsId(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
