using System.Net;
using System.Text.RegularExpressions;
using Buurtkracht.Core;
using Buurtkracht.Core.Beheer;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Texts;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Bot.WebChat;

/// <summary>
/// The web chat's API: the page posts what the person typed or pressed, and long-polls the replies (the sent outbox
/// rows of its chats). The visitor comes from the server-issued cookie (<see cref="WebChatVisitors"/>) and has a private
/// chat "u-{visitor}" and a demo group "g-{visitor}"; nothing in a request can name another chat.
/// </summary>
public static partial class WebChatEndpoints
{
    /// <summary>Largest body /webchat/api/send reads: a message is at most 10,000 characters.</summary>
    public const long MaxSendBytes = 64 * 1024;

    public static IServiceCollection AddWebChat(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var activation = WebChatActivation.Decide(configuration, environment);
        services.AddSingleton(activation);
        services.Configure<WebChatOptions>(configuration.GetSection(WebChatOptions.SectionName));
        services.AddDataProtection();
        services.AddSingleton<WebChatVisitors>();
        // Registered either way: UseRateLimiter needs its services even while no endpoint uses a policy.
        services.AddWebChatRateLimits();
        if (activation.On)
        {
            services.AddSingleton<IChannel, WebChatChannel>();
            services.AddSingleton<WebChatPhotos>();
            services.AddSingleton<IPhotoDownloader>(sp => sp.GetRequiredService<WebChatPhotos>());
        }
        return services;
    }

