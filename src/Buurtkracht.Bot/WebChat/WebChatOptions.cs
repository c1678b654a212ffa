namespace Buurtkracht.Bot.WebChat;

/// <summary>Section "WebChat".</summary>
public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>
    /// Unset: on in Development or while no platform channel (Telegram, Teams) is configured, off otherwise. True or
    /// false: always on or always off.
    /// </summary>
    public bool? Enabled { get; set; }

    public WebChatRateLimitOptions RateLimit { get; set; } = new();
}

/// <summary>Section "WebChat:RateLimit": what one visitor (or one address without a web chat cookie) may do per window.</summary>
public sealed class WebChatRateLimitOptions
{
    /// <summary>Messages posted to /webchat/api/send.</summary>
    public int SendsPerWindow { get; set; } = 30;

    /// <summary>Polls of /webchat/api/messages; the page polls both tabs and again after every reply.</summary>
    public int ReadsPerWindow { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
