using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace Buurtkracht.Teams;

/// <summary>
/// The app token for the Bot Connector, by client credentials through MSAL. MSAL's in-memory app token cache keeps
/// it until shortly before it expires, so most calls cost no request.
/// </summary>
internal sealed class ConnectorTokenProvider
{
    private readonly IConfidentialClientApplication _app;
    private readonly string[] _scopes;

    public ConnectorTokenProvider(IOptions<TeamsOptions> options, IHttpClientFactory http)
    {
        var o = options.Value;
        _scopes = [o.ConnectorScope];
        var loopback = TeamsTokenValidator.IsLoopback(o.AuthorityHost);
        // MSAL only takes https authorities; a loopback test login is named as https and reached over http (see
        // LoopbackHttpHandler), the same exception the OpenID metadata makes for loopback.
        var host = loopback ? "https" + o.AuthorityHost.TrimEnd('/')[o.AuthorityHost.IndexOf(':')..] : o.AuthorityHost.TrimEnd('/');
        _app = ConfidentialClientApplicationBuilder.Create(o.AppId)
            .WithClientSecret(o.AppPassword ?? "")
            .WithAuthority($"{host}/{o.TenantId}", validateAuthority: !loopback)
            .WithInstanceDiscovery(!loopback)
            .WithHttpClientFactory(new MsalHttpClientFactory(http))
            .Build();
    }

    public const string HttpClientName = "Teams.Login";

    public async Task<string> GetTokenAsync(CancellationToken ct)
    {
        var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(ct);
        return result.AccessToken;
    }

    /// <summary>Sends requests for https://127.0.0.1 (or another loopback address) over plain http; nothing else.</summary>
    internal sealed class LoopbackHttpHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (request.RequestUri is { IsLoopback: true, Scheme: "https" } uri)
                request.RequestUri = new UriBuilder(uri) { Scheme = "http" }.Uri;
            return base.SendAsync(request, ct);
        }
    }

    private sealed class MsalHttpClientFactory(IHttpClientFactory http) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => http.CreateClient(HttpClientName);
    }
}
