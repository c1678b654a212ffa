namespace Buurtkracht.Core.Conversations;

/// <summary>The commands, dialogs and button handlers the features registered, looked up by name.</summary>
public sealed class BotRegistry : ICommandCatalog
{
    private readonly Dictionary<string, BotCommand> _commands;
    private readonly Dictionary<string, Dialog> _dialogs;
    private readonly Dictionary<string, IChoiceHandler> _choiceHandlers;

    public BotRegistry(IEnumerable<BotCommand> commands, IEnumerable<Dialog> dialogs, IEnumerable<IChoiceHandler> choiceHandlers)
    {
        _commands = commands.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        _dialogs = dialogs.ToDictionary(d => d.Name, StringComparer.Ordinal);
        _choiceHandlers = choiceHandlers.ToDictionary(h => h.Prefix, StringComparer.Ordinal);
        Commands = _commands.Values
            .Where(c => c.ShowInHelp)
            .Select(c => new BotCommandInfo(c.Name, c.Description.Nl, c.Description.In(Members.Languages.English), c.Scope == CommandScope.Private, c.Scope == CommandScope.Group, c.InCompactMenus, c.Audience)
            {
                Descriptions = Members.Languages.Shipped.ToDictionary(l => l.Code, l => c.Description.In(l.Code)),
            })
            .ToList();
    }

    public IReadOnlyList<BotCommandInfo> Commands { get; }

    public IEnumerable<BotCommand> HelpCommands => _commands.Values.Where(c => c.ShowInHelp);

    public BotCommand? FindCommand(string name) => _commands.GetValueOrDefault(name);

    public Dialog? FindDialog(string name) => _dialogs.GetValueOrDefault(name);

    public IChoiceHandler? FindChoiceHandler(string data)
    {
        var colon = data.IndexOf(':');
        return colon > 0 ? _choiceHandlers.GetValueOrDefault(data[..colon]) : null;
    }
}