    public static void MapWebChat(this WebApplication app)
    {
        var activation = app.Services.GetRequiredService<WebChatActivation>();
        // Whether it is on, and why, is in the start-up summary (Hosting/StartupSummary).
        if (!activation.On) return;

        var api = app.MapGroup("/webchat/api");
        api.MapPost("/send", SendAsync).RequireRateLimiting(WebChatRateLimits.SendPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxSendBytes));
        api.MapPost("/photo", WebChatPhotos.UploadAsync).RequireRateLimiting(WebChatRateLimits.SendPolicy)
            .WithMetadata(WebChatPhotos.SizeLimit(app.Services.GetRequiredService<IOptions<MeldingenOptions>>().Value)).DisableAntiforgery();
        api.MapGet("/messages", MessagesAsync).RequireRateLimiting(WebChatRateLimits.ReadPolicy);
        api.MapGet("/files/{id:long}", FileAsync).RequireRateLimiting(WebChatRateLimits.ReadPolicy);
        app.MapGet("/chat", async (HttpContext context, WebChatVisitors visitors, BuurtkrachtDb db, ServiceReadiness readiness,
            IOptions<BeheerOptions> beheer, IOptions<MeldingenOptions> meldingen, string? taal, CancellationToken ct) =>
        {
            // The cookie comes with the page, so its first post already has its visitor.
            var visitor = visitors.FindOrIssue(context);
            var language = Languages.Find(taal)?.Code
                ?? (readiness.DatabaseReady
                    ? await db.Members.Where(m => m.Channel == ChannelKind.WebChat && m.ChannelUserId == visitor).Select(m => m.Language).FirstOrDefaultAsync(ct)
                    : null)
                ?? Languages.Dutch;
            Secure(context, beheer.Value);
            return Results.Text(Page(language, beheer.Value, meldingen.Value), "text/html; charset=utf-8");
        });
        app.MapGet("/webchat/chat.js", (HttpContext context, IOptions<BeheerOptions> beheer) =>
        {
            Secure(context, beheer.Value);
            return Results.Stream(Resource("chat.js"), "text/javascript; charset=utf-8");
        });
        app.MapGet("/webchat/chat.css", (HttpContext context, IOptions<BeheerOptions> beheer) =>
        {
            Secure(context, beheer.Value);
            return Results.Stream(Resource("chat.css"), "text/css; charset=utf-8");
        });
        app.MapGet("/", () => Results.Redirect("/chat"));
    }

    /// <summary>
    /// Scripts and styles only from this service (the page's own files and the committed Leaflet), no inline code; map
    /// tiles from Beheer:MapTiles, the same server the dashboard's map uses.
    /// </summary>
    private static void Secure(HttpContext context, BeheerOptions beheer)
    {
        var tiles = Uri.TryCreate(beheer.MapTiles, UriKind.Absolute, out var t) ? " " + t.GetLeftPart(UriPartial.Authority) : "";
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:" + tiles +
            "; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
        headers.XContentTypeOptions = "nosniff";
    }

    /// <summary>What the page posts. Exactly one of Text, Choice, Location or Event is set; who posts it is the cookie's visitor.</summary>
    /// <param name="ClientMessageId">Unique per message, so a retried post is handled once.</param>
    /// <param name="UserName">The name the visitor typed: a display name only, it identifies nobody.</param>
    /// <param name="Chat">"private" or "group".</param>
    /// <param name="Event">"bot-added" when the page opens the demo group the first time.</param>
    public sealed record SendRequest(string ClientMessageId, string? UserName, string Chat, string? Text, string? Choice, string? Event,
        ChatLocation? Location = null);

    /// <summary>A place from the browser's geolocation or the map's pin.</summary>
    public sealed record ChatLocation(double Latitude, double Longitude);

    public sealed record ChatMessage(
        long Id, string Text, IReadOnlyList<IReadOnlyList<Choice>> Choices, string? RequestLocationLabel, bool ExpectsTextReply, long? EditsId,
        ChatDocument? Document);

    /// <summary>A file that came with a message (an .ics, a CSV), downloaded from <paramref name="Url"/>.</summary>
    public sealed record ChatDocument(string Url, string Name);

    private static async Task<IResult> SendAsync(
        SendRequest request, HttpContext context, WebChatVisitors visitors, IInboundHandler engine, CancellationToken ct)
    {
        if (!IsId(request.ClientMessageId) || request.Chat is not ("private" or "group"))
            return Results.BadRequest(new { error = "clientMessageId (letters, digits, dash; up to 64) and chat (private|group) are required" });
        InboundContent? content = request switch
        {
            { Event: "bot-added" } => new BotAddedContent(),
            { Choice: { Length: > 0 and <= 64 } choice } => new ChoiceContent(choice),
            { Location: { Latitude: >= -90 and <= 90 and var lat, Longitude: >= -180 and <= 180 and var lon } } => new LocationContent(lat, lon),
            { Text: { } text } when text.Length <= 10_000 => CommandText.Parse(text),
            _ => null,
        };
        if (content is null) return Results.BadRequest(new { error = "send text (up to 10000 characters), a choice, a location or an event" });

        var message = Inbound(visitors.FindOrIssue(context), request.ClientMessageId, request.Chat == "group", request.UserName, content);
        var outcome = await engine.HandleAsync(message, ct);
        return outcome == InboundOutcome.Failed ? Results.StatusCode(503) : Results.Ok(new { outcome = outcome.ToString() });
    }

    /// <summary>The inbound message of one of the visitor's own chats; nothing the page sends can name another.</summary>
    internal static InboundMessage Inbound(string visitor, string clientMessageId, bool isGroup, string? userName, InboundContent content)
    {
        var name = string.IsNullOrWhiteSpace(userName) ? "Bezoeker" : userName.Trim()[..Math.Min(userName.Trim().Length, 64)];
        return new InboundMessage(
            $"web:{visitor}:{clientMessageId}",
            new ChatAddress(ChannelKind.WebChat, ChatIdFor(visitor, isGroup)),
            isGroup ? ChatKind.Group : ChatKind.Private,
            isGroup ? "Demogroep" : null,
            new Sender(visitor, name, "nl"),
            content);
    }

    /// <remarks>A userId or chat id in the query is not read: the chat is always one of the cookie's visitor.</remarks>
    private static async Task<IResult> MessagesAsync(
        string chat, long? after, HttpContext context, WebChatVisitors visitors, BuurtkrachtDb db, ServiceReadiness readiness,
        TimeProvider clock, CancellationToken ct)
    {
        if (chat is not ("private" or "group")) return Results.BadRequest(new { error = "chat (private|group) is required" });
        if (!readiness.DatabaseReady) return Results.StatusCode(503);
        var chatId = ChatIdFor(visitors.FindOrIssue(context), chat == "group");
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
                    var document = m.DocumentPath is { } path ? new ChatDocument($"/webchat/api/files/{r.Id}", Path.GetFileName(path)) : null;
                    return new ChatMessage(r.Id, m.Text, m.Choices, m.RequestLocationLabel, m.ExpectsTextReply, m.EditsOutboxId, document);
                }));
            await Task.Delay(TimeSpan.FromMilliseconds(150), clock, ct);
        }
    }

    /// <summary>The file of a message sent to one of this visitor's chats; any other id answers 404.</summary>
    private static async Task<IResult> FileAsync(long id, HttpContext context, WebChatVisitors visitors, BuurtkrachtDb db, CancellationToken ct)
    {
        var visitor = visitors.Find(context);
        if (visitor is null) return Results.NotFound();
        string[] chats = [ChatIdFor(visitor, false), ChatIdFor(visitor, true)];
        var row = await db.OutboxMessages.AsNoTracking()
            .SingleOrDefaultAsync(o => o.Id == id && o.Channel == ChannelKind.WebChat && chats.Contains(o.ChatId) && o.Status == OutboxStatus.Sent, ct);
        if (row is null || Outbox.ReadPayload(row).DocumentPath is not { } path || !File.Exists(path)) return Results.NotFound();
        var type = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".ics" => "text/calendar",
            ".csv" => "text/csv",
            _ => "application/octet-stream",
        };
        return Results.File(path, type, Path.GetFileName(path));
    }

    /// <summary>
    /// The page, its script and its styles are compiled into the assembly, so it is found wherever the service starts, and the static files of
    /// wwwroot never serve it while the web chat is off.
    /// </summary>
    private static Stream Resource(string name) =>
        typeof(WebChatEndpoints).Assembly.GetManifestResourceStream("Buurtkracht.Bot.WebChat." + name)
        ?? throw new InvalidOperationException($"The embedded resource {name} is missing from the build.");

    private static readonly Lazy<string> PageTemplate = new(() => new StreamReader(Resource("chat.html")).ReadToEnd());

    /// <summary>
    /// The page in the person's language (the one /taal chose, or ?taal=): {{Key}} is a catalogue text as HTML (the
    /// catalogue's own tags such as &lt;b&gt; kept), {{attr:Key}} the same encoded for an attribute (the texts chat.js
    /// shows come as data-t-* attributes of body, as no inline script runs); dir="rtl" for Arabic.
    /// </summary>
    internal static string Page(string language, BeheerOptions beheer, MeldingenOptions meldingen) =>
        PageMarker().Replace(PageTemplate.Value, m => m.Groups["key"].Value switch
        {
            "lang" => language,
            "dir" => (Languages.Find(language) ?? Languages.Default).Direction,
            "tiles" => WebUtility.HtmlEncode(beheer.MapTiles),
            "maxphoto" => meldingen.MaxPhotoBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            var key when m.Groups["attr"].Success => WebUtility.HtmlEncode(TextCatalog.Shared.Text(language, key)),
            var key => TextCatalog.Shared.Text(language, key),
        });

    [GeneratedRegex(@"\{\{(?<attr>attr:)?(?<key>[\w.]+)\}\}")]
    private static partial Regex PageMarker();

    private static string ChatIdFor(string visitor, bool group) => group ? WebChatVisitors.GroupChatId(visitor) : WebChatVisitors.PrivateChatId(visitor);

    internal static bool IsId(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
