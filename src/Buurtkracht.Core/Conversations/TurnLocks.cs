using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// PostgreSQL: transaction-scoped advisory locks on the turn's chat and sender, held until the turn's transaction ends.
/// Two instances handling updates of the same chat (or the same new member in two chats) at once would otherwise both
/// insert the member or group, or both run the dialog step. SQLite needs none: one instance, one writer.
/// </summary>
internal static class TurnLocks
{
    public static async Task TakeAsync(BuurtkrachtDb db, InboundMessage message, CancellationToken ct)
    {
        if (!TurnQueries.For(db).IsNpgsql) return;
        var channel = message.Chat.Channel.ToString();
        var chat = $"chat:{channel}:{message.Chat.ChatId}";
        var sender = $"user:{channel}:{message.From.UserId}";
        // Always in the same order, so two turns never wait for each other crosswise; a private chat is keyed by both.
        var (first, second) = string.CompareOrdinal(chat, sender) < 0 ? (chat, sender) : (sender, chat);
        await db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock(hashtextextended({first}, 0)), pg_advisory_xact_lock(hashtextextended({second}, 0))", ct);
    }

    /// <summary>
    /// Two instances' batches waited for each other's locks and PostgreSQL broke the tie: the whole batch goes back and
    /// its turns run again one by one, instead of this turn being apologised for.
    /// </summary>
    public static bool IsDeadlock(Exception ex) => ex is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.DeadlockDetected };
}
