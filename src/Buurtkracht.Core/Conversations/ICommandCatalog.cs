namespace Buurtkracht.Core.Conversations;

/// <summary>A command as the platforms' command menus show it.</summary>
/// <param name="Name">Lower case, without the slash.</param>
/// <param name="GroupOnly">Works only in a street group: menus of private chats may leave it out (as /help there does).</param>
/// <param name="InCompactMenus">False when menus with a small cap (Teams: ten a list) leave it out; /help still lists it.</param>
/// <param name="Audience">Who may use it: menus per scope (Telegram) show it only to them.</param>
public sealed record BotCommandInfo(string Name, string DescriptionNl, string DescriptionEn, bool PrivateOnly, bool GroupOnly = false, bool InCompactMenus = true,
    CommandAudience Audience = CommandAudience.Everyone);

/// <summary>The bot's commands, for /help and for the platforms' command menus (Telegram setMyCommands, Teams manifest).</summary>
public interface ICommandCatalog
{
    IReadOnlyList<BotCommandInfo> Commands { get; }
}
