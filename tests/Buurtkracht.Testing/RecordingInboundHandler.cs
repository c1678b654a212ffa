using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Testing;

/// <summary>An <see cref="IInboundHandler"/> that records what it is handed and answers what <see cref="Respond"/> says.</summary>
public sealed class RecordingInboundHandler : IInboundHandler
{
    private readonly Lock _gate = new();
    private readonly List<InboundMessage> _received = [];
    private readonly List<(Func<IReadOnlyList<InboundMessage>, bool> Until, TaskCompletionSource Done)> _waiters = [];

    /// <summary>The outcome for each message; Processed unless set.</summary>
    public Func<InboundMessage, InboundOutcome> Respond { get; set; } = _ => InboundOutcome.Processed;

    /// <summary>Runs inside HandleAsync after recording, for tests that act at that moment (stop a service, say).</summary>
    public Action<InboundMessage>? OnHandle { get; set; }

    public IReadOnlyList<InboundMessage> Received
    {
        get { lock (_gate) return _received.ToList(); }
    }

    public Task<InboundOutcome> HandleAsync(InboundMessage message, CancellationToken ct)
    {
        lock (_gate)
        {
            _received.Add(message);
            foreach (var waiter in _waiters.Where(waiter => waiter.Until(_received)).ToList())
                waiter.Done.TrySetResult();
        }
        OnHandle?.Invoke(message);
        return Task.FromResult(Respond(message));
    }

    /// <summary>Completes once at least <paramref name="count"/> messages were handled; throws a TimeoutException listing them otherwise.</summary>
    public async Task<IReadOnlyList<InboundMessage>> WaitForCountAsync(int count, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<IReadOnlyList<InboundMessage>, bool> until = received => received.Count >= count;
        lock (_gate)
        {
            if (until(_received))
                return _received.ToList();
            _waiters.Add((until, done));
        }
        try
        {
            await done.Task.WaitAsync(timeout);
            return Received;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Expected {count} inbound messages within {timeout}, got: {string.Join(", ", Received.Select(m => m.UpdateId))}");
        }
        finally
        {
            lock (_gate) _waiters.RemoveAll(waiter => waiter.Done == done);
        }
    }
}
