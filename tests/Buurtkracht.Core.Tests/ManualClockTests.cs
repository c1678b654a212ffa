using Buurtkracht.Testing;

namespace Buurtkracht.Core.Tests;

public sealed class ManualClockTests
{
    [Fact]
    public void Time_moves_only_when_told_and_local_time_is_Amsterdam()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromHours(2), clock.GetLocalNow().Offset);
        var before = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal(TimeSpan.FromMinutes(90), clock.GetElapsedTime(before));
        Assert.Equal(new DateTime(2026, 7, 1, 13, 30, 0), clock.GetLocalNow().DateTime);
    }

    [Fact]
    public async Task A_delay_completes_when_the_clock_passes_it_and_not_before()
    {
        var clock = new ManualClock();
        var delay = Task.Delay(TimeSpan.FromSeconds(10), clock);

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(delay.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await delay;
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public void Timers_fire_in_due_order_at_their_own_time_and_periodic_ones_repeat()
    {
        var clock = new ManualClock();
        var start = clock.GetUtcNow();
        var fired = new List<(string Name, TimeSpan At)>();
        using var late = clock.CreateTimer(_ => fired.Add(("late", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        using var every = clock.CreateTimer(_ => fired.Add(("every", clock.GetUtcNow() - start)), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal([("every", TimeSpan.FromSeconds(2)), ("every", TimeSpan.FromSeconds(4)), ("late", TimeSpan.FromSeconds(5)), ("every", TimeSpan.FromSeconds(6))], fired);
        Assert.Equal(start + TimeSpan.FromSeconds(6), clock.GetUtcNow());
    }

    [Fact]
    public void A_disposed_or_cancelled_timer_does_not_fire()
    {
        var clock = new ManualClock();
        var fired = 0;
        var disposed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var changed = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        disposed.Dispose();
        changed.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.SetUtcNow(clock.GetUtcNow().AddMinutes(1));

        Assert.Equal(0, fired);
    }
}
