using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Members;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Buurtkracht.Telegram;

/// <summary>
/// The command menus per scope and language: residents everywhere, group admins in groups (all_chat_administrators),
/// and a role holder's own private chat (a chat scope, set from the outbox when their roles change).
/// </summary>
internal static class TelegramMenus
{
    /// <summary>Private chats: the private and anywhere commands of these audiences.</summary>
    public static IReadOnlyList<BotCommandInfo> Private(ICommandCatalog catalog, IReadOnlyCollection<CommandAudience> audiences) =>
        catalog.Commands.Where(c => !c.GroupOnly && audiences.Contains(c.Audience)).ToList();

    /// <summary>Groups: the group and anywhere commands of everyone, and for <paramref name="admins"/> also theirs.</summary>
    public static IReadOnlyList<BotCommandInfo> Group(ICommandCatalog catalog, bool admins) =>
        catalog.Commands.Where(c => !c.PrivateOnly
            && (c.Audience == CommandAudience.Everyone || (admins && c.Audience == CommandAudience.GroupAdmins))).ToList();

    /// <summary>
    /// Sets one scope's list in Dutch (for every language without a list of its own) and in every other shipped language
    /// with its language_code (issue 15: the menu speaks the person's app language where the bot speaks it).
    /// </summary>
    public static async Task SetAsync(ITelegramBotClient client, BotCommandScope scope, IReadOnlyList<BotCommandInfo> commands, CancellationToken ct)
    {
        await TelegramApi.CallAsync("setMyCommands",
            token => client.SetMyCommands(commands.Select(c => Command(c.Name, c.Description(Languages.Dutch))), scope, null, token), ct);
        foreach (var language in Languages.Shipped.Where(l => l.Code != Languages.Dutch))
            await TelegramApi.CallAsync("setMyCommands",
                token => client.SetMyCommands(commands.Select(c => Command(c.Name, c.Description(language.Code))), scope, language.Code, token), ct);
    }

    // Telegram takes descriptions of 1 to 256 characters.
    private static global::Telegram.Bot.Types.BotCommand Command(string name, string description) =>
        new(name, description.Length > 256 ? description[..255] + "…" : description);
}
