using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Broadcasts;

/// <summary>What a coördinator wants to send, to whom and when.</summary>
public sealed record BroadcastDraft(
    BroadcastAudienceKind Audience, IReadOnlyList<int> Ids, string Text, string? Link, string? PhotoPath,
    string SentBy, int? SenderMemberId, DateTimeOffset? SendAt);

/// <summary>One target as the audience resolves it: a group or a moderator; <see cref="Chat"/> is null when it cannot be reached.</summary>
public sealed record BroadcastTarget(int? GroupId, int? MemberId, ChatAddress? Chat, ChatKind Kind);

/// <summary>
/// Broadcasts: audience resolution, the fan-out into the outbox (one row per target, in the caller's transaction), the
/// sweep that starts scheduled broadcasts and reports finished ones, and cancelling.
/// </summary>
public sealed class BroadcastService
{
    /// <param name="StillSending">A broadcast has rows that are not final yet, so its report is still to come.</param>
    public sealed record SweepResult(int Started, int Reported, DateTimeOffset? NextDue, bool StillSending);

    /// <summary>Where a broadcast's targets stand now: still waiting, arrived, failed, or not reachable (nothing sent).</summary>
    public sealed record DeliveryCounts(int Targets, int Pending, int Delivered, int Failed, int Unreachable);

    /// <summary>3 to 1000 characters once trimmed, the same for /omroep, the CLI and the dashboard.</summary>
    public static bool IsValidText(string? text) => text?.Trim().Length is >= 3 and <= 1000;

    /// <summary>An absolute http(s) address of at most 500 characters.</summary>
    public static bool IsValidLink(string? link) =>
        link is { Length: > 0 and <= 500 } && Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>A time a person picks in /omroep or the dashboard lies ahead, and not more than a year ahead (the CLI only needs it ahead).</summary>
    public static bool IsValidSendAt(DateTimeOffset at, DateTimeOffset now) => at > now && at <= now.AddDays(366);

    /// <summary>The delivery figures counted from the outbox rows at this moment, also while the broadcast is being sent.</summary>
    public static async Task<DeliveryCounts> CountDeliveriesAsync(BuurtkrachtDb db, int broadcastId, CancellationToken ct = default)
    {
        var statuses = await db.Set<BroadcastDelivery>().Where(d => d.BroadcastId == broadcastId)
            .Select(d => d.OutboxMessage == null ? (OutboxStatus?)null : d.OutboxMessage.Status).ToListAsync(ct);
        return new DeliveryCounts(statuses.Count, statuses.Count(s => s == OutboxStatus.Pending), statuses.Count(s => s == OutboxStatus.Sent),
            statuses.Count(s => s == OutboxStatus.Failed), statuses.Count(s => s is null or OutboxStatus.Unreachable));
    }

    public async Task<List<BroadcastTarget>> ResolveAsync(BuurtkrachtDb db, BroadcastAudienceKind audience, IReadOnlyList<int> ids, CancellationToken ct = default)
    {
        // The web chat is a demo anyone can open: none of its visitors or groups is ever in an audience.
        if (audience == BroadcastAudienceKind.Moderators)
        {
            var moderators = await db.RoleAssignments.Where(r => r.Role == Role.Moderator).Select(r => r.MemberId).Distinct()
                .Join(db.Members, id => id, m => m.Id, (id, m) => m).Where(m => m.Channel != ChannelKind.WebChat).OrderBy(m => m.Id).ToListAsync(ct);
            return moderators.Select(m => new BroadcastTarget(null, m.Id,
                m.PrivateChatId is { } chat && !m.PrivateChatUnreachable ? new ChatAddress(m.Channel, chat) : null, ChatKind.Private)).ToList();
        }
        var groups = db.StreetGroups.Where(g => g.Channel != ChannelKind.WebChat);
        groups = audience switch
        {
            BroadcastAudienceKind.Buurt => groups.Where(g => ids.Contains(g.BuurtId ?? -1)),
            BroadcastAudienceKind.Groups => groups.Where(g => ids.Contains(g.Id)),
            _ => groups,
        };
        // A group the bot was removed from stays in the audience, reported unreachable without a send; for "all groups" and a
        // buurt only the groups that are still in use count.
        if (audience != BroadcastAudienceKind.Groups) groups = groups.Where(g => g.IsActive);
        var list = await groups.OrderBy(g => g.Id).Select(g => new { g.Id, g.Channel, g.ChatId, g.IsActive }).ToListAsync(ct);
        return list.Select(g => new BroadcastTarget(g.Id, null, g.IsActive ? new ChatAddress(g.Channel, g.ChatId) : null, ChatKind.Group)).ToList();
    }

