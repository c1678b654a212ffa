using Buurtkracht.Teams;
using Buurtkracht.Telegram;

namespace Buurtkracht.Bot.WebChat;

/// <summary>
/// Whether the web chat runs, and why. Anyone who reaches the port can chat with the bot as a new visitor, so it is
/// off by default where a real platform channel shows that this is a real deployment.
/// </summary>
public sealed record WebChatActivation(bool On, string Reason)
{
    public static WebChatActivation Decide(IConfiguration configuration, IHostEnvironment environment)
    {
        var enabled = configuration.GetSection(WebChatOptions.SectionName).Get<WebChatOptions>()?.Enabled;
        if (enabled == true) return new(true, "WebChat:Enabled is true");
        if (enabled == false) return new(false, "WebChat:Enabled is false");
        if (environment.IsDevelopment()) return new(true, "the environment is Development");
        var platforms = new[]
        {
            configuration.IsTelegramConfigured() ? "Telegram" : null,
            configuration.IsTeamsConfigured() ? "Teams" : null,
        }.OfType<string>().ToList();
        return platforms.Count == 0
            ? new(true, "no platform channel is configured")
            : new(false, $"{string.Join(" and ", platforms)} is configured; set WebChat:Enabled=true to open it anyway");
    }
}
