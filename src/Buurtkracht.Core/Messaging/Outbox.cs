using System.Text.Json;
using System.Threading.Channels;
using Buurtkracht.Core.Persistence;

namespace Buurtkracht.Core.Messaging;

/// <summary>Writes outgoing messages into the outbox of the caller's unit of work; they are sent once it commits.</summary>
public static class Outbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static OutboxMessage Enqueue(BuurtkrachtDb db, ChatAddress to, ChatKind kind, OutgoingMessage message, DateTimeOffset now)
    {
        var row = new OutboxMessage
        {
            Channel = to.Channel,
            ChatId = to.ChatId,
            ChatKind = kind,
            PayloadJson = JsonSerializer.Serialize(message, Json),
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.OutboxMessages.Add(row);
        return row;
    }

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
