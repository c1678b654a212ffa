using System.Text.Json;
using System.Threading.Channels;
using Buurtkracht.Core.Persistence;

namespace Buurtkracht.Core.Messaging;

/// <summary>Writes outgoing messages into the outbox of the caller's unit of work; they are sent once it commits.</summary>
public static class Outbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <remarks>
    /// In a turn on SQLite the row is inserted at once with the batch's prepared statement (<see cref="Conversations.TurnStatements"/>),
    /// not tracked by EF; the returned row has its id. Elsewhere it is added to the context and inserted at SaveChanges.
    /// </remarks>
    public static OutboxMessage Enqueue(BuurtkrachtDb db, ChatAddress to, ChatKind kind, OutgoingMessage message, DateTimeOffset now)
    {
        var row = NewRow(to, kind, message, now);
        if (db.Turn?.TryInsertOutbox(row) != true) db.OutboxMessages.Add(row);
        return row;
    }

    /// <summary>For a row another entity points at: that navigation needs the row tracked by EF, also in a turn.</summary>
    public static OutboxMessage EnqueueTracked(BuurtkrachtDb db, ChatAddress to, ChatKind kind, OutgoingMessage message, DateTimeOffset now)
    {
        // The rest of the turn's rows go through EF too, so they are inserted after this one, as they were written.
        db.Turn?.OutboxThroughEf();
        var row = NewRow(to, kind, message, now);
        db.OutboxMessages.Add(row);
        return row;
    }

    private static OutboxMessage NewRow(ChatAddress to, ChatKind kind, OutgoingMessage message, DateTimeOffset now) => new()
    {
        Channel = to.Channel,
        ChatId = to.ChatId,
        ChatKind = kind,
        PayloadJson = JsonSerializer.Serialize(message, Json),
        Status = OutboxStatus.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public static OutgoingMessage ReadPayload(OutboxMessage row) =>
        JsonSerializer.Deserialize<OutgoingMessage>(row.PayloadJson, Json)
        ?? throw new InvalidDataException($"Outbox message {row.Id} has no payload.");
}

/// <summary>Wakes the dispatcher when new outbox rows were committed, so replies go out without waiting for its poll.</summary>
public sealed class OutboxSignal
{
    private readonly Channel<bool> _signal = System.Threading.Channels.Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _signal.Writer.TryWrite(true);

    /// <summary>Waits for a notification or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        if (_signal.Reader.TryRead(out _)) return;
        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(timeout, clock, timeoutCts.Token);
        var woken = _signal.Reader.WaitToReadAsync(timeoutCts.Token).AsTask();
        await Task.WhenAny(delay, woken);
        timeoutCts.Cancel();
        _signal.Reader.TryRead(out _);
        ct.ThrowIfCancellationRequested();
    }
}
