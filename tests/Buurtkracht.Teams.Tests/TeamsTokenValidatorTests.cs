using Buurtkracht.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Teams.Tests;

/// <summary>The validator against the fake's OpenID metadata over loopback: caching and key rollover.</summary>
public sealed class TeamsTokenValidatorTests : IAsyncLifetime
{
    private FakeBotConnector _fake = null!;
    private TeamsTokenValidator _validator = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBotConnector.StartAsync();
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        _validator = new TeamsTokenValidator(
            Options.Create(new TeamsOptions { AppId = FakeBotConnector.AppId, OpenIdMetadataUrl = _fake.OpenIdMetadataUrl }),
            http, NullLogger<TeamsTokenValidator>.Instance);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task A_valid_token_gives_its_serviceUrl_and_the_key_endorsements_and_the_keys_are_fetched_once()
    {
        for (var i = 0; i < 5; i++)
        {
            var token = await _validator.ValidateAsync("Bearer " + _fake.CreateToken(), CancellationToken.None);
            Assert.NotNull(token);
            Assert.Equal(_fake.ServiceUrl, token.ServiceUrl);
            Assert.Equal(["msteams"], token.Endorsements);
        }
        Assert.Equal(1, _fake.KeySetRequests);
    }

    [Fact]
    public async Task After_a_key_rollover_the_metadata_is_fetched_again_and_new_tokens_validate()
    {
        Assert.NotNull(await _validator.ValidateAsync("Bearer " + _fake.CreateToken(), CancellationToken.None));
        var oldKey = _fake.SigningKey;

        _fake.RotateKey("rolled-key");

        Assert.NotNull(await _validator.ValidateAsync("Bearer " + _fake.CreateToken(), CancellationToken.None));
        Assert.Equal(2, _fake.KeySetRequests);
        // A token signed with the retired key no longer counts.
        Assert.Null(await _validator.ValidateAsync("Bearer " + _fake.CreateToken(key: oldKey), CancellationToken.None));
    }

    [Fact]
    public void A_mismatching_serviceUrl_or_an_unendorsed_channel_is_reported()
    {
        var token = new ValidatedToken("https://smba.trafficmanager.net/emea/", ["msteams"]);

        Assert.Null(token.MismatchWith(new Activity { ServiceUrl = "https://smba.trafficmanager.net/emea/", ChannelId = "msteams" }));
        Assert.NotNull(token.MismatchWith(new Activity { ServiceUrl = "https://evil.example/", ChannelId = "msteams" }));
        Assert.NotNull(token.MismatchWith(new Activity { ServiceUrl = "https://smba.trafficmanager.net/emea/", ChannelId = "webchat" }));
        Assert.NotNull(new ValidatedToken(null, ["msteams"]).MismatchWith(new Activity { ServiceUrl = "https://smba.trafficmanager.net/emea/" }));
    }

    [Fact]
    public async Task Unreachable_metadata_is_an_outage_warned_about_once_a_minute_without_a_stack_trace()
    {
        var clock = new ManualClock();
        var log = new RecordingLogger();
        var http = new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
        var validator = new TeamsTokenValidator(
            Options.Create(new TeamsOptions { AppId = FakeBotConnector.AppId, OpenIdMetadataUrl = $"http://127.0.0.1:{ClosedPort()}/v1/.well-known/openidconfiguration" }),
            http, log, clock);
        var token = "Bearer " + _fake.CreateToken();

        for (var i = 0; i < 5; i++)
        {
            var outage = await Assert.ThrowsAsync<TeamsMetadataUnavailableException>(() => validator.ValidateAsync(token, CancellationToken.None));
            Assert.True(outage.RetryAfter > TimeSpan.Zero && outage.RetryAfter <= TeamsTokenValidator.MetadataRetryAfter);
        }
        // A token that cannot even be read needs no key: refused as before.
        Assert.Null(await validator.ValidateAsync("Bearer not.a.token", CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(40));
        await Assert.ThrowsAsync<TeamsMetadataUnavailableException>(() => validator.ValidateAsync(token, CancellationToken.None));
        Assert.Single(log.Entries, e => e.Message.Contains("OpenID metadata"));

        clock.Advance(TimeSpan.FromSeconds(30));
        await Assert.ThrowsAsync<TeamsMetadataUnavailableException>(() => validator.ValidateAsync(token, CancellationToken.None));

        var warnings = log.Entries.Where(e => e.Message.Contains("OpenID metadata")).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal((LogLevel.Warning, null), (w.Level, w.Exception)));
    }

    private static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class RecordingLogger : ILogger<TeamsTokenValidator>
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, formatter(state, exception), exception));
        }
    }
}
