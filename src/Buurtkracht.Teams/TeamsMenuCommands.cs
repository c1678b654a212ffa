using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Teams;

/// <summary>
/// The command names a text picked from the Teams command menu can be: the manifest lists titles without a slash
/// ("melding", "help"), and Teams sends the picked title as plain text.
/// </summary>
internal sealed class TeamsMenuCommands(ICommandCatalog catalog)
{
    public IReadOnlySet<string> Names { get; } = catalog.Commands.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
