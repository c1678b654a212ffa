using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Messaging;

/// <summary>
/// Sends due outbox rows in order per chat, within each platform's rate limits, and records the outcome on the row.
/// A row is only marked Sent after the platform accepted it, so a crash can at worst send a message twice, never
/// lose it.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    Channels channels,
    TimeProvider clock,
    OutboxSignal signal,
    ServiceReadiness readiness,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;
    private readonly RateLimiter _limiter = new(options.Value.EffectiveRateLimits());
    private readonly HashSet<ChannelKind> _warnedUnconfigured = [];
    private DateTimeOffset? _limitedUntil;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await readiness.WhenDatabaseReady.WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            TimeSpan idle;
            try
            {
                idle = await DispatchRoundAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Outbox round failed; trying again shortly");
                idle = TimeSpan.FromSeconds(5);
            }
            if (_limitedUntil is { } until && until > clock.GetUtcNow())
            {
                _limitedUntil = null;
                await Task.Delay(until - clock.GetUtcNow(), clock, ct);
            }
            else if (idle > TimeSpan.Zero) await signal.WaitAsync(idle, clock, ct);
        }
    }

    /// <summary>Sends what is due and allowed now; returns how long to wait before the next round (zero: go on).</summary>
    public async Task<TimeSpan> DispatchRoundAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        // Light headers first: during a broadcast the backlog is large and most of it waits for the rate limiter,
        // so payloads are only read for the rows that actually go out this round. A batch per channel: one shared
        // batch filled with a broadcast's Telegram rows (which go out at 30 a second) left Teams only the few rows that
        // slid into it each second, so 200 Teams conversations took 17 s instead of 4.
        var due = new List<DueRow>();
        foreach (var channel in Enum.GetValues<ChannelKind>())
            due.AddRange(await db.OutboxMessages.AsNoTracking()
                .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now && o.Channel == channel)
                .OrderBy(o => o.Id)
                .Select(o => new DueRow(o.Id, o.Channel, o.ChatId, o.ChatKind))
                .Take(_options.BatchSize)
                .ToListAsync(ct));
        if (due.Count == 0) return await UntilNextDueAsync(db, now, ct);

        var chatsThisRound = new HashSet<ChatAddress>();
        var chosen = new List<DueRow>();
        var wait = _options.PollInterval;
        var waitingForRetry = await FirstWaitingRowPerChatAsync(db, now, ct);
        foreach (var row in due)
        {
            // Only the oldest due message of a chat goes per round: keeps every chat's messages in order.
            if (!chatsThisRound.Add(row.Address)) continue;
            if (waitingForRetry.TryGetValue(row.Address, out var firstWaiting) && firstWaiting < row.Id) continue;
            if (!channels.TryGet(row.Channel, out _))
            {
                if (_warnedUnconfigured.Add(row.Channel))
                    log.LogWarning("Outbox holds messages for {Channel}, which is not configured; they wait until it is", row.Channel);
                continue;
            }
            var slot = _limiter.TryAcquire(row.Address, row.ChatKind, now);
            if (slot > TimeSpan.Zero)
            {
                if (slot < wait) wait = slot;
                continue;
            }
            chosen.Add(row);
        }
        if (chosen.Count == 0)
        {
            // Everything due is held back by rate limits: new commits cannot change that, so don't let them wake us.
            _limitedUntil = now + wait;
            return wait;
        }

        var ids = chosen.Select(r => r.Id).ToList();
        var rows = await db.OutboxMessages.Where(o => ids.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync(ct);
        // Each payload is read once a round; an unreadable one fails only its own row (in SendAsync), not the round.
        var payloads = rows.ToDictionary(r => r.Id, ReadPayload);
        var editTargets = await EditTargetsAsync(db, payloads.Values, ct);
        foreach (var row in rows.Where(row => IsStrandedEdit(row, payloads[row.Id], editTargets)).ToList())
        {
            DropStrandedEdit(row);
            _limiter.Settle(row.Address, row.ChatKind, now, now);
            rows.Remove(row);
        }
        using var parallel = new SemaphoreSlim(_options.MaxParallelSends);
        var results = await Task.WhenAll(rows.Select(async row =>
        {
            await parallel.WaitAsync(ct);
            try
            {
                var result = await SendAsync(row, payloads[row.Id], channels[row.Channel], editTargets, ct);
                return (Row: row, Result: result, AnsweredAt: clock.GetUtcNow());
            }
            finally
            {
                parallel.Release();
            }
        }));

        var after = clock.GetUtcNow();
        var unreachable = new List<OutboxMessage>();
        var moves = new List<(ChannelKind Channel, string From, string To)>();
        foreach (var (row, result, answeredAt) in results)
        {
            // The platform counted the message somewhere before it answered; see RateLimiter for why that moment counts.
            _limiter.Settle(row.Address, row.ChatKind, now, answeredAt);
            if (result is SendResult.Moved moved)
            {
                moves.Add((row.Channel, row.ChatId, moved.NewChatId));
                Move(row, payloads[row.Id], moved, editTargets, after);
            }
            else if (Apply(row, result, after)) unreachable.Add(row);
        }
        // One transaction: whoever sees a row Unreachable also sees its group or member marked, and whoever sees a row
        // re-addressed also sees its group (and the chat's other pending rows) at the new address.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        foreach (var row in unreachable) await MarkChatUnreachableAsync(db, row, after, ct);
        foreach (var (channel, from, to) in moves)
            if (await GroupMove.MoveAsync(db, channel, from, to, after, ct) is { } groupId)
                log.LogInformation("Street group {GroupId} on {Channel} moved to a new chat id; its pending messages follow", groupId, channel);
        await transaction.CommitAsync(ct);
        _limiter.Trim(after);
        return TimeSpan.Zero;
    }

    private sealed record DueRow(long Id, ChannelKind Channel, string ChatId, ChatKind ChatKind)
    {
        public ChatAddress Address => new(Channel, ChatId);
    }

    private async Task<TimeSpan> UntilNextDueAsync(BuurtkrachtDb db, DateTimeOffset now, CancellationToken ct)
    {
        var next = await db.OutboxMessages.Where(o => o.Status == OutboxStatus.Pending)
            .OrderBy(o => o.NextAttemptAt).Select(o => (DateTimeOffset?)o.NextAttemptAt).FirstOrDefaultAsync(ct);
        if (next is null) return _options.PollInterval;
        var until = next.Value - now;
        return until <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : until < _options.PollInterval ? until : _options.PollInterval;
    }

    /// <summary>
    /// Per chat, the oldest pending row that waits for its retry: newer rows of that chat must not overtake it,
    /// also after a restart (the limiter's pause lives in memory only).
    /// </summary>
    private static async Task<Dictionary<ChatAddress, long>> FirstWaitingRowPerChatAsync(BuurtkrachtDb db, DateTimeOffset now, CancellationToken ct)
    {
        // Rows waiting for a retry are few (a range of the Status/NextAttemptAt index), whatever the backlog.
        var waiting = await db.OutboxMessages
            .Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt > now)
            .GroupBy(o => new { o.Channel, o.ChatId })
            .Select(g => new { g.Key.Channel, g.Key.ChatId, FirstId = g.Min(o => o.Id) })
            .ToListAsync(ct);
        return waiting.ToDictionary(w => new ChatAddress(w.Channel, w.ChatId), w => w.FirstId);
    }

    /// <summary>A sent message that a later row edits: where it went and the platform's id for it.</summary>
    private sealed record EditTarget(string ChatId, string? PlatformMessageId);

    /// <summary>A row's message, or why it could not be read.</summary>
    private sealed record Payload(OutgoingMessage? Message, string? Unreadable);

    private static Payload ReadPayload(OutboxMessage row)
    {
        try
        {
            return new Payload(Outbox.ReadPayload(row), null);
        }
        catch (Exception ex)
        {
            return new Payload(null, ex.GetType().Name);
        }
    }

    private static async Task<Dictionary<long, EditTarget>> EditTargetsAsync(BuurtkrachtDb db, IEnumerable<Payload> payloads, CancellationToken ct)
    {
        var ids = payloads.Select(p => p.Message?.EditsOutboxId).OfType<long>().Distinct().ToList();
        if (ids.Count == 0) return [];
        return await db.OutboxMessages.Where(o => ids.Contains(o.Id) && o.Status == OutboxStatus.Sent)
            .ToDictionaryAsync(o => o.Id, o => new EditTarget(o.ChatId, o.PlatformMessageId), ct);
    }

    /// <summary>The row edits a message that was sent to another chat id than the row's: the group has moved since.</summary>
    private static bool IsStrandedEdit(OutboxMessage row, Payload payload, Dictionary<long, EditTarget> editTargets) =>
        payload.Message?.EditsOutboxId is { } original && editTargets.TryGetValue(original, out var target) && target.ChatId != row.ChatId;

    /// <summary>
    /// A message can only be edited in the chat it was sent to, and after a move that chat is dead (Telegram refuses
    /// every call to an upgraded group's old id; the supergroup's messages have ids of their own). Sending the edit as a
    /// new message would repeat the announcement at every RSVP, so the edit is dropped: this row only, not the chat.
    /// </summary>
    private void DropStrandedEdit(OutboxMessage row)
    {
        row.Status = OutboxStatus.Unreachable;
        row.LastError = "the message to edit stayed behind in the chat this group moved from";
        log.LogInformation("Outbox {Id}: dropped an edit of a message in a chat that moved on {Channel}", row.Id, row.Channel);
    }

    private static async Task<SendResult> SendAsync(OutboxMessage row, Payload payload, IChannel channel, Dictionary<long, EditTarget> editTargets, CancellationToken ct)
    {
        if (payload.Message is not { } message) return new SendResult.Transient(payload.Unreadable!);
        try
        {
            // An edit whose original never got out is sent as a new message instead.
            var editId = message.EditsOutboxId is { } original ? editTargets.GetValueOrDefault(original)?.PlatformMessageId : null;
            return await channel.SendAsync(row.ChatId, message, editId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return new SendResult.Transient(ex.GetType().Name);
        }
    }

    /// <summary>Records the outcome on the row; true when the whole chat turned out unreachable.</summary>
    private bool Apply(OutboxMessage row, SendResult result, DateTimeOffset now)
    {
        row.Attempts++;
        switch (result)
        {
            case SendResult.Sent sent:
                row.Status = OutboxStatus.Sent;
                row.SentAt = now;
                row.PlatformMessageId = sent.PlatformMessageId;
                row.LastError = null;
                return false;
            case SendResult.RetryAfter retry:
                row.NextAttemptAt = now + retry.Delay;
                row.LastError = Truncate(retry.Reason);
                _limiter.Pause(row.Address, row.NextAttemptAt);
                log.LogWarning("Outbox {Id}: rate limited by {Channel}, retrying after {Delay}", row.Id, row.Channel, retry.Delay);
                return false;
            case SendResult.Transient transient:
                row.LastError = Truncate(transient.Reason);
                if (row.Attempts >= _options.MaxAttempts)
                {
                    row.Status = OutboxStatus.Failed;
                    log.LogError("Outbox {Id}: giving up after {Attempts} attempts on {Channel}: {Reason}", row.Id, row.Attempts, row.Channel, row.LastError);
                    return false;
                }
                row.NextAttemptAt = now + Backoff(row.Attempts);
                log.LogWarning("Outbox {Id}: attempt {Attempts} failed on {Channel} ({Reason}); retrying at {Next:O}", row.Id, row.Attempts, row.Channel, row.LastError, row.NextAttemptAt);
                return false;
            case SendResult.Unreachable unreachable:
                row.Status = OutboxStatus.Unreachable;
                row.LastError = Truncate(unreachable.Reason);
                log.LogWarning("Outbox {Id}: chat on {Channel} is unreachable ({Reason})", row.Id, row.Channel, row.LastError);
                return true;
            case SendResult.Moved:
                throw new InvalidOperationException("A move is recorded by Move, not Apply.");
            case SendResult.Rejected rejected:
                row.Status = OutboxStatus.Failed;
                row.LastError = Truncate(rejected.Reason);
                log.LogError("Outbox {Id}: {Channel} rejected the message ({Reason})", row.Id, row.Channel, row.LastError);
                return false;
            default:
                throw new InvalidOperationException($"Unknown send result {result}");
        }
    }

    /// <summary>
    /// The chat lives on under a new id: the row goes there and is due at once, and the attempt does not count, since
    /// nothing was wrong with the message. An edit cannot follow (see <see cref="DropStrandedEdit"/>).
    /// </summary>
    private void Move(OutboxMessage row, Payload payload, SendResult.Moved moved, Dictionary<long, EditTarget> editTargets, DateTimeOffset now)
    {
        if (payload.Message?.EditsOutboxId is { } original && editTargets.ContainsKey(original))
        {
            DropStrandedEdit(row);
            return;
        }
        row.ChatId = moved.NewChatId;
        row.NextAttemptAt = now;
        row.LastError = Truncate(moved.Reason);
        log.LogInformation("Outbox {Id}: the chat on {Channel} moved to a new id; sending there", row.Id, row.Channel);
    }

    /// <summary>Exponential backoff with full jitter, capped.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var ceiling = Math.Min(_options.MaxRetryDelay.TotalMilliseconds, _options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempts - 1));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    private async Task MarkChatUnreachableAsync(BuurtkrachtDb db, OutboxMessage row, DateTimeOffset now, CancellationToken ct)
    {
        var reason = row.LastError;
        await db.OutboxMessages
            .Where(o => o.Channel == row.Channel && o.ChatId == row.ChatId && o.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Unreachable).SetProperty(o => o.LastError, reason), ct);
        if (row.ChatKind == ChatKind.Group)
            await db.StreetGroups.Where(g => g.Channel == row.Channel && g.ChatId == row.ChatId && g.IsActive)
                .ExecuteUpdateAsync(s => s.SetProperty(g => g.IsActive, false).SetProperty(g => g.DeactivatedAt, now), ct);
        else
            await db.Members.Where(m => m.Channel == row.Channel && m.PrivateChatId == row.ChatId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.PrivateChatUnreachable, true), ct);
    }

    private static string? Truncate(string? reason) => reason is { Length: > 500 } ? reason[..500] : reason;
}
