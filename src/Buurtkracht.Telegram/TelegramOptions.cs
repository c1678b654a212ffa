namespace Buurtkracht.Telegram;

/// <summary>Settings of the "Telegram" configuration section.</summary>
public sealed class TelegramOptions
{
    public const string SectionName = "Telegram";

    /// <summary>The BotFather token; a secret, so it only comes from configuration or the environment.</summary>
    public string? BotToken { get; set; }

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public HTTPS address Telegram posts updates to (Webhook mode), ending in /telegram/webhook.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Sent by Telegram in X-Telegram-Bot-Api-Secret-Token; required in Webhook mode.</summary>
    public string? WebhookSecret { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    public int PollingTimeoutSeconds { get; set; } = 25;

    public long MaxPhotoBytes { get; set; } = 10 * 1024 * 1024;

    // Options objects end up in log lines and debugger views; keep the token out of both.
    public override string ToString() =>
        $"Telegram {{ Mode = {Mode}, ApiBaseUrl = {ApiBaseUrl}, BotToken = {(string.IsNullOrEmpty(BotToken) ? "(empty)" : "(set)")} }}";
}

public enum TelegramMode
{
    Polling,
    Webhook,
}
