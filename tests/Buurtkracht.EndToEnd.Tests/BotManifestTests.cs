using Buurtkracht.Core.Conversations;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.EndToEnd.Tests;

public sealed class BotManifestTests
{
    [Theory]
    [InlineData("commands.nl.txt", "nl")]
    [InlineData("commands.en.txt", "en")]
    [InlineData("commands.ar.txt", "ar")]
    [InlineData("commands.tr.txt", "tr")]
    [InlineData("commands.uk.txt", "uk")]
    [InlineData("commands.pl.txt", "pl")]
    public async Task The_BotFather_command_lists_match_the_commands_of_the_service(string file, string language)
    {
        await using var host = new BotHost();
        var catalog = host.Services.GetRequiredService<ICommandCatalog>();
        var expected = catalog.Commands
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
