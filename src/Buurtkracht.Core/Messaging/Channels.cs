namespace Buurtkracht.Core.Messaging;

/// <summary>The configured channels by kind; a channel that is not configured is simply absent.</summary>
public sealed class Channels(IEnumerable<IChannel> channels)
{
    private readonly Dictionary<ChannelKind, IChannel> _byKind = channels.ToDictionary(c => c.Kind);

    public IChannel this[ChannelKind kind] =>
        _byKind.TryGetValue(kind, out var channel) ? channel : throw new InvalidOperationException($"Channel {kind} is not configured.");

    public bool TryGet(ChannelKind kind, out IChannel channel) => _byKind.TryGetValue(kind, out channel!);

    public IEnumerable<ChannelKind> Configured => _byKind.Keys;
}
