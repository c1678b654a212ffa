using Buurtkracht.Core.Scheduling;

namespace Buurtkracht.Testing;

/// <summary>
/// A clock that only moves when the test says so, in Europe/Amsterdam like the service. Timers (Task.Delay with this
/// provider, periodic timers) fire during <see cref="Advance"/> in due order, on the caller's thread, so a test sees
/// their effect as soon as Advance returns. The feed here has no Microsoft.Extensions.TimeProvider.Testing.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    /// <summary>A Monday morning in winter time, far from a daylight-saving switch unless a test moves there.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now;
    private long _sequence;

    public ManualClock(DateTimeOffset? start = null) => _now = (start ?? DefaultStart).ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => Amsterdam.TimeZone;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    // Timestamps follow the manual time too, so elapsed-time measurements agree with GetUtcNow.
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock to <paramref name="instant"/>; moving forward fires the timers due on the way.</summary>
    public void SetUtcNow(DateTimeOffset instant)
    {
        var by = instant.ToUniversalTime() - GetUtcNow();
        if (by >= TimeSpan.Zero)
        {
            Advance(by);
            return;
        }
        lock (_gate) _now = instant.ToUniversalTime();
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate) target = _now + by;
        while (true)
        {
            ManualTimer? due;
            lock (_gate)
            {
                due = _timers.Where(t => t.DueAt <= target).OrderBy(t => t.DueAt).ThenBy(t => t.Sequence).FirstOrDefault();
                if (due is null)
                {
                    _now = target;
                    return;
                }
                if (due.DueAt > _now) _now = due.DueAt;
                // Re-arm before the callback runs: the callback may change or dispose the timer itself.
                if (due.Period > TimeSpan.Zero) due.DueAt += due.Period;
                else _timers.Remove(due);
            }
            due.Fire();
        }
    }

    /// <summary>Timers waiting to fire, for tests that check something is (or is no longer) scheduled.</summary>
    public int PendingTimers
    {
        get { lock (_gate) return _timers.Count; }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset DueAt { get; set; }
        public TimeSpan Period { get; private set; }
        public long Sequence { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan) return true;
                ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
                DueAt = clock._now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
                Sequence = ++clock._sequence;
                clock._timers.Add(this);
                return true;
            }
        }

        public void Dispose()
        {
            lock (clock._gate) clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
