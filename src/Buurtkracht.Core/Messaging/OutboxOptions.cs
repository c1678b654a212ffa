namespace Buurtkracht.Core.Messaging;

/// <summary>Section "Outbox": how the dispatcher paces, parallelises and retries sending.</summary>
public sealed class OutboxOptions
{
    /// <summary>How often the dispatcher looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// With SQLite and nothing due, the dispatcher does not run a round every <see cref="PollInterval"/>: it only checks
    /// whether anything was committed (PRAGMA data_version) and runs one when something was, when a row falls due, or
    /// after this long at the latest.
    /// </summary>
    public TimeSpan IdleRecheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Due rows looked at per round and channel at most (oldest first).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Requests in flight at once, each to a different chat.</summary>
    public int MaxParallelSends { get; set; } = 16;

    /// <summary>
    /// How long a message keeps being retried after its first real failure (5xx, network) before it is marked Failed;
    /// throttling (429) does not count. Failed messages stay stored and can be sent again (CLI: outbox retry).
    /// </summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Rules per channel name ("Telegram", "Teams", "WebChat"); a channel not named keeps its defaults.</summary>
    public Dictionary<string, List<RateLimitRule>> RateLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<ChannelKind, IReadOnlyList<RateLimitRule>> EffectiveRateLimits() =>
        Enum.GetValues<ChannelKind>().ToDictionary(
            kind => kind,
            kind => RateLimits.TryGetValue(kind.ToString(), out var configured) && configured.Count > 0
                ? (IReadOnlyList<RateLimitRule>)configured
                : DefaultRateLimits(kind));

    /// <summary>
    /// Telegram: 30/s overall, 1/s per chat (allowed as a burst of 3 in 3 s, so a question and its note arrive
    /// together), 20/min per group. Teams: 50/s per app, 7/s and 60/30 s per conversation. Web chat: unlimited.
    /// </summary>
    public static IReadOnlyList<RateLimitRule> DefaultRateLimits(ChannelKind kind) => kind switch
    {
        ChannelKind.Telegram =>
        [
            RateLimitRule.Of(RateScope.Channel, 30, TimeSpan.FromSeconds(1)),
            RateLimitRule.Of(RateScope.Chat, 3, TimeSpan.FromSeconds(3)),
            RateLimitRule.Of(RateScope.GroupChat, 20, TimeSpan.FromMinutes(1)),
        ],
        ChannelKind.Teams =>
        [
            RateLimitRule.Of(RateScope.Channel, 50, TimeSpan.FromSeconds(1)),
            RateLimitRule.Of(RateScope.Chat, 7, TimeSpan.FromSeconds(1)),
            RateLimitRule.Of(RateScope.Chat, 60, TimeSpan.FromSeconds(30)),
        ],
        _ => [],
    };
}
