using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using System.Security.Cryptography;
using System.Text;
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
        Enqueue(db, new ChatAddress(member.Channel, chatId), roles, now);
    }

    internal static void Enqueue(BuurtkrachtDb db, ChatAddress privateChat, IEnumerable<Role> roles, DateTimeOffset now) =>
        Outbox.Enqueue(db, privateChat, ChatKind.Private, new OutgoingMessage { Text = "", CommandMenu = For(roles) }, now);

    /// <summary>
    /// A hash of everything a menu is made of: every command's name, scope, audience and description in every shipped
    /// language. It changes with a release that changes the commands or their texts, and with nothing else.
    /// </summary>
    public static string Fingerprint(ICommandCatalog catalog)
    {
        var text = new StringBuilder();
        foreach (var command in catalog.Commands.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Audience))
        {
            text.Append(command.Name).Append('\t').Append(command.Audience).Append('\t').Append(command.PrivateOnly)
                .Append('\t').Append(command.GroupOnly).Append('\t').Append(command.InCompactMenus);
            foreach (var language in Languages.Shipped) text.Append('\t').Append(language.Code).Append('=').Append(command.Description(language.Code));
            text.Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
