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
/// On PostgreSQL, with several instances, one dispatcher sends for the whole bot: it holds the "outbox" lease and renews
/// it every round; the others wait and take over once it expires (LeaseDuration after a crash). One sender keeps the
/// order per chat and the platforms' limits for the bot as a whole, which per-row claims by several senders would not.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    Channels channels,
    TimeProvider clock,
    OutboxSignal signal,
    ServiceReadiness readiness,
    IOptions<OutboxOptions> options,
    IOptions<DatabaseOptions> database,
    DatabaseLeases leases,
    ILogger<OutboxDispatcher> log) : BackgroundService
{
    private const string LeaseName = "outbox";
    private bool _holdsLease;
    private DateTimeOffset _leaseRenewDue;

    private readonly OutboxOptions _options = options.Value;
    private readonly RateLimiter _limiter = new(options.Value.EffectiveRateLimits());
    private readonly HashSet<ChannelKind> _checkedUnconfigured = [];
    private OutboxOutcomes? _outcomes;
    private DateTimeOffset? _limitedUntil;
    private UnsavedRound? _unsaved;
    private int _saveFailures;

    // Rows read per channel and round at least, when the bot-wide window has room for only a few messages.
    private const int MinPage = 16;

    // Set by a round that found nothing due: until then only a commit (or a row falling due) can change that.
    private DateTimeOffset? _quietUntil;
    private SqliteDataVersion? _changes;

    private OutboxOutcomes Outcomes => _outcomes ??= new OutboxOutcomes(_options, _limiter, log);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await readiness.WhenDatabaseReady.WaitAsync(ct);
        if (database.Value.Provider == DatabaseProvider.Sqlite)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>().Database.GetConnectionString() is { } connectionString)
                _changes = new SqliteDataVersion(connectionString);
        }
        try
        {
            await DispatchWhileRunningAsync(ct);
        }
        finally
        {
            if (_holdsLease) await ReleaseLeaseAsync();
            _changes?.Dispose();
        }
    }

    private async Task DispatchWhileRunningAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TimeSpan idle;
            long? versionBefore = null;
            try
            {
                if (!await HoldLeaseAsync(ct))
                {
                    await Task.Delay(database.Value.LeaseDuration / 3, clock, ct);
                    continue;
                }
                // Read before the round's queries: a commit while they run shows as a change afterwards.
                versionBefore = _changes?.Read();
                idle = await DispatchRoundAsync(ct);
                // Never sleep past the renewal, or the lease would lapse while this instance idles.
                var untilRenew = _leaseRenewDue - clock.GetUtcNow();
                if (_holdsLease && database.Value.Provider == DatabaseProvider.PostgreSql && idle > untilRenew)
                    idle = untilRenew > TimeSpan.Zero ? untilRenew : TimeSpan.FromMilliseconds(1);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Outbox round failed; trying again shortly");
                idle = TimeSpan.FromSeconds(5);
                _quietUntil = null;
            }
            if (_limitedUntil is { } until && until > clock.GetUtcNow())
            {
                _limitedUntil = null;
                await Task.Delay(until - clock.GetUtcNow(), clock, ct);
            }
            else if (_quietUntil is { } quietUntil && versionBefore is { } version) await WaitForChangeAsync(version, quietUntil, ct);
            else if (idle > TimeSpan.Zero) await signal.WaitAsync(idle, clock, ct);
        }
    }

    /// <summary>
    /// Nothing was due (SQLite): instead of a round every poll interval, look whether anything was committed since the
    /// round began, and run the next round once something was, once the next row falls due, or after IdleRecheck at the
    /// latest. A turn's signal still wakes it at once; rows written by the CLI or a dashboard page are seen within the
    /// poll interval as before.
    /// </summary>
    private async Task WaitForChangeAsync(long version, DateTimeOffset until, CancellationToken ct)
    {
        while (true)
        {
            var left = until - clock.GetUtcNow();
            if (left <= TimeSpan.Zero) return;
            await signal.WaitAsync(left < _options.PollInterval ? left : _options.PollInterval, clock, ct);
            if (_changes?.Read() is not { } now || now != version) return;
        }
    }

    /// <summary>
    /// Whether this instance may send now. SQLite has one instance (the lock file sees to it), so no lease; on PostgreSQL
    /// the lease is renewed once a third of it has passed.
    /// </summary>
    private async Task<bool> HoldLeaseAsync(CancellationToken ct)
    {
        if (database.Value.Provider != DatabaseProvider.PostgreSql) return _holdsLease = true;
        var now = clock.GetUtcNow();
        if (_holdsLease && now < _leaseRenewDue) return true;
        await using var scope = scopes.CreateAsyncScope();
        var held = await leases.TryHoldAsync(scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>(), LeaseName, database.Value.LeaseDuration, ct);
        if (held != _holdsLease)
            log.LogInformation(held ? "This instance now dispatches the outbox ({Holder})" : "Another instance dispatches the outbox; {Holder} waits", leases.Holder);
        _holdsLease = held;
        _leaseRenewDue = now + database.Value.LeaseDuration / 3;
        return held;
    }

    private async Task ReleaseLeaseAsync()
    {
        if (database.Value.Provider != DatabaseProvider.PostgreSql) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await leases.ReleaseAsync(scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>(), LeaseName, CancellationToken.None);
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Could not give back the outbox lease; another instance takes over when it expires");
        }
    }

    /// <summary>Sends what is due and allowed now; returns how long to wait before the next round (zero: go on).</summary>
    public async Task<TimeSpan> DispatchRoundAsync(CancellationToken ct)
    {
        // Outcomes of sends that could not be saved go first: until they are, those rows still look Pending and would be
        // picked and sent again (a long write lock once made a message go out twice).
        _quietUntil = null;
        if (_unsaved is { } unsaved && await SaveAsync(unsaved, ct) is { } retry) return retry;
        var scope = scopes.CreateAsyncScope();
        var handedOver = false;
        try
        {
            var (wait, round) = await SendDueAsync(scope, ct);
            if (round is null) return wait;
            handedOver = true;
            return await SaveAsync(round, ct) ?? TimeSpan.Zero;
        }
        finally
        {
            if (!handedOver) await scope.DisposeAsync();
        }
    }

    /// <summary>The rows of one round with their outcomes recorded but not yet saved, and the context that tracks them.</summary>
    private sealed record UnsavedRound(
        AsyncServiceScope Scope, BuurtkrachtDb Db, List<OutboxMessage> Unreachable, List<(ChannelKind Channel, string From, string To)> Moves,
        DateTimeOffset At);

    private async Task<(TimeSpan Wait, UnsavedRound? Round)> SendDueAsync(AsyncServiceScope scope, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        var wait = _options.PollInterval;
        // Light headers first: during a broadcast the backlog is large and most of it waits for the rate limiter,
        // so payloads are only read for the rows that actually go out this round. A batch per channel: one shared
        // batch filled with a broadcast's Telegram rows (which go out at 30 a second) left Teams only the few rows that
        // slid into it each second, so 200 Teams conversations took 17 s instead of 4. A channel that is not configured
        // or is paused by the platform's flood control is not queried at all.
        // A channel whose bot-wide window is full is not read at all (while rate-limited, most rounds), and a channel
        // with room reads only a few rows more than it could send; so a round costs the same at 100 or 20,000 pending.
        var open = new List<ChannelKind>();
        var chatsThisRound = new HashSet<ChatAddress>();
        var chosen = new List<DueRow>();
        Dictionary<ChatAddress, long>? waitingForRetry = null;
        var anyDue = false;
        var quiet = _options.IdleRecheck;
        foreach (var channel in Enum.GetValues<ChannelKind>())
        {
            if (!channels.TryGet(channel, out _))
            {
                await WarnUnconfiguredAsync(db, channel, ct);
                continue;
            }
            var (free, untilFree) = _limiter.ChannelCapacity(channel, now);
            if (free == 0)
            {
                if (untilFree < wait) wait = untilFree;
                if (untilFree < quiet) quiet = untilFree;
                continue;
            }
            open.Add(channel);
            var page = free >= _options.BatchSize ? _options.BatchSize : Math.Min(_options.BatchSize, Math.Max(MinPage, free * 4));
            var (scanned, sentHere, afterId) = (0, 0, 0L);
            while (scanned < _options.BatchSize && sentHere < free)
            {
                var take = Math.Min(page, _options.BatchSize - scanned);
                var headers = await DueRows(db, channel, now, afterId)
                    .OrderBy(o => o.Id)
                    .Select(o => new DueRow(o.Id, o.Channel, o.ChatId, o.ChatKind))
                    .Take(take)
                    .ToListAsync(ct);
                if (headers.Count == 0) break;
                anyDue = true;
                waitingForRetry ??= await FirstWaitingRowPerChatAsync(db, now, ct);
                foreach (var row in headers)
                {
                    if (sentHere >= free) break;
                    // Only the oldest due message of a chat goes per round: keeps every chat's messages in order.
                    if (!chatsThisRound.Add(row.Address)) continue;
                    if (waitingForRetry.TryGetValue(row.Address, out var firstWaiting) && firstWaiting < row.Id) continue;
                    var slot = _limiter.TryAcquire(row.Address, row.ChatKind, now);
                    if (slot > TimeSpan.Zero)
                    {
                        if (slot < wait) wait = slot;
                        continue;
                    }
                    chosen.Add(row);
                    sentHere++;
                }
                scanned += headers.Count;
                if (headers.Count < take) break;
                // The front of the queue is held back (chats at their own limit): look further, in growing pages.
                afterId = headers[^1].Id;
                page = Math.Min(_options.BatchSize, page * 4);
            }
        }
        if (!anyDue)
        {
            var next = await NextDueAsync(db, open, ct);
            if (next is { } at && at - now < quiet) quiet = at - now;
            _quietUntil = now + (quiet > TimeSpan.Zero ? quiet : TimeSpan.Zero);
            var untilDue = next is null ? _options.PollInterval
                : next.Value - now is var until && until <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1)
                : until < _options.PollInterval ? until : _options.PollInterval;
            return (untilDue < wait ? untilDue : wait, null);
        }
        if (chosen.Count == 0)
        {
            // Everything due is held back by rate limits: new commits cannot change that, so don't let them wake us.
            _limitedUntil = now + wait;
            return (wait, null);
        }

        var ids = chosen.Select(r => r.Id).ToList();
        var rows = await db.OutboxMessages.Where(o => ids.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync(ct);
        // Each payload is read once a round; an unreadable one fails only its own row (in SendAsync), not the round.
        var payloads = rows.ToDictionary(r => r.Id, ReadPayload);
        var editTargets = await EditTargetsAsync(db, payloads.Values, ct);
        foreach (var row in rows.Where(row => IsStrandedEdit(row, payloads[row.Id], editTargets)).ToList())
        {
            Outcomes.DropStrandedEdit(row);
            _limiter.Settle(row.Address, row.ChatKind, now, now);
            rows.Remove(row);
        }
        using var parallel = new SemaphoreSlim(_options.MaxParallelSends);
        // Once a platform throttles the bot, the rows of that channel still waiting for a free request stay unsent.
        var throttled = new System.Collections.Concurrent.ConcurrentDictionary<ChannelKind, bool>();
        var results = await Task.WhenAll(rows.Select(async row =>
        {
            await parallel.WaitAsync(ct);
            try
            {
                if (throttled.ContainsKey(row.Channel)) return (Row: row, Result: (SendResult?)null, AnsweredAt: now);
                var result = await SendAsync(row, payloads[row.Id], channels[row.Channel], editTargets, ct);
                if (result is SendResult.RetryAfter { ChannelWide: true }) throttled[row.Channel] = true;
                return (Row: row, Result: (SendResult?)result, AnsweredAt: clock.GetUtcNow());
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
            if (result is null) continue;
            // The platform counted the message somewhere before it answered; see RateLimiter for why that moment counts.
            _limiter.Settle(row.Address, row.ChatKind, now, answeredAt);
            if (result is SendResult.Moved moved)
            {
                moves.Add((row.Channel, row.ChatId, moved.NewChatId));
                var editsSent = payloads[row.Id].Message?.EditsOutboxId is { } original && editTargets.ContainsKey(original);
                Outcomes.Move(row, editsSent, moved, after);
            }
            else if (Outcomes.Apply(row, result, after)) unreachable.Add(row);
        }
        return (TimeSpan.Zero, new UnsavedRound(scope, db, unreachable, moves, after));
    }

    /// <summary>
    /// Saves a round's outcomes; on failure (a write lock held past the busy timeout) keeps them for the next round,
    /// which retries the save with a growing pause before it sends anything. Returns that pause, or null once saved.
    /// </summary>
    private async Task<TimeSpan?> SaveAsync(UnsavedRound round, CancellationToken ct)
    {
        try
        {
            // One transaction: whoever sees a row Unreachable also sees its group or member marked, and whoever sees a row
            // re-addressed also sees its group (and the chat's other pending rows) at the new address.
            await using (var transaction = await round.Db.Database.BeginTransactionAsync(ct))
            {
                await round.Db.SaveChangesAsync(ct);
                foreach (var row in round.Unreachable) await MarkChatUnreachableAsync(round.Db, row, round.At, ct);
                foreach (var (channel, from, to) in round.Moves)
                    if (await GroupMove.MoveAsync(round.Db, channel, from, to, round.At, ct) is { } groupId)
                        log.LogInformation("Street group {GroupId} on {Channel} moved to a new chat id; its pending messages follow", groupId, channel);
                await transaction.CommitAsync(ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _unsaved = round;
            _saveFailures++;
            var pause = TimeSpan.FromMilliseconds(Math.Min(30_000, 500 * Math.Pow(2, Math.Min(_saveFailures - 1, 10))));
            // Not woken by new commits either: nothing may be sent before this is saved.
            _limitedUntil = clock.GetUtcNow() + pause;
            // A lock passes; a save that keeps failing halts the outbox (better than sending the same messages again and
            // again), so from the fifth try on it is an error.
            log.Log(_saveFailures >= 5 ? LogLevel.Error : LogLevel.Warning, ex,
                "Outbox: the outcome of {Count} sends could not be saved (try {Try}); saving again in {Pause} before sending more",
                round.Db.ChangeTracker.Entries<OutboxMessage>().Count(e => e.State == EntityState.Modified), _saveFailures, pause);
            return pause;
        }
        _unsaved = null;
        _saveFailures = 0;
        _limiter.Trim(round.At);
        await round.Scope.DisposeAsync();
        return null;
    }

    public override void Dispose()
    {
        // Outcomes still unsaved at shutdown are lost; their rows are sent again after the start (at least once).
        _unsaved?.Scope.Dispose();
        base.Dispose();
    }

    /// <summary>Rows of a channel that is not configured wait until it is; said once, without a query every round.</summary>
    private async Task WarnUnconfiguredAsync(BuurtkrachtDb db, ChannelKind channel, CancellationToken ct)
    {
        if (!_checkedUnconfigured.Add(channel)) return;
        if (await db.OutboxMessages.AnyAsync(o => o.Channel == channel && o.Status == OutboxStatus.Pending, ct))
            log.LogWarning("Outbox holds messages for {Channel}, which is not configured; they wait until it is", channel);
    }

    private sealed record DueRow(long Id, ChannelKind Channel, string ChatId, ChatKind ChatKind)
    {
        public ChatAddress Address => new(Channel, ChatId);
    }

    /// <summary>
    /// A channel's pending rows that are due. Channel and Status equal, Id in order: a walk along the (Channel, Status, Id)
    /// index that stops at the batch size, whatever the backlog. The unary plus keeps SQLite's planner (which has no
    /// statistics) from taking the (Status, NextAttemptAt) range instead and sorting the whole backlog every round.
    /// </summary>
    internal static IQueryable<OutboxMessage> DueRows(BuurtkrachtDb db, ChannelKind channel, DateTimeOffset now, long afterId = 0)
    {
        var channelName = channel.ToString();
        var pending = nameof(OutboxStatus.Pending);
        var nowMs = now.ToUnixTimeMilliseconds();
        // A next page ("Id" > afterId) goes on with the same index walk where the previous one stopped. The first page
        // leaves the Id condition out: with "Id" > 0 SQLite's planner no longer walks that index (OutboxDeliveryTests checks the plan).
        var rows = afterId == 0
            ? db.OutboxMessages.FromSql(
                $"""SELECT * FROM "OutboxMessages" WHERE "Channel" = {channelName} AND "Status" = {pending} AND +"NextAttemptAt" <= {nowMs}""")
            : db.OutboxMessages.FromSql(
                $"""SELECT * FROM "OutboxMessages" WHERE "Channel" = {channelName} AND "Status" = {pending} AND "Id" > {afterId} AND +"NextAttemptAt" <= {nowMs}""");
        return rows.AsNoTracking();
    }

    /// <summary>When the earliest pending row of the open channels falls due; null when there is none.</summary>
    private static async Task<DateTimeOffset?> NextDueAsync(BuurtkrachtDb db, List<ChannelKind> open, CancellationToken ct)
    {
        if (open.Count == 0) return null;
        return await db.OutboxMessages.Where(o => o.Status == OutboxStatus.Pending && open.Contains(o.Channel))
            .OrderBy(o => o.NextAttemptAt).Select(o => (DateTimeOffset?)o.NextAttemptAt).FirstOrDefaultAsync(ct);
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
}
