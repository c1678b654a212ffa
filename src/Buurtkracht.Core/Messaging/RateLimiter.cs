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
public sealed class RateLimiter(IReadOnlyDictionary<ChannelKind, IReadOnlyList<RateLimitRule>> rules)
{
    private readonly Dictionary<(ChannelKind Channel, int Rule, string Id), Queue<DateTimeOffset>> _windows = new();
    private readonly Dictionary<ChatAddress, DateTimeOffset> _pausedUntil = new();

    /// <summary>Takes a slot for one message to <paramref name="chat"/>, or says how long to wait for one.</summary>
    public TimeSpan TryAcquire(ChatAddress chat, ChatKind kind, DateTimeOffset now)
    {
        var wait = TimeSpan.Zero;
        if (_pausedUntil.TryGetValue(chat, out var until))
        {
            if (until > now) return until - now;
            _pausedUntil.Remove(chat);
        }
        var applicable = Applicable(chat, kind).ToList();
        foreach (var (rule, key) in applicable)
        {
            var window = Window(key, rule, now);
            if (window.Count >= rule.Limit) wait = Max(wait, window.Peek() + rule.Window - now);
        }
        if (wait > TimeSpan.Zero) return wait;
        foreach (var (_, key) in applicable) _windows[key].Enqueue(now);
        return TimeSpan.Zero;
    }

    /// <summary>The platform said "too many requests" for this chat: hold it back for that long.</summary>
    public void Pause(ChatAddress chat, DateTimeOffset until) => _pausedUntil[chat] = until;

    /// <summary>Forgets windows that have emptied, so memory stays flat after a broadcast to many chats.</summary>
    public void Trim(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows.ToList())
        {
            var rule = rules[key.Channel][key.Rule];
            while (window.Count > 0 && window.Peek() + rule.Window <= now) window.Dequeue();
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

    private Queue<DateTimeOffset> Window((ChannelKind Channel, int Rule, string Id) key, RateLimitRule rule, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(key, out var window)) _windows[key] = window = new Queue<DateTimeOffset>();
        while (window.Count > 0 && window.Peek() + rule.Window <= now) window.Dequeue();
        return window;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
