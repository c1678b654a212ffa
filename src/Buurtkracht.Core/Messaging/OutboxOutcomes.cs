using Microsoft.Extensions.Logging;

namespace Buurtkracht.Core.Messaging;

/// <summary>
/// Records on an outbox row what the platform answered: sent, wait and retry, give up, unreachable, moved. Throttling
/// (a 429) is not a failed attempt; a row is given up only after <see cref="OutboxOptions.GiveUpAfter"/> of real failures,
/// so no count of throttled answers can use up its budget.
/// </summary>
internal sealed class OutboxOutcomes(OutboxOptions options, RateLimiter limiter, ILogger log)
{
    /// <summary>Records the outcome on the row; true when the whole chat turned out unreachable.</summary>
    public bool Apply(OutboxMessage row, SendResult result, DateTimeOffset now)
    {
        switch (result)
        {
            case SendResult.Sent sent:
                row.Attempts++;
                row.Status = OutboxStatus.Sent;
                row.SentAt = now;
                row.PlatformMessageId = sent.PlatformMessageId;
                row.LastError = null;
                return false;
            case SendResult.RetryAfter { ChannelWide: true } throttled:
                // Flood control: the platform holds back the whole bot, so every chat of the channel waits, and the row
                // keeps its attempts and its failure budget.
                row.NextAttemptAt = now + throttled.Delay;
                row.LastError = Truncate(throttled.Reason);
                limiter.PauseChannel(row.Channel, row.NextAttemptAt);
                log.LogWarning("Outbox {Id}: {Channel} is throttling; the channel pauses for {Delay}", row.Id, row.Channel, throttled.Delay);
                return false;
            case SendResult.RetryAfter retry:
                row.Attempts++;
                row.LastError = Truncate(retry.Reason);
                if (GiveUp(row, now)) return false;
                row.NextAttemptAt = now + retry.Delay;
                limiter.Pause(row.Address, row.NextAttemptAt);
                log.LogWarning("Outbox {Id}: {Channel} asked to retry after {Delay}", row.Id, row.Channel, retry.Delay);
                return false;
            case SendResult.Transient transient:
                row.Attempts++;
                row.LastError = Truncate(transient.Reason);
                if (GiveUp(row, now)) return false;
                row.NextAttemptAt = now + Backoff(row.Attempts);
                log.LogWarning("Outbox {Id}: attempt {Attempts} failed on {Channel} ({Reason}); retrying at {Next:O}", row.Id, row.Attempts, row.Channel, row.LastError, row.NextAttemptAt);
                return false;
            case SendResult.Unreachable unreachable:
                row.Attempts++;
                row.Status = OutboxStatus.Unreachable;
                row.LastError = Truncate(unreachable.Reason);
                log.LogWarning("Outbox {Id}: chat on {Channel} is unreachable ({Reason})", row.Id, row.Channel, row.LastError);
                return true;
            case SendResult.Moved:
                throw new InvalidOperationException("A move is recorded by Move, not Apply.");
            case SendResult.Rejected rejected:
                row.Attempts++;
                row.Status = OutboxStatus.Failed;
                row.LastError = Truncate(rejected.Reason);
                log.LogError("Outbox {Id}: {Channel} rejected the message ({Reason})", row.Id, row.Channel, row.LastError);
                return false;
            default:
                throw new InvalidOperationException($"Unknown send result {result}");
        }
    }

    /// <summary>The failure clock starts at the first real failure; past the budget the row is Failed (kept, and can be sent again).</summary>
    private bool GiveUp(OutboxMessage row, DateTimeOffset now)
    {
        row.FirstFailedAt ??= now;
        if (now - row.FirstFailedAt.Value < options.GiveUpAfter) return false;
        row.Status = OutboxStatus.Failed;
        log.LogError("Outbox {Id}: giving up on {Channel} after {Attempts} attempts in {Elapsed}: {Reason}",
            row.Id, row.Channel, row.Attempts, now - row.FirstFailedAt.Value, row.LastError);
        return true;
    }

    /// <summary>
    /// The chat lives on under a new id: the row goes there and is due at once, and the attempt does not count, since
    /// nothing was wrong with the message. An edit cannot follow (see <see cref="DropStrandedEdit"/>).
    /// </summary>
    public void Move(OutboxMessage row, bool editsSentMessage, SendResult.Moved moved, DateTimeOffset now)
    {
        if (editsSentMessage)
        {
            DropStrandedEdit(row);
            return;
        }
        row.ChatId = moved.NewChatId;
        row.NextAttemptAt = now;
        row.LastError = Truncate(moved.Reason);
        log.LogInformation("Outbox {Id}: the chat on {Channel} moved to a new id; sending there", row.Id, row.Channel);
    }

    /// <summary>
    /// A message can only be edited in the chat it was sent to, and after a move that chat is dead (Telegram refuses
    /// every call to an upgraded group's old id; the supergroup's messages have ids of their own). Sending the edit as a
    /// new message would repeat the announcement at every RSVP, so the edit is dropped: this row only, not the chat.
    /// </summary>
    public void DropStrandedEdit(OutboxMessage row)
    {
        row.Status = OutboxStatus.Unreachable;
        row.LastError = "the message to edit stayed behind in the chat this group moved from";
        log.LogInformation("Outbox {Id}: dropped an edit of a message in a chat that moved on {Channel}", row.Id, row.Channel);
    }

    /// <summary>Exponential backoff with full jitter, capped.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var ceiling = Math.Min(options.MaxRetryDelay.TotalMilliseconds, options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempts - 1));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    private static string? Truncate(string? reason) => reason is { Length: > 500 } ? reason[..500] : reason;
}
