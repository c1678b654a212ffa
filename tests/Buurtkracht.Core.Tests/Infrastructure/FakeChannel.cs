
namespace Buurtkracht.Core.Tests.Infrastructure;

/// <summary>
/// A channel whose answers the test sets: who is a group admin, which admins the platform lists, and what each send
/// returns. Engine tests read replies from the outbox; dispatcher tests read <see cref="Sends"/>.
/// </summary>
public sealed class FakeChannel(ChannelKind kind = ChannelKind.Telegram) : IChannel
{
    private readonly Lock _gate = new();
    private readonly List<SentCall> _sends = [];
    private readonly Queue<SendResult> _script = new();
    private int _nextMessageId;

    public const string BotUsername = "buurtkracht_test_bot";

    public ChannelKind Kind { get; } = kind;

    /// <summary>User ids the platform calls administrators of any group.</summary>
    public HashSet<string> AdminUserIds { get; } = [];

    /// <summary>What <see cref="GetGroupAdminsAsync"/> lists; kept apart from <see cref="AdminUserIds"/> so a test can list admins who never wrote.</summary>
    public List<Sender> ListedAdmins { get; } = [];

    public bool AdminCheckFails { get; set; }

    /// <summary>When set, every send throws it, as a broken HTTP client would.</summary>
    public Exception? ThrowOnSend { get; set; }

    /// <summary>Runs as a send is answered (with the chat id), e.g. to move a manual clock by the request's latency.</summary>
    public Action<string>? Answering { get; set; }

    /// <summary>When set, answers each send (given the chat id) unless it returns null, for answers that follow the clock.</summary>
    public Func<string, SendResult?>? Responder { get; set; }

    public IReadOnlyList<SentCall> Sends
    {
        get { lock (_gate) return _sends.ToList(); }
    }

    /// <summary>Results for the next sends, in order; once used up every send succeeds with a fresh message id.</summary>
    public FakeChannel Then(params SendResult[] results)
    {
        lock (_gate)
            foreach (var result in results) _script.Enqueue(result);
        return this;
    }

    public Task<SendResult> SendAsync(string chatId, OutgoingMessage message, string? editPlatformMessageId, CancellationToken ct)
    {
        lock (_gate)
        {
            _sends.Add(new SentCall(chatId, message, editPlatformMessageId));
            if (ThrowOnSend is { } failure) throw failure;
            Answering?.Invoke(chatId);
            var result = Responder?.Invoke(chatId)
                ?? (_script.TryDequeue(out var scripted) ? scripted : new SendResult.Sent($"m-{++_nextMessageId}"));
            return Task.FromResult(result);
        }
    }

    public Task<bool> IsGroupAdminAsync(string chatId, string userId, CancellationToken ct) =>
        AdminCheckFails ? throw new HttpRequestException("admin check down") : Task.FromResult(AdminUserIds.Contains(userId));

    public Task<IReadOnlyList<Sender>> GetGroupAdminsAsync(string chatId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Sender>>(ListedAdmins.ToList());

    /// <summary>(chat id, user id) pairs the platform reports as not in the group; everyone else is a member.</summary>
    public HashSet<(string ChatId, string UserId)> NotInGroup { get; } = [];

    public Task<bool> IsGroupMemberAsync(string chatId, string userId, CancellationToken ct) =>
        Task.FromResult(!NotInGroup.Contains((chatId, userId)));

    public string PrivateChatLink(string payload) => $"https://t.me/{BotUsername}?start={payload}";
}

public sealed record SentCall(string ChatId, OutgoingMessage Message, string? EditPlatformMessageId);
