using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Members;

/// <summary>
/// Keeps a role holder's command menu in their private chat in step with their roles: a coördinator sees /omroep,
/// /activiteit and /beheer there, a moderator /beheer. The menu goes out through the outbox, in the transaction of the
/// change, so it follows a grant from the CLI or the dashboard too, and is retried like any message.
/// </summary>
public static class CommandMenus
{
    /// <summary>The audiences whose private commands a person with these roles may use.</summary>
    public static IReadOnlyList<CommandAudience> For(IEnumerable<Role> roles)
    {
        var held = roles.ToHashSet();
        List<CommandAudience> audiences = [CommandAudience.Everyone];
        if (held.Count > 0) audiences.Add(CommandAudience.RoleHolders);
        if (held.Contains(Role.Coordinator)) audiences.Add(CommandAudience.Coordinators);
        return audiences;
    }

    /// <summary>Queues the member's private menu for the roles they hold now (as saved, less <paramref name="leaving"/>).</summary>
    public static async Task EnqueueAsync(BuurtkrachtDb db, Member member, DateTimeOffset now, CancellationToken ct,
        IReadOnlyCollection<int>? leaving = null)
    {
        // Only Telegram has a menu per chat (setMyCommands with a chat scope); Teams menus live in the app manifest.
        if (member is not { Channel: ChannelKind.Telegram, PrivateChatId: { } chatId, PrivateChatUnreachable: false }) return;
        var roles = await db.RoleAssignments
            .Where(r => r.MemberId == member.Id && (leaving == null || !leaving.Contains(r.Id)))
            .Select(r => r.Role).ToListAsync(ct);
        Outbox.Enqueue(db, new ChatAddress(member.Channel, chatId), ChatKind.Private,
            new OutgoingMessage { Text = "", CommandMenu = For(roles) }, now);
    }
}
