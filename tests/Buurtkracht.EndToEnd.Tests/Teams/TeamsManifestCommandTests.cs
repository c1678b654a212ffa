using System.Text.Json;
using Buurtkracht.Core.Conversations;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Buurtkracht.Testing.TeamsActivities;

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

    private static IEnumerable<(string Scope, string Title)> ManifestCommands()
    {
        var manifest = JsonDocument.Parse(File.ReadAllText(
            Path.Combine(BotManifestTests.RepositoryRoot(), "bot-manifests", "teams", "manifest.json"))).RootElement;
        return manifest.GetProperty("bots")[0].GetProperty("commandLists").EnumerateArray()
            .SelectMany(l => l.GetProperty("commands").EnumerateArray().Select(c => (
                l.GetProperty("scopes").EnumerateArray().Any(s => s.GetString() == "personal") ? "personal" : "groupChat",
                c.GetProperty("title").GetString()!)))
            .ToList();
    }

    [Fact]
    public async Task Every_command_picked_from_the_teams_menu_answers_as_the_slash_command_does()
    {
        await using var bot = await TeamsBot.StartAsync();
        var commands = ManifestCommands().ToList();
        Assert.Contains(commands, c => c.Scope == "groupChat");

        foreach (var (scope, title) in commands)
        {
            // Teams sends the menu title as plain text; in a group the bot's mention comes first. Each try in a fresh
            // chat, so a dialog one command starts does not meet the next.
            var picked = await AnswerAsync(bot, scope, $"menu-{title}", title);
            var typed = await AnswerAsync(bot, scope, $"typed-{title}", "/" + title);
            Assert.DoesNotContain("Dat begrijp ik niet", picked);
            Assert.Equal(typed, picked);
        }
    }

    private static async Task<string> AnswerAsync(TeamsBot bot, string scope, string name, string text)
    {
        var chat = scope == "personal" ? $"a:personal-{name}" : $"19:{name}@thread.v2";
        var user = $"29:{name}";
        await bot.SendAsync(scope == "personal"
            ? Message(bot.ServiceUrl, chat, "personal", user, text, "Jan Jansen")
            : Message(bot.ServiceUrl, chat, "groupChat", user, "<at>Buurtkracht</at> " + text, "Jan Jansen"));
        var reply = await bot.Connector.WaitForCallAsync(c => c.ConversationId == chat && c.Path.EndsWith("/activities"), TeamsBot.Patience);
        return reply.Text;
    }
}
