using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Groups;

/// <summary>
/// Re-addresses a street group whose chat lives on under a new platform id: Telegram gives a group a new chat id when it
/// becomes a supergroup, and the old id is dead from then on. Only the address changes: the buurt, moderators,
/// memberships, settings and history stay on the same row, so nothing keyed by the group's row id notices.
/// </summary>
/// <remarks>
/// Safe to run more than once (Telegram reports the move in both chats, and the dispatcher can learn it from a refused
/// send): once the old id is gone there is nothing left to move. Rule when the new id already has a row of its own
/// (the bot saw the supergroup before it learned of the move): the linked row survives, and the old row when both or
/// neither are linked, because that one carries the history. The other row is retired, never deleted, so nothing hanging
/// off it is lost: its open memberships move to the survivor, it is deactivated, and if it held the new id it gets a
/// retired address that no platform chat can have.
/// </remarks>
public static class GroupMove
{
    /// <summary>Moves the group and its pending work from one chat id to the other, inside the caller's transaction.</summary>
    /// <returns>The id of the street group now at the new address, when a group was moved or merged by this call.</returns>
    public static async Task<int?> MoveAsync(
        BuurtkrachtDb db, ChannelKind channel, string fromChatId, string toChatId, DateTimeOffset now, CancellationToken ct)
    {
        if (fromChatId == toChatId) return null;
        var rows = await db.StreetGroups.Where(g => g.Channel == channel && (g.ChatId == fromChatId || g.ChatId == toChatId))
            .Select(g => new { g.Id, g.ChatId, Linked = g.BuurtId != null })
            .ToListAsync(ct);
        var old = rows.FirstOrDefault(g => g.ChatId == fromChatId);
        var existing = rows.FirstOrDefault(g => g.ChatId == toChatId);

        int? movedGroup = null;
        if (old is not null)
        {
            if (existing is not null && existing.Linked && !old.Linked)
            {
                // The old row stays on its dead id; only the new row may hold the live one.
                await RetireAsync(db, retired: old.Id, survivor: existing.Id, newChatId: null, now, ct);
                movedGroup = existing.Id;
            }
            else
            {
                if (existing is not null)
                    await RetireAsync(db, retired: existing.Id, survivor: old.Id, newChatId: $"retired:{existing.Id}:{toChatId}", now, ct);
                // In place: the unique (Channel, ChatId) index holds, as the new id is free by now.
                await db.StreetGroups.Where(g => g.Id == old.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(g => g.ChatId, toChatId), ct);
                movedGroup = old.Id;
            }
        }

        // Whatever still waits for the old chat goes to the new one; ids stay, so the chat's order stays.
        await db.OutboxMessages
            .Where(o => o.Channel == channel && o.ChatId == fromChatId && o.Status == OutboxStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.ChatId, toChatId), ct);
        // A dialog someone was in (linking the group, say) goes on in the new chat, unless they started one there already.
        await db.DialogStates
            .Where(d => d.Channel == channel && d.ChatId == fromChatId
                && !db.DialogStates.Any(n => n.Channel == channel && n.ChatId == toChatId && n.UserId == d.UserId))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ChatId, toChatId), ct);
        return movedGroup;
    }

    private static async Task RetireAsync(BuurtkrachtDb db, int retired, int survivor, string? newChatId, DateTimeOffset now, CancellationToken ct)
    {
        // The rows of someone already in the survivor stay behind, so nobody is counted twice; an inactive group's
        // members count nowhere.
        await db.GroupMemberships
            .Where(m => m.GroupId == retired
                && !db.GroupMemberships.Any(k => k.GroupId == survivor && k.MemberId == m.MemberId && k.LeftAt == null))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.GroupId, survivor), ct);
        await db.StreetGroups.Where(g => g.Id == retired)
            .ExecuteUpdateAsync(s => s
                .SetProperty(g => g.IsActive, false)
                .SetProperty(g => g.DeactivatedAt, now)
                .SetProperty(g => g.ChatId, g => newChatId ?? g.ChatId), ct);
    }
}
