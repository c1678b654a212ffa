using System.Net;
using Buurtkracht.Bot.Cli;
using Buurtkracht.Core.Members;
using Buurtkracht.EndToEnd.Tests.Infrastructure;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>An address kept as typed while the geocoder was away is marked for the coördinator on the page and in the CLI.</summary>
public sealed class BeheerAddressToCheckTests
{
    [Fact]
    public async Task Adres_nog_controleren_shows_in_the_melding_detail_and_in_meldingen_list()
    {
        await using var host = new BotHost();
        await host.StartAsync();
        var made = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var toCheck = await host.MeldingAsync(new("afval", made, "7001", Street: "Kerkstraat", Address: "Kerkstraat 12 Alblasserdam", AddressToCheck: true));
        var placed = await host.MeldingAsync(new("afval", made.AddHours(1), "7002", Street: "Dam", Address: "Dam 3"));
        var coordinator = await host.MemberWithRoleAsync("602", "Carla", Role.Coordinator);
        var client = await host.BeheerClientAsync(coordinator);

        var detail = await client.GetAsync($"/beheer/meldingen/{toCheck.Id}");
        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        var page = await detail.Content.ReadAsStringAsync();
        Assert.Contains("Kerkstraat 12 Alblasserdam (adres nog controleren)", page);
        Assert.Contains("Adres nog controleren: de geocoder was niet bereikbaar", page);
        Assert.DoesNotContain("adres nog controleren", await (await client.GetAsync($"/beheer/meldingen/{placed.Id}")).Content.ReadAsStringAsync(),
            StringComparison.OrdinalIgnoreCase);

        var overrides = new Dictionary<string, string?> { ["ConnectionStrings:Buurtkracht"] = $"Data Source={host.DatabasePath}" };
        var stdout = new StringWriter();
        Assert.Equal(0, await AdminCli.RunAsync(["meldingen", "list"], stdout, new StringWriter(), overrides));
        var lines = stdout.ToString().Split('\n');
        Assert.Contains(lines, l => l.Contains(toCheck.Reference) && l.Contains("Kerkstraat 12 Alblasserdam (adres nog controleren)"));
        Assert.Contains(lines, l => l.Contains(placed.Reference) && !l.Contains("controleren"));
    }
}
