using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// Ends dialogs nobody touched within the expiry (telling the person in private chats) and forgets processed update
/// ids older than the retention.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ConversationMaintenanceJob(
    BuurtkrachtDb db, TimeProvider clock, OutboxSignal signal, IOptions<ConversationOptions> options,
    ILogger<ConversationMaintenanceJob> log) : IJob
{
    public static readonly JobKey Key = new("conversation-maintenance", "conversations");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RunAsync(ct);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expiredBefore = now - options.Value.DialogExpiry;
        var expired = await db.DialogStates.Where(s => s.UpdatedAt < expiredBefore).ToListAsync(ct);
        foreach (var state in expired)
        {
            var member = await db.Members.FirstOrDefaultAsync(m => m.Channel == state.Channel && m.ChannelUserId == state.UserId, ct);
            // Only private dialogs get the notice: the group should not hear about one person's unfinished question.
            if (member is { PrivateChatUnreachable: false } && member.PrivateChatId == state.ChatId)
                Outbox.Enqueue(db, new ChatAddress(state.Channel, state.ChatId), ChatKind.Private,
                    OutgoingMessage.Plain(ConversationTexts.Expired.In(member.Language)), now);
            db.DialogStates.Remove(state);
        }
        await db.SaveChangesAsync(ct);
        if (expired.Count > 0) signal.Notify();

        var forgetBefore = now - options.Value.ProcessedUpdateRetention;
        var forgotten = await db.ProcessedUpdates.Where(u => u.ProcessedAt < forgetBefore).ExecuteDeleteAsync(ct);
        log.LogInformation("Conversation maintenance: {Expired} dialogs expired, {Forgotten} old update ids forgotten", expired.Count, forgotten);
        return expired.Count;
    }
}
