using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Bot.WebChat;

/// <summary>
/// The local web chat: "sending" only marks the outbox row as sent; the page reads sent rows of its chat. The person
/// trying the demo group is its admin, so every dialog can be tried without a platform; that admin never becomes a
/// moderator (RoleGrants refuses web chat visitors) and the demo group only ever links to the demo buurt.
/// </summary>
public sealed class WebChatChannel : IChannel
{
    public ChannelKind Kind => ChannelKind.WebChat;

    public Task<SendResult> SendAsync(string chatId, OutgoingMessage message, string? editPlatformMessageId, CancellationToken ct) =>
        Task.FromResult<SendResult>(new SendResult.Sent(null));

    public Task<bool> IsGroupAdminAsync(string chatId, string userId, CancellationToken ct) => Task.FromResult(true);

    public Task<IReadOnlyList<Sender>> GetGroupAdminsAsync(string chatId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Sender>>([]);

    /// <summary>Every visitor has one demo group of their own, and nobody else is in it.</summary>
    public Task<bool> IsGroupMemberAsync(string chatId, string userId, CancellationToken ct) =>
        Task.FromResult(chatId == $"g-{userId}");

    public string PrivateChatLink(string payload) => $"/chat?start={Uri.EscapeDataString(payload)}";
}
