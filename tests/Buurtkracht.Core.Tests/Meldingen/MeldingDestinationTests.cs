using Buurtkracht.Core.Meldingen;
using static Buurtkracht.Core.Tests.Infrastructure.People;
using static Buurtkracht.Core.Tests.Meldingen.MeldingSteps;

namespace Buurtkracht.Core.Tests.Meldingen;

/// <summary>What the resident is told after Versturen says where the melding really goes.</summary>
public sealed class MeldingDestinationTests
{
    [Fact]
    public async Task Without_a_destination_the_resident_reads_that_the_melding_is_kept_and_a_coordinator_passes_it_on()
    {
        await using var h = await StartAsync();
        await ToSummaryAsync(h, Anna);

        var sent = (await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"))).Last.Text;

        Assert.Equal(MeldingTexts.SentStoredOnly.In("nl", "BK-2026-000001"), sent);
        Assert.DoesNotContain("door naar de gemeente", sent);
        Assert.Contains("coördinator", sent);
    }

    [Fact]
    public async Task With_a_destination_the_resident_reads_that_the_melding_goes_to_the_gemeente()
    {
        await using var h = await StartAsync(settings: new Dictionary<string, string?>
        {
            ["Meldingen:Email:Host"] = "127.0.0.1",
            ["Meldingen:Email:To"] = "meldpunt@alblasserdam.example.nl",
        });
        await ToSummaryAsync(h, Anna);

        var sent = (await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"))).Last.Text;

        Assert.Equal(MeldingTexts.Sent.In("nl", "BK-2026-000001"), sent);
    }
}
