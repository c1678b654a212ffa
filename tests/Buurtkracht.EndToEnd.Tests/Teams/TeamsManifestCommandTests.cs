using System.Text.Json;
using Buurtkracht.Core.Conversations;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.EndToEnd.Tests.Teams;

public sealed class TeamsManifestCommandTests
{
    [Fact]
    public async Task The_teams_command_lists_match_the_commands_of_the_service()
    {
        await using var host = new BotHost();
        var catalog = host.Services.GetRequiredService<ICommandCatalog>().Commands;
        var manifest = JsonDocument.Parse(File.ReadAllText(
            Path.Combine(BotManifestTests.RepositoryRoot(), "bot-manifests", "teams", "manifest.json"))).RootElement;
        var lists = manifest.GetProperty("bots")[0].GetProperty("commandLists").EnumerateArray()
            .ToDictionary(
                l => string.Join(",", l.GetProperty("scopes").EnumerateArray().Select(s => s.GetString())),
                l => l.GetProperty("commands").EnumerateArray()
                    .Select(c => $"{c.GetProperty("title").GetString()} - {c.GetProperty("description").GetString()}").ToList());

        static string Line(BotCommandInfo c) => $"{c.Name} - {c.DescriptionNl}";
        // Personal chat: every command that works there (as /help in a private chat lists them), but Teams allows 10 a
        // list, so commands marked not InCompactMenus are left out;
        // teams and group chats: those that are not private-only.
        var compact = catalog.Where(c => c.InCompactMenus).ToList();
        Assert.Equal(compact.Where(c => !c.GroupOnly).OrderBy(c => c.Name, StringComparer.Ordinal).Select(Line), lists["personal"]);
        Assert.Equal(compact.Where(c => !c.PrivateOnly).OrderBy(c => c.Name, StringComparer.Ordinal).Select(Line), lists["team,groupChat"]);
        Assert.All(lists.Values, list => Assert.True(list.Count <= 10, "Teams allows ten commands a list"));
    }
}
