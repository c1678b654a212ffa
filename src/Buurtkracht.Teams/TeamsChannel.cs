using System.Net;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Teams;

/// <summary>
/// Sends neutral outgoing messages through the Bot Connector REST API, only to serviceUrls that arrived on
/// authenticated activities. A private message to a Teams user id without a known personal conversation creates one
/// first (POST /v3/conversations), so features can address a member by <c>ChatAddress(Teams, member.ChannelUserId)</c>.
/// </summary>
internal sealed class TeamsChannel(
    ConnectorClient connector, TeamsConversationStore store, IOptions<TeamsOptions> options, ILogger<TeamsChannel> logger) : IChannel
{
    private readonly TeamsOptions _options = options.Value;

    public ChannelKind Kind => ChannelKind.Teams;

    public async Task<SendResult> SendAsync(string chatId, OutgoingMessage message, string? editPlatformMessageId, CancellationToken ct)
    {
        try
        {
            var reference = await store.FindConversationAsync(chatId, ct);
            if (reference is null)
            {
                var created = await CreatePersonalConversationAsync(chatId, ct);
                if (created.Result is { } failed) return failed;
                reference = created.Reference!;
            }

            var activity = TeamsRendering.Render(message, await PhotoAsync(message, ct));
            var response = message.EditsOutboxId is not null && editPlatformMessageId is { Length: > 0 } activityId
                ? await connector.UpdateAsync(reference.ServiceUrl, reference.ConversationId, activityId, activity, ct)
                : await connector.SendAsync(reference.ServiceUrl, reference.ConversationId, activity, ct);
            if (response.Ok && message.EditsOutboxId is not null && editPlatformMessageId is { Length: > 0 })
                return new SendResult.Sent(editPlatformMessageId);
            return Classify(response);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogDebug(ex, "Sending to Teams failed");
            return new SendResult.Transient($"{ex.GetType().Name}: {ex.Message}");
        }
        catch (Microsoft.Identity.Client.MsalServiceException ex)
        {
            // A wrong app id or password is a configuration fault: retrying with backoff lets a fix take effect.
            logger.LogError("Could not get a Bot Connector token: {Code}", ex.ErrorCode);
            return new SendResult.Transient($"token: {ex.ErrorCode}");
        }
    }

    /// <summary>The pause after a 429 that names no Retry-After.</summary>
    internal static readonly TimeSpan DefaultThrottlePause = TimeSpan.FromSeconds(2);

    /// <summary>How a Connector answer maps onto what the dispatcher does next.</summary>
    internal static SendResult Classify(ConnectorResponse response)
    {
        var reason = $"{(int)response.Status} {response.Error}".Trim();
        return (int)response.Status switch
        {
            >= 200 and < 300 => new SendResult.Sent(response.Id),
            // Throttling, not a failure: the whole channel waits, for Retry-After or a short default when it is missing.
            429 => new SendResult.RetryAfter(response.RetryAfter is { } delay && delay > TimeSpan.Zero ? delay : DefaultThrottlePause, reason, ChannelWide: true),
            412 or 502 or 504 when response.RetryAfter is { } wait && wait > TimeSpan.Zero => new SendResult.RetryAfter(wait, reason),
            412 or 502 or 504 => new SendResult.Transient(reason),
            403 or 404 => new SendResult.Unreachable(reason),
            401 => new SendResult.Transient(reason),
            >= 400 and < 500 => new SendResult.Rejected(reason),
            _ => new SendResult.Transient(reason),
        };
    }

    private async Task<(TeamsConversationReference? Reference, SendResult? Result)> CreatePersonalConversationAsync(string userId, CancellationToken ct)
    {
        var user = await store.FindUserAsync(userId, ct);
        if (user is null)
            return (null, new SendResult.Rejected("no authenticated Teams conversation or user with this id"));
        if (user.PersonalConversationId is { } known && await store.FindConversationAsync(known, ct) is { } existing)
            return (existing, null);

        var parameters = new ConversationParameters(
            IsGroup: false,
            Bot: new ChannelAccount($"28:{_options.AppId}"),
            Members: [new ChannelAccount(user.UserId)],
            TenantId: user.TenantId,
            ChannelData: user.TenantId is null ? null : new { tenant = new { id = user.TenantId } });
        var response = await connector.CreateConversationAsync(user.ServiceUrl, parameters, ct);
        if (!response.Ok || response.Id is null)
            return (null, response.Ok ? new SendResult.Transient("conversation created without id") : Classify(response));
        await store.RecordPersonalConversationAsync(user, response.Id, ct);
        logger.LogInformation("Created a personal Teams conversation for a member");
        return (new TeamsConversationReference
        {
            ConversationId = response.Id, ServiceUrl = user.ServiceUrl, TenantId = user.TenantId, ConversationType = "personal",
        }, null);
    }

    private async Task<Attachment?> PhotoAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (message.PhotoPath is not { } path || !File.Exists(path)) return null;
        var info = new FileInfo(path);
        if (info.Length > _options.MaxInlinePhotoBytes) return null;
        var bytes = await File.ReadAllBytesAsync(path, ct);
        var type = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".gif" => "image/gif",
            _ => "image/jpeg",
        };
        return new Attachment { ContentType = type, ContentUrl = $"data:{type};base64,{Convert.ToBase64String(bytes)}", Name = info.Name };
    }

    /// <summary>
    /// Teams' bot API has no admin query for group chats, and team owners are only known to Microsoft Graph. The rule:
    /// whoever installed the bot in the team or group chat (the "from" of the install event) is its admin. Others get
    /// the moderator role through /koppel by that person or the admin CLI (roles grant).
    /// </summary>
    public async Task<bool> IsGroupAdminAsync(string chatId, string userId, CancellationToken ct) =>
        (await store.InstallersAsync(chatId, ct)).Contains(userId);

    public async Task<IReadOnlyList<Sender>> GetGroupAdminsAsync(string chatId, CancellationToken ct) =>
        (await store.InstallersAsync(chatId, ct)).Select(id => new Sender(id, "")).ToList();

    /// <summary>The conversation's roster decides: 200 means in it; 404 (MemberNotFoundInConversation) or 403 means not.</summary>
    /// <exception cref="HttpRequestException">The Connector answered something else, so membership is unknown.</exception>
    public async Task<bool> IsGroupMemberAsync(string chatId, string userId, CancellationToken ct)
    {
        if (await store.FindConversationAsync(chatId, ct) is not { } reference) return false;
        var status = await connector.GetMemberAsync(reference.ServiceUrl, reference.ConversationId, userId, ct);
        return (int)status switch
        {
            >= 200 and < 300 => true,
            403 or 404 => false,
            _ => throw new HttpRequestException($"Roster lookup answered {(int)status}", null, status),
        };
    }

    /// <summary>A Teams deep link that opens the chat with the bot, with "/start payload" typed in for the person to send.</summary>
    public string PrivateChatLink(string payload) =>
        $"https://teams.microsoft.com/l/chat/0/0?users=28:{Uri.EscapeDataString(_options.AppId ?? "")}&message={Uri.EscapeDataString("/start " + payload)}";
}
