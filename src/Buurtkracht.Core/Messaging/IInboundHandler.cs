namespace Buurtkracht.Core.Messaging;

/// <summary>Where adapters hand their translated updates: the conversation engine.</summary>
public interface IInboundHandler
{
    /// <summary>
    /// Processes the message and stores every reply in the outbox before returning. Never throws for bad input;
    /// returns <see cref="InboundOutcome.Duplicate"/> for an update that was processed before.
    /// </summary>
    Task<InboundOutcome> HandleAsync(InboundMessage message, CancellationToken ct);
}

public enum InboundOutcome
{
    Processed,
    Duplicate,
    /// <summary>Processing failed; nothing of it was stored. The adapter may let the platform redeliver.</summary>
    Failed,
}
