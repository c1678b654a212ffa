namespace Buurtkracht.Core.Messaging;

/// <summary>
/// A platform the bot can send to: Telegram, Teams, the local web chat. Implementations are thin: render the
/// neutral message into the platform's form and report the outcome; rate limits and retries live in the dispatcher.
/// </summary>
public interface IChannel
{
    ChannelKind Kind { get; }

    /// <summary>Sends (or, with <see cref="OutgoingMessage.EditsOutboxId"/>, edits) one message.</summary>
    /// <param name="editPlatformMessageId">The platform message id to edit, resolved by the dispatcher.</param>
    Task<SendResult> SendAsync(string chatId, OutgoingMessage message, string? editPlatformMessageId, CancellationToken ct);

    /// <summary>Whether the user is an administrator (or owner) of the group chat.</summary>
    Task<bool> IsGroupAdminAsync(string chatId, string userId, CancellationToken ct);

    /// <summary>The group's administrators, so they can be made moderators when the group is linked.</summary>
    Task<IReadOnlyList<Sender>> GetGroupAdminsAsync(string chatId, CancellationToken ct);

    /// <summary>Whether the user is a member of the group chat now (Telegram getChatMember, the Teams roster).</summary>
    Task<bool> IsGroupMemberAsync(string chatId, string userId, CancellationToken ct);

    /// <summary>A link that opens a private chat with the bot and starts it with <paramref name="payload"/>.</summary>
    string PrivateChatLink(string payload);
}

/// <summary>How sending one message went, as the dispatcher needs to know it.</summary>
public abstract record SendResult
{
    private SendResult() { }

    /// <summary>Delivered; <paramref name="PlatformMessageId"/> allows later edits.</summary>
    public sealed record Sent(string? PlatformMessageId) : SendResult;

    /// <summary>Wait <paramref name="Delay"/> before trying again (Telegram 429 retry_after, Teams Retry-After).</summary>
    /// <param name="ChannelWide">
    /// Flood control (a 429): the platform throttles the bot as a whole, so the whole channel pauses, and the answer is
    /// not a failed attempt. False for a fault that merely says when to come back (Teams 412, 502, 504).
    /// </param>
    public sealed record RetryAfter(TimeSpan Delay, string Reason, bool ChannelWide = false) : SendResult;

    /// <summary>A passing fault (5xx, timeout, network): retry with backoff.</summary>
    public sealed record Transient(string Reason) : SendResult;

    /// <summary>The chat can no longer be reached (bot blocked or removed, 403): never retry.</summary>
    public sealed record Unreachable(string Reason) : SendResult;

    /// <summary>
    /// The group chat lives on under <paramref name="NewChatId"/> (a Telegram group upgraded to a supergroup): send
    /// there instead; not a failed attempt.
    /// </summary>
    public sealed record Moved(string NewChatId, string Reason) : SendResult;

    /// <summary>The platform refused this message for good (400): do not retry it, but the chat is fine.</summary>
    public sealed record Rejected(string Reason) : SendResult;
}
