namespace Buurtkracht.Testing;

/// <summary>One message a rate-limited fake platform accepted: the chat, what it carried and when it arrived.</summary>
public sealed record AcceptedMessage(string ChatId, string Content, DateTimeOffset At);

/// <summary>One message a rate-limited fake platform refused with 429.</summary>
public sealed record RefusedMessage(string ChatId, DateTimeOffset At, TimeSpan RetryAfter);

/// <summary>
/// A platform's message limits as the platform enforces them: every message is counted at its arrival, in sliding windows
/// per app, per chat and per group chat, and one that would exceed any window is refused (the fake answers 429). Written
/// apart from the dispatcher's <c>RateLimiter</c> on purpose, so a mistake in the product's limiter cannot hide itself.
/// Thread-safe: Kestrel handles requests in parallel.
/// </summary>
public sealed class FakeRateLimit
{
    public enum Scope
    {
        App,
        Chat,
        GroupChat,
    }

    public sealed record Rule(Scope Scope, int Limit, TimeSpan Window);

    private readonly Lock _gate = new();
    private readonly IReadOnlyList<Rule> _rules;
    private readonly Func<string, bool> _isGroup;
    private readonly TimeProvider _clock;
    private readonly Dictionary<(int Rule, string Key), Queue<DateTimeOffset>> _windows = [];
    private readonly List<AcceptedMessage> _accepted = [];
    private readonly List<RefusedMessage> _refused = [];

    public FakeRateLimit(IReadOnlyList<Rule> rules, Func<string, bool> isGroup, TimeProvider? clock = null)
    {
        _rules = rules;
        _isGroup = isGroup;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// Telegram's published limits: about 30 messages per second overall, 1 per second per chat (bursts of 3 in 3 s pass),
    /// 20 per minute per group. A negative chat id is a group, as in the Bot API.
    /// </summary>
    public static FakeRateLimit Telegram(TimeProvider? clock = null) => new(
        [
            new Rule(Scope.App, 30, TimeSpan.FromSeconds(1)),
            new Rule(Scope.Chat, 3, TimeSpan.FromSeconds(3)),
            new Rule(Scope.GroupChat, 20, TimeSpan.FromMinutes(1)),
        ],
        chatId => chatId.StartsWith('-'), clock);

    /// <summary>Teams' published limits: 50 requests per second per app, 7 per second and 60 per 30 seconds per conversation.</summary>
    public static FakeRateLimit Teams(TimeProvider? clock = null) => new(
        [
            new Rule(Scope.App, 50, TimeSpan.FromSeconds(1)),
            new Rule(Scope.Chat, 7, TimeSpan.FromSeconds(1)),
            new Rule(Scope.Chat, 60, TimeSpan.FromSeconds(30)),
        ],
        _ => false, clock);

    public IReadOnlyList<Rule> Rules => _rules;

    public IReadOnlyList<AcceptedMessage> Accepted
    {
        get { lock (_gate) return _accepted.ToList(); }
    }

    public IReadOnlyList<RefusedMessage> Refused
    {
        get { lock (_gate) return _refused.ToList(); }
    }

    /// <summary>Counts the message in at the time it arrives; null when accepted, else how long the sender must wait.</summary>
    public TimeSpan? TryAccept(string chatId, string content)
    {
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            var wait = TimeSpan.Zero;
            var windows = new List<Queue<DateTimeOffset>>();
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                var key = rule.Scope switch
                {
                    Scope.App => "",
                    Scope.Chat => chatId,
                    _ when _isGroup(chatId) => chatId,
                    _ => null,
                };
                if (key is null) continue;
                if (!_windows.TryGetValue((i, key), out var window)) _windows[(i, key)] = window = new Queue<DateTimeOffset>();
                // Sliding: a message counts for exactly one window length after it arrived.
                while (window.Count > 0 && window.Peek() + rule.Window <= now) window.Dequeue();
                if (window.Count >= rule.Limit && window.Peek() + rule.Window - now is var until && until > wait) wait = until;
                windows.Add(window);
            }
            if (wait > TimeSpan.Zero)
            {
                _refused.Add(new RefusedMessage(chatId, now, wait));
                return wait;
            }
            foreach (var window in windows) window.Enqueue(now);
            _accepted.Add(new AcceptedMessage(chatId, content, now));
            return null;
        }
    }

    /// <summary>Retry-After / retry_after are whole seconds: rounded up, so obeying them is always enough.</summary>
    public static int WholeSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}
