namespace Buurtkracht.Core.Messaging;

/// <summary>What a rate-limit rule counts against.</summary>
public enum RateScope
{
    /// <summary>All messages of the channel together.</summary>
    Channel,

    /// <summary>Each chat on its own.</summary>
    Chat,

    /// <summary>Each group chat on its own (on top of <see cref="Chat"/>).</summary>
    GroupChat,
}

/// <summary>At most <see cref="Limit"/> messages per <see cref="Window"/>, counted per <see cref="Scope"/>.</summary>
public sealed class RateLimitRule
{
    public RateScope Scope { get; set; }
    public int Limit { get; set; }
    public TimeSpan Window { get; set; }

    public static RateLimitRule Of(RateScope scope, int limit, TimeSpan window) => new() { Scope = scope, Limit = limit, Window = window };
}

/// <summary>
/// Sliding-window limits per channel, chat and group, so the dispatcher never provokes a 429. Only the dispatcher
/// loop uses it, so it needs no locking.
/// </summary>
/// <remarks>
/// The platforms count a message when it arrives, which lies somewhere between taking the slot and getting the answer.
/// Counting from the moment the slot was taken is not enough: when one message of a burst arrives late (a slow request,
/// a busy machine) and the next burst's message arrives early, the platform sees more than the limit in one window and
/// answers 429 (the broadcast benchmark saw hundreds). So a slot is taken at <see cref="TryAcquire"/> and moved to the
/// moment the platform answered with <see cref="Settle"/>: that is the latest moment it can have been counted, so the
/// next message that reuses the slot always arrives a full window after it. The price is one request's latency per
/// window, not a fixed safety margin that would be too small on a busy machine and wasted on a quiet one.
/// </remarks>
public sealed class RateLimiter(IReadOnlyDictionary<ChannelKind, IReadOnlyList<RateLimitRule>> rules)
{
    // Each window's slots, oldest first; at most the rule's limit of them.
    private readonly Dictionary<(ChannelKind Channel, int Rule, string Id), List<DateTimeOffset>> _windows = new();
    private readonly Dictionary<ChatAddress, DateTimeOffset> _pausedUntil = new();
    private readonly Dictionary<ChannelKind, DateTimeOffset> _channelPausedUntil = new();

    /// <summary>Takes a slot for one message to <paramref name="chat"/>, or says how long to wait for one.</summary>
    public TimeSpan TryAcquire(ChatAddress chat, ChatKind kind, DateTimeOffset now)
    {
        var wait = ChannelPause(chat.Channel, now);
        if (wait > TimeSpan.Zero) return wait;
        if (_pausedUntil.TryGetValue(chat, out var until))
        {
            if (until > now) return until - now;
            _pausedUntil.Remove(chat);
        }
        var applicable = Applicable(chat, kind).ToList();
        foreach (var (rule, key) in applicable)
        {
            var window = Window(key, rule, now);
            if (window.Count >= rule.Limit) wait = Max(wait, window[0] + rule.Window - now);
        }
        if (wait > TimeSpan.Zero) return wait;
        foreach (var (_, key) in applicable) _windows[key].Add(now);
        return TimeSpan.Zero;
    }

    /// <summary>
    /// The platform answered the message whose slot was taken at <paramref name="acquiredAt"/>: from now on the slot
    /// counts from <paramref name="answeredAt"/>, the latest moment the platform can have counted it.
    /// </summary>
    public void Settle(ChatAddress chat, ChatKind kind, DateTimeOffset acquiredAt, DateTimeOffset answeredAt)
    {
        if (answeredAt <= acquiredAt) return;
        foreach (var (_, key) in Applicable(chat, kind))
        {
            if (!_windows.TryGetValue(key, out var window)) continue;
            var index = window.LastIndexOf(acquiredAt);
            if (index < 0) continue;
            window.RemoveAt(index);
            var at = window.FindLastIndex(slot => slot <= answeredAt) + 1;
            window.Insert(at, answeredAt);
        }
    }

