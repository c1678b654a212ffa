using Microsoft.Extensions.Options;

namespace Buurtkracht.Telegram;

/// <summary>Who the bot is on Telegram: its id (from the token) at once, its username once getMe has answered.</summary>
public sealed class TelegramBotIdentity
{
    private volatile string? _username;

    public TelegramBotIdentity(IOptions<TelegramOptions> options)
        : this(BotIdFromToken(options.Value.BotToken), null)
    {
    }

    public TelegramBotIdentity(long? botId, string? username)
    {
        BotId = botId;
        _username = username;
    }

    public long? BotId { get; }

    public string? Username
    {
        get => _username;
        set => _username = value;
    }

    // A token is "{bot id}:{secret}", so the bot can recognise itself before getMe has answered.
    private static long? BotIdFromToken(string? token) =>
        token?.Split(':', 2) is [var id, _] && long.TryParse(id, out var botId) ? botId : null;
}
