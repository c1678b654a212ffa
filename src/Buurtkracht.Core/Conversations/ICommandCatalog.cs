using Buurtkracht.Core.Members;

namespace Buurtkracht.Core.Conversations;

/// <summary>A command as the platforms' command menus show it.</summary>
/// <param name="Name">Lower case, without the slash.</param>
/// <param name="GroupOnly">Works only in a street group: menus of private chats may leave it out (as /help there does).</param>
/// <param name="InCompactMenus">False when menus with a small cap (Teams: ten a list) leave it out; /help still lists it.</param>
/// <param name="Audience">Who may use it: menus per scope (Telegram) show it only to them.</param>
public sealed record BotCommandInfo(string Name, string DescriptionNl, string DescriptionEn, bool PrivateOnly, bool GroupOnly = false, bool InCompactMenus = true,
    CommandAudience Audience = CommandAudience.Everyone)
{
    /// <summary>The description per shipped language code; menus per language (Telegram's setMyCommands language_code) read it.</summary>
    public IReadOnlyDictionary<string, string> Descriptions { get; init; } = new Dictionary<string, string>();

    /// <summary>The description in <paramref name="language"/>, Dutch when that language has none.</summary>
    public string Description(string language) =>
        Descriptions.GetValueOrDefault(language) ?? (language == Languages.English ? DescriptionEn : DescriptionNl);
}

/// <summary>
/// The bot's commands, for /help and for the platforms' command menus (Telegram setMyCommands, Teams manifest).
/// A menu per language loops over <see cref="Languages.Shipped"/> and asks each command's <see cref="BotCommandInfo.Description"/>;
/// the Dutch menu is the default (Telegram: no language_code).
/// </summary>
public interface ICommandCatalog
{
    IReadOnlyList<BotCommandInfo> Commands { get; }
}
