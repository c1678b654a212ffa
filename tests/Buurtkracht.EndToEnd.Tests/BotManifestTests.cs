using Buurtkracht.Core.Conversations;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.EndToEnd.Tests;

public sealed class BotManifestTests
{
    /// <summary>Who sees a list, as the service sets it with setMyCommands scopes (see bot-manifests/telegram/profile.md).</summary>
    private static bool InList(string list, BotCommandInfo c) => list switch
    {
        "private" => !c.GroupOnly && c.Audience == CommandAudience.Everyone,
        "group" => !c.PrivateOnly && c.Audience == CommandAudience.Everyone,
        "group-admins" => !c.PrivateOnly && c.Audience is CommandAudience.Everyone or CommandAudience.GroupAdmins,
        "coordinator" => !c.GroupOnly && c.Audience is CommandAudience.Everyone or CommandAudience.RoleHolders or CommandAudience.Coordinators,
        _ => throw new ArgumentOutOfRangeException(nameof(list)),
    };

    [Theory]
    [InlineData("commands.nl.txt", "private", "nl")]
    [InlineData("commands.en.txt", "private", "en")]
    [InlineData("commands.ar.txt", "private", "ar")]
    [InlineData("commands.tr.txt", "private", "tr")]
    [InlineData("commands.uk.txt", "private", "uk")]
    [InlineData("commands.pl.txt", "private", "pl")]
    [InlineData("commands.group.nl.txt", "group", "nl")]
    [InlineData("commands.group.en.txt", "group", "en")]
    [InlineData("commands.group-admins.nl.txt", "group-admins", "nl")]
    [InlineData("commands.group-admins.en.txt", "group-admins", "en")]
    [InlineData("commands.coordinator.nl.txt", "coordinator", "nl")]
    [InlineData("commands.coordinator.en.txt", "coordinator", "en")]
    public async Task The_BotFather_command_lists_match_the_commands_of_the_service(string file, string list, string language)
    {
        await using var host = new BotHost();
        var catalog = host.Services.GetRequiredService<ICommandCatalog>();
        var expected = catalog.Commands
            .Where(c => InList(list, c))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => $"{c.Name} - {c.Description(language)}");

        var actual = File.ReadAllLines(Path.Combine(RepositoryRoot(), "bot-manifests", "telegram", file)).Where(l => l.Length > 0);

        Assert.Equal(expected, actual);
    }

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Buurtkracht.Bot.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new DirectoryNotFoundException("Buurtkracht.Bot.sln not found above the test folder");
    }
}
