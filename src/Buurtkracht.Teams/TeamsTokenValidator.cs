using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Buurtkracht.Teams;

/// <summary>
/// Validates the bearer token on inbound requests as the Bot Framework authentication spec says: RS256 signature by a
/// key from the OpenID metadata (cached, refreshed daily and on an unknown key), issuer, audience = the app id,
/// lifetime with clock skew; then, against the activity, the serviceUrl claim and the signing key's endorsements.
/// </summary>
internal sealed class TeamsTokenValidator
{
    private readonly TeamsOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _metadata;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ILogger<TeamsTokenValidator> _log;
    private readonly TimeProvider _clock;

    public TeamsTokenValidator(IOptions<TeamsOptions> options, IHttpClientFactory http, ILogger<TeamsTokenValidator> log, TimeProvider? clock = null)
    {
        _options = options.Value;
        _log = log;
        _clock = clock ?? TimeProvider.System;
        var url = _options.OpenIdMetadataUrl;
        // HTTPS always, except a loopback address (a local test issuer or emulator).
        var retriever = new HttpDocumentRetriever(http.CreateClient(HttpClientName)) { RequireHttps = !IsLoopback(url) };
        _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(url, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(24),
            RefreshInterval = TimeSpan.FromMinutes(5),
        };
    }

    public const string HttpClientName = "Teams.OpenId";

    /// <summary>How long after a failed metadata fetch requests are answered 503 without trying again.</summary>
    public static readonly TimeSpan MetadataRetryAfter = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);
    private readonly Lock _outageLock = new();
    private DateTimeOffset? _metadataFailedAt;
    private DateTimeOffset? _lastOutageWarning;

    /// <summary>
    /// Checks the Authorization header value; null when it is not a valid Bot Framework token. Throws
    /// <see cref="TeamsMetadataUnavailableException"/> when a readable token cannot be checked because the OpenID
    /// metadata cannot be fetched.
    /// </summary>
    public async Task<ValidatedToken?> ValidateAsync(string? authorizationHeader, CancellationToken ct)
    {
        if (authorizationHeader is null || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return Refuse("no bearer token");
        var token = authorizationHeader["Bearer ".Length..].Trim();
        // Whatever can be refused without a signing key is, so an outage of the metadata does not turn it into a 503.
        if (token.Length == 0 || !_handler.CanReadToken(token) || Read(token) is not { } jwt) return Refuse("unreadable token");
        if (jwt.Alg != SecurityAlgorithms.RsaSha256) return Refuse("not RS256");

        var config = await ConfigurationAsync(ct);
        var result = await _handler.ValidateTokenAsync(token, Parameters(config));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException)
        {
            // The Bot Framework rolls its keys: a signature no known key matches means fetch the metadata again; the
            // manager allows that once per RefreshInterval (5 minutes), so bad tokens cannot make it hammer the endpoint.
            if (await RefreshedAsync(config, ct) is { } fresh)
            {
                config = fresh;
                result = await _handler.ValidateTokenAsync(token, Parameters(config));
            }
        }
        if (!result.IsValid) return Refuse(result.Exception?.GetType().Name ?? "invalid");

        var claims = result.ClaimsIdentity;
        var serviceUrl = claims.FindFirst("serviceurl")?.Value ?? claims.FindFirst("serviceUrl")?.Value;
        return new ValidatedToken(serviceUrl, Endorsements(config, result.SecurityToken as JsonWebToken));
    }

    /// <summary>
    /// New metadata after a refresh request, or null when one was made less than RefreshInterval ago. The manager
    /// fetches in the background, so this waits (briefly) until the new configuration is in.
    /// </summary>
    private async Task<OpenIdConnectConfiguration?> RefreshedAsync(OpenIdConnectConfiguration stale, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow.UtcTicks;
        var last = Interlocked.Read(ref _lastRefreshTicks);
        if (now - last < _metadata.RefreshInterval.Ticks || Interlocked.CompareExchange(ref _lastRefreshTicks, now, last) != last) return null;
        _metadata.RequestRefresh();
        for (var i = 0; i < 50; i++)
        {
            var config = await _metadata.GetConfigurationAsync(ct);
            if (!ReferenceEquals(config, stale)) return config;
            await Task.Delay(100, ct);
        }
        return null;
    }

    private long _lastRefreshTicks;

    private JsonWebToken? Read(string token)
    {
        try
        {
            return _handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return null;
        }
    }

    /// <summary>
    /// The metadata, or the outage: an unreachable metadata endpoint is not the caller's fault and must not cost a fetch,
    /// a stack trace and a log line per request, so after a failure it is not tried for a while and warned about once
    /// a minute.
    /// </summary>
    private async Task<OpenIdConnectConfiguration> ConfigurationAsync(CancellationToken ct)
    {
        lock (_outageLock)
        {
            if (_metadataFailedAt is { } failedAt && _clock.GetUtcNow() - failedAt < MetadataRetryAfter)
                throw new TeamsMetadataUnavailableException(MetadataRetryAfter - (_clock.GetUtcNow() - failedAt));
        }
        try
        {
            var config = await _metadata.GetConfigurationAsync(ct);
            lock (_outageLock) _metadataFailedAt = null;
            return config;
        }
        catch (InvalidOperationException ex) when (!ct.IsCancellationRequested)
        {
            var now = _clock.GetUtcNow();
            bool warn;
            lock (_outageLock)
            {
                _metadataFailedAt = now;
                warn = _lastOutageWarning is not { } last || now - last >= WarningInterval;
                if (warn) _lastOutageWarning = now;
            }
            if (warn)
                _log.LogWarning("The Bot Framework OpenID metadata cannot be fetched ({Error}); Teams requests get 503 until it can",
                    (ex.InnerException ?? ex).Message);
            throw new TeamsMetadataUnavailableException(MetadataRetryAfter);
        }
    }

    private TokenValidationParameters Parameters(OpenIdConnectConfiguration config) => new()
    {
        ValidIssuers = _options.EffectiveIssuers,
        ValidAudience = _options.AppId,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        IssuerSigningKeys = config.SigningKeys,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ClockSkew = _options.ClockSkew,
    };

    /// <summary>The channels the signing key is endorsed for (the JWKS "endorsements" of the key with the token's kid).</summary>
    private static IReadOnlyList<string> Endorsements(OpenIdConnectConfiguration config, JsonWebToken? token)
    {
        var kid = token?.Kid;
        var key = config.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == kid);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value)) return [];
        return value switch
        {
            JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList(),
            IEnumerable<object> items => items.Select(i => i?.ToString()).OfType<string>().ToList(),
            string single => [single],
            _ => [],
        };
    }

    private ValidatedToken? Refuse(string reason)
    {
        _log.LogWarning("Teams request refused: {Reason}", reason);
        return null;
    }

    internal static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}

/// <summary>The token could not be checked because the OpenID metadata is unreachable; worth a retry later.</summary>
internal sealed class TeamsMetadataUnavailableException(TimeSpan retryAfter)
    : Exception("The Bot Framework OpenID metadata is unavailable")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>What a valid token says about the request it came with.</summary>
internal sealed record ValidatedToken(string? ServiceUrl, IReadOnlyList<string> Endorsements)
{
    /// <summary>The serviceUrl claim must equal the activity's serviceUrl, and the key must be endorsed for its channel.</summary>
    public string? MismatchWith(Activity activity)
    {
        if (ServiceUrl is null || !string.Equals(ServiceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return "serviceUrl claim does not match the activity";
        if (!string.IsNullOrEmpty(activity.ChannelId) && !Endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
            return "signing key is not endorsed for the activity's channel";
        return null;
    }
}