    /// <summary>The platform said "too many requests" for this chat: hold it back for that long.</summary>
    public void Pause(ChatAddress chat, DateTimeOffset until) => _pausedUntil[chat] = until;

    /// <summary>The platform throttles the bot as a whole: no chat of the channel gets a slot until then.</summary>
    public void PauseChannel(ChannelKind channel, DateTimeOffset until)
    {
        if (!_channelPausedUntil.TryGetValue(channel, out var current) || current < until) _channelPausedUntil[channel] = until;
    }

    /// <summary>How long the whole channel still waits (zero: not paused).</summary>
    public TimeSpan ChannelPause(ChannelKind channel, DateTimeOffset now)
    {
        if (!_channelPausedUntil.TryGetValue(channel, out var until)) return TimeSpan.Zero;
        if (until > now) return until - now;
        _channelPausedUntil.Remove(channel);
        return TimeSpan.Zero;
    }

    /// <summary>
    /// How many more messages the channel's bot-wide rules allow right now, and when they are used up, how long until the
    /// next slot frees. Lets the dispatcher skip a full channel without reading its rows, and read only as many rows as
    /// it could send, whatever the backlog. A channel without a bot-wide rule is not limited (int.MaxValue).
    /// </summary>
    public (int Free, TimeSpan Wait) ChannelCapacity(ChannelKind channel, DateTimeOffset now)
    {
        var pause = ChannelPause(channel, now);
        if (pause > TimeSpan.Zero) return (0, pause);
        if (!rules.TryGetValue(channel, out var channelRules)) return (int.MaxValue, TimeSpan.Zero);
        var free = int.MaxValue;
        var wait = TimeSpan.Zero;
        for (var i = 0; i < channelRules.Count; i++)
        {
            var rule = channelRules[i];
            if (rule.Scope != RateScope.Channel) continue;
            var window = Window((channel, i, ""), rule, now);
            var left = Math.Max(0, rule.Limit - window.Count);
            if (left < free) free = left;
            if (left == 0) wait = Max(wait, window.Count > 0 ? window[0] + rule.Window - now : rule.Window);
        }
        return (free, free == 0 ? wait : TimeSpan.Zero);
    }

    /// <summary>Forgets windows that have emptied, so memory stays flat after a broadcast to many chats.</summary>
    public void Trim(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows.ToList())
        {
            var rule = rules[key.Channel][key.Rule];
            Expire(window, rule, now);
            if (window.Count == 0) _windows.Remove(key);
        }
    }

    private IEnumerable<(RateLimitRule Rule, (ChannelKind Channel, int Rule, string Id) Key)> Applicable(ChatAddress chat, ChatKind kind)
    {
        if (!rules.TryGetValue(chat.Channel, out var channelRules)) yield break;
        // Keyed per rule: two rules of one scope (Teams: 7 per second and 60 per 30 seconds) need their own windows.
        for (var i = 0; i < channelRules.Count; i++)
        {
            var rule = channelRules[i];
            switch (rule.Scope)
            {
                case RateScope.Channel: yield return (rule, (chat.Channel, i, "")); break;
                case RateScope.Chat: yield return (rule, (chat.Channel, i, chat.ChatId)); break;
                case RateScope.GroupChat when kind == ChatKind.Group: yield return (rule, (chat.Channel, i, chat.ChatId)); break;
            }
        }
    }

    private List<DateTimeOffset> Window((ChannelKind Channel, int Rule, string Id) key, RateLimitRule rule, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(key, out var window)) _windows[key] = window = [];
        Expire(window, rule, now);
        return window;
    }

    private static void Expire(List<DateTimeOffset> window, RateLimitRule rule, DateTimeOffset now)
    {
        var expired = 0;
        while (expired < window.Count && window[expired] + rule.Window <= now) expired++;
        window.RemoveRange(0, expired);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
