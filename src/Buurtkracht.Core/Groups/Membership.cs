using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Conversations;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Groups;

/// <summary>Keeps members, groups and who is in which group current from what the platforms tell.</summary>
public static class Membership
{
    public static async Task<Member> UpsertMemberAsync(BuurtkrachtDb db, ChannelKind channel, Sender sender, DateTimeOffset now, CancellationToken ct)
    {
        var member = db.Members.Local.FirstOrDefault(m => m.Channel == channel && m.ChannelUserId == sender.UserId)
            ?? (db.Turn is { } turn ? Attached(db, turn.FindMember(channel, sender.UserId)) : await TurnQueries.For(db).Member(db, channel, sender.UserId));
        if (member is null)
        {
            // The platform's language (Telegram's language_code, Teams' locale) when the bot speaks it; Dutch otherwise.
            member = new Member
            {
                Channel = channel, ChannelUserId = sender.UserId, DisplayName = Trim(sender.DisplayName, 256), CreatedAt = now,
                Language = Languages.FromPlatform(sender.LanguageCode),
            };
            db.Members.Add(member);
        }
        else if (!string.IsNullOrEmpty(sender.DisplayName) && member.DisplayName != sender.DisplayName)
        {
            member.DisplayName = Trim(sender.DisplayName, 256);
        }
        return member;
    }

    public static async Task<StreetGroup> UpsertGroupAsync(BuurtkrachtDb db, ChatAddress chat, string? title, DateTimeOffset now, CancellationToken ct)
    {
        var group = await db.StreetGroups.Include(g => g.Buurt)
            .FirstOrDefaultAsync(g => g.Channel == chat.Channel && g.ChatId == chat.ChatId, ct);
        if (group is null)
        {
            group = new StreetGroup { Channel = chat.Channel, ChatId = chat.ChatId, Title = Trim(title ?? "", 256), CreatedAt = now };
            db.StreetGroups.Add(group);
        }
        else if (!string.IsNullOrEmpty(title) && group.Title != title)
        {
            group.Title = Trim(title, 256);
        }
        return group;
    }

    public static async Task EnsureMemberOfAsync(BuurtkrachtDb db, StreetGroup group, Member member, DateTimeOffset now, CancellationToken ct)
    {
        if (group.Id != 0 && member.Id != 0 &&
            await db.GroupMemberships.AnyAsync(m => m.GroupId == group.Id && m.MemberId == member.Id && m.LeftAt == null, ct))
            return;
        if (db.GroupMemberships.Local.Any(m => m.Group == group && m.Member == member && m.LeftAt == null)) return;
        db.GroupMemberships.Add(new GroupMembership { Group = group, Member = member, JoinedAt = now });
    }

    public static async Task EndMembershipAsync(BuurtkrachtDb db, StreetGroup group, Member member, DateTimeOffset now, CancellationToken ct)
    {
        if (group.Id == 0 || member.Id == 0) return;
        var open = await db.GroupMemberships.Where(m => m.GroupId == group.Id && m.MemberId == member.Id && m.LeftAt == null).ToListAsync(ct);
        foreach (var membership in open) membership.LeftAt = now;
    }

    /// <summary>In a turn on SQLite the member row is read with the batch's prepared statement, then tracked as a query would.</summary>
    private static Member? Attached(BuurtkrachtDb db, Member? member)
    {
        if (member is not null) db.Members.Attach(member);
        return member;
    }

    private static string Trim(string value, int max) => value.Length <= max ? value : value[..max];
}
