using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Buurtkracht.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.EndToEnd.Tests.Hosting;

/// <summary>What an operator reads first once the service runs: where to chat, which file, which channels, where meldingen go.</summary>
public sealed class StartupSummaryTests
{
    [Fact]
    public async Task The_first_line_once_the_service_listens_names_the_web_chat_url_the_database_file_the_channels_and_the_melding_destination()
    {
        var log = new CapturedLog();
        await using var host = new BotHost(kestrel: true, services: log.AddTo, settings: new Dictionary<string, string?> { ["environment"] = "Production" });
        await host.StartAsync();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var lines = log.AboveDebug.ToList();
        var summary = lines.FindIndex(l => l.Category == "Buurtkracht.Bot" && l.Message.StartsWith("Buurtkracht is running", StringComparison.Ordinal));
        Assert.True(summary >= 0, string.Join("\n", lines));
        var text = lines[summary].Message;
        Assert.Contains($"{address}/chat", text);
        Assert.Contains(host.DatabasePath, text);
        Assert.Contains("web chat on", text);
        Assert.Contains("Telegram off", text);
        Assert.Contains("Teams off", text);
        Assert.Contains("meldingen are only stored", text);
        // Before the host's own "Application started" lines, and the only start-up line of the service's own.
        Assert.True(summary < lines.FindIndex(l => l.Message.StartsWith("Application started", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.DoesNotContain(lines, l => l.Category == "Buurtkracht.Bot" && l.Message.Contains(" is off until configured"));
    }

    [Fact]
    public async Task With_a_melding_destination_the_summary_names_it()
    {
        var log = new CapturedLog();
        await using var host = new BotHost(services: log.AddTo, settings: new Dictionary<string, string?>
        {
            ["Meldingen:Email:Host"] = "127.0.0.1",
            ["Meldingen:Email:To"] = "meldpunt@alblasserdam.example.nl",
        });
        await host.StartAsync();

        var summary = Assert.Single(log.AboveDebug, l => l.Message.StartsWith("Buurtkracht is running", StringComparison.Ordinal)).Message;
        Assert.Contains("meldingen go to email", summary);
        Assert.DoesNotContain("meldpunt@", summary);
    }
}
