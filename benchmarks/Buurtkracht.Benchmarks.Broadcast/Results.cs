using Buurtkracht.Testing;

namespace Buurtkracht.Benchmarks.Broadcast;

/// <summary>One platform's share of the broadcast as its fake saw it; times are from the confirming press.</summary>
public sealed record PlatformResult(
    int Expected, TimeSpan First, TimeSpan Last, TimeSpan Minimum, int Refused, int Lost, int Duplicated, int PeakPerSecond);

public sealed record Results(PlatformResult Telegram, PlatformResult Teams)
{
    public TimeSpan Measured => Telegram.Last > Teams.Last ? Telegram.Last : Teams.Last;
    public TimeSpan Minimum => Telegram.Minimum > Teams.Minimum ? Telegram.Minimum : Teams.Minimum;

    public static Results Compute(DateTimeOffset t0, DateTimeOffset until, string text, Targets targets, FakeRateLimit telegram, FakeRateLimit teams) =>
        new(Platform(t0, until, text, targets.Telegram, telegram), Platform(t0, until, text, targets.Teams, teams));

    private static PlatformResult Platform(DateTimeOffset t0, DateTimeOffset until, string text, IReadOnlyList<string> chats, FakeRateLimit fake)
    {
        var accepted = fake.Accepted;
        // The coördinator's preview carries the same text: only the targets' copies count.
        var targetSet = chats.ToHashSet();
        var broadcast = accepted.Where(m => m.Content == text && targetSet.Contains(m.ChatId)).ToList();
        var perChat = broadcast.GroupBy(m => m.ChatId).ToDictionary(g => g.Key, g => g.Count());
        var lost = chats.Count(chat => !perChat.ContainsKey(chat));
        var duplicated = perChat.Count(p => p.Value > 1);
        if (broadcast.Count == 0)
            return new PlatformResult(chats.Count, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, fake.Refused.Count, lost, duplicated, 0);
        var last = broadcast.Max(m => m.At);

        // The fastest the app-wide limit allows: a full window's worth at t0, the next at t0 + one window, and so on, so
        // the n-th message can arrive no earlier than floor((n - 1) / limit) windows after t0. n counts every message the
        // platform took in that span (the coördinator's "it is on its way" reply shares the channel). Per-chat and
        // per-group limits do not bind: each chat gets one message.
        var app = fake.Rules.First(r => r.Scope == FakeRateLimit.Scope.App);
        var n = accepted.Count(m => m.At >= t0 && m.At <= last);
        var minimum = app.Window * ((n - 1) / app.Limit);
        return new PlatformResult(chats.Count, broadcast.Min(m => m.At) - t0, last - t0, minimum, fake.Refused.Count, lost, duplicated,
            PeakPerWindow(accepted.Select(m => m.At).Where(at => at >= t0 && at <= until).Order().ToList(), app.Window));
    }

    /// <summary>The most messages in any window (t - window, t], the way the fake counts.</summary>
    private static int PeakPerWindow(List<DateTimeOffset> times, TimeSpan window)
    {
        var peak = 0;
        for (int start = 0, end = 0; end < times.Count; end++)
        {
            while (times[start] + window <= times[end]) start++;
            peak = Math.Max(peak, end - start + 1);
        }
        return peak;
    }
}