    /// <summary>Stores the broadcast and, when it is due, fans it out; the caller saves and commits.</summary>
    public async Task<Broadcast> CreateAsync(BuurtkrachtDb db, BroadcastDraft draft, DateTimeOffset now, CancellationToken ct = default)
    {
        var scheduled = draft.SendAt is { } at && at > now;
        var broadcast = new Broadcast
        {
            AudienceKind = draft.Audience,
            AudienceIds = string.Join(',', draft.Ids),
            Text = draft.Text,
            Link = string.IsNullOrWhiteSpace(draft.Link) ? null : draft.Link.Trim(),
            PhotoPath = draft.PhotoPath,
            SentBy = draft.SentBy,
            SenderMemberId = draft.SenderMemberId,
            Status = BroadcastStatus.Scheduled,
            CreatedAt = now,
            SendAt = scheduled ? draft.SendAt!.Value : now,
        };
        db.Set<Broadcast>().Add(broadcast);
        if (!scheduled) await FanOutAsync(db, broadcast, now, ct);
        AuditLog.Record(db, now, draft.SentBy, scheduled ? AuditActions.BroadcastScheduled : AuditActions.BroadcastSent,
            "broadcast", $"audience:{Describe(broadcast)} targets:{broadcast.Targets}" + (scheduled ? $" at:{broadcast.SendAt:O}" : ""));
        return broadcast;
    }

    public static string Describe(Broadcast b) => b.AudienceKind switch
    {
        BroadcastAudienceKind.AllGroups => "all",
        BroadcastAudienceKind.Buurt => $"buurt:{b.AudienceIds}",
        BroadcastAudienceKind.Groups => $"groups:{b.AudienceIds}",
        _ => "moderators",
    };

    private async Task FanOutAsync(BuurtkrachtDb db, Broadcast broadcast, DateTimeOffset now, CancellationToken ct)
    {
        var targets = await ResolveAsync(db, broadcast.AudienceKind, broadcast.Ids, ct);
        var message = broadcast.Message();
        foreach (var target in targets)
        {
            var row = target.Chat is { } chat ? Outbox.EnqueueTracked(db, chat, target.Kind, message, now) : null;
            db.Set<BroadcastDelivery>().Add(new BroadcastDelivery { Broadcast = broadcast, GroupId = target.GroupId, MemberId = target.MemberId, OutboxMessage = row });
        }
        broadcast.Status = BroadcastStatus.Sending;
        broadcast.StartedAt = now;
        broadcast.Targets = targets.Count;
    }

    /// <summary>Cancels a scheduled broadcast; false when it has started, is done, or does not exist.</summary>
    public async Task<bool> CancelAsync(BuurtkrachtDb db, int id, string actor, DateTimeOffset now, CancellationToken ct = default)
    {
        // A conditional update: the sweep claims a due broadcast the same way, so exactly one of the two wins.
        var cancelled = await db.Set<Broadcast>().Where(b => b.Id == id && b.Status == BroadcastStatus.Scheduled)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BroadcastStatus.Cancelled).SetProperty(b => b.CompletedAt, now), ct) == 1;
        if (cancelled)
        {
            AuditLog.Record(db, now, actor, AuditActions.BroadcastCancelled, $"broadcast:{id}");
            await db.SaveChangesAsync(ct);
        }
        return cancelled;
    }

    /// <summary>Starts the due scheduled broadcasts and reports the ones whose every outbox row is final.</summary>
    public async Task<SweepResult> SweepAsync(BuurtkrachtDb db, DateTimeOffset now, CancellationToken ct = default)
    {
        var started = 0;
        var due = await db.Set<Broadcast>().Where(b => b.Status == BroadcastStatus.Scheduled && b.SendAt <= now)
            .OrderBy(b => b.SendAt).Select(b => b.Id).ToListAsync(ct);
        foreach (var id in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Set<Broadcast>().Where(b => b.Id == id && b.Status == BroadcastStatus.Scheduled)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BroadcastStatus.Sending), ct) == 1;
            if (!claimed) continue;
            var broadcast = await db.Set<Broadcast>().SingleAsync(b => b.Id == id, ct);
            await FanOutAsync(db, broadcast, now, ct);
            AuditLog.Record(db, now, broadcast.SentBy, AuditActions.BroadcastSent, $"broadcast:{id}", $"audience:{Describe(broadcast)} targets:{broadcast.Targets}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            started++;
        }

        var reported = 0;
        var stillSending = false;
        var sending = await db.Set<Broadcast>().Where(b => b.Status == BroadcastStatus.Sending).ToListAsync(ct);
        foreach (var broadcast in sending)
        {
            var counts = await CountDeliveriesAsync(db, broadcast.Id, ct);
            if (counts.Pending > 0)
            {
                stillSending = true;
                continue;
            }
            broadcast.Delivered = counts.Delivered;
            broadcast.Failed = counts.Failed;
            broadcast.Unreachable = counts.Unreachable;
            broadcast.Status = BroadcastStatus.Done;
            broadcast.CompletedAt = now;
            if (broadcast.SenderMemberId is { } senderId
                && await db.Members.FirstOrDefaultAsync(m => m.Id == senderId, ct) is { PrivateChatId: { } chat } sender)
                Outbox.Enqueue(db, new ChatAddress(sender.Channel, chat), ChatKind.Private,
                    OutgoingMessage.Plain(BroadcastTexts.Report.In(sender.Language, broadcast.Id, broadcast.Targets, broadcast.Delivered, broadcast.Failed, broadcast.Unreachable)), now);
            reported++;
        }
        if (reported > 0) await db.SaveChangesAsync(ct);

        var next = await db.Set<Broadcast>().Where(b => b.Status == BroadcastStatus.Scheduled)
            .OrderBy(b => b.SendAt).Select(b => (DateTimeOffset?)b.SendAt).FirstOrDefaultAsync(ct);
        return new SweepResult(started, reported, next, stillSending);
    }
}
