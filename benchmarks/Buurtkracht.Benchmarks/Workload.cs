namespace Buurtkracht.Benchmarks;

/// <summary>The inbound workload that <see cref="Scenarios"/> and <see cref="PeerScenarios"/> both send.</summary>
public sealed class Workload
{
    public static readonly TimeSpan HealthLimit = TimeSpan.FromSeconds(60);
    public const int People = 5_000;
    public const int WarmUpUpdates = 1_000;

    // Each run takes its own update id range, so no body is ever a duplicate of another.
    private long _nextUpdateId = 1;

    public byte[][] Bodies(int count)
    {
        var bodies = UpdateBodies.Build(_nextUpdateId, count, People);
        _nextUpdateId += count;
        return bodies;
    }
}
