using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Buurtkracht.Core.Tests.Infrastructure.People;
using static Buurtkracht.Core.Tests.Meldingen.MeldingSteps;

namespace Buurtkracht.Core.Tests.Meldingen;

/// <summary>An Open311 server's error may echo the resident's name, e-mail and description; only status and code are kept.</summary>
public sealed class Open311ErrorBodyTests
{
    private const string Description = "Losse stoeptegel, bel me op 06-12345678.";

    [Fact]
    public async Task A_refused_post_is_logged_and_recorded_with_the_status_and_the_error_code_only()
    {
        await using var server = await FakeOpen311Server.StartAsync();
        server.RejectEchoingFields = true;
        var log = new CapturedLog();
        await using var h = await Infrastructure.CoreHarness.StartAsync(
            s => s.AddLogging(l => l.AddProvider(log)),
            new Dictionary<string, string?>
            {
                ["Meldingen:Open311:Endpoint"] = server.BaseUrl,
                ["Meldingen:Open311:ApiKey"] = FakeOpen311Server.ApiKey,
                ["Meldingen:Open311:DefaultServiceCode"] = "OTHER",
            });
        await ToSummaryAsync(h, Anna, description: Description);
        await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:wijzigen"));
        await h.PrivateAsync(Anna, new ChoiceContent("wijzig:contact"));
        await h.PrivateAsync(Anna, new ChoiceContent("contact:naam"));
        await h.PrivateAsync(Anna, "Anna de Vries");
        await h.PrivateAsync(Anna, "anna.devries@example.nl");
        await h.PrivateAsync(Anna, new ChoiceContent("samenvatting:versturen"));

        Assert.Equal(0, await ForwardOnceAsync(h));

        var forward = await h.DbAsync(db => db.MeldingForwards.SingleAsync(f => f.Sink == Open311Sink.SinkName));
        Assert.Equal(ForwardingState.Failed, forward.State);
        Assert.Equal("Open311Exception: requests.json: HTTP 400 (error code invalid_email)", forward.LastError);
        var warning = Assert.Single(log.AboveDebug, l => l.Message.Contains("forwarding to open311 failed"));
        Assert.Contains("HTTP 400 (error code invalid_email)", warning.Message);
        foreach (var personal in new[] { "Anna", "Vries", "anna.devries@example.nl", "06-12345678", "stoeptegel" })
            Assert.Empty(log.AboveDebugContaining(personal));
    }

    [Theory]
    [InlineData("""[{"code":403,"description":"invalid api_key for anna@example.nl"}]""", "403")]
    [InlineData("""[{"code":"bad request <script>","description":"x"},{"code":"missing_attr","description":"y"}]""", "missing_attr")]
    [InlineData("Service Unavailable: Anna de Vries", "")]
    [InlineData("""{"error":"Anna"}""", "")]
    public void Only_short_error_codes_are_quoted(string body, string expected) =>
        Assert.Equal(expected, string.Join(", ", Open311Client.ErrorCodes(body)));
}
