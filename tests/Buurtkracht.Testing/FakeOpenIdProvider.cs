using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Buurtkracht.Testing;

/// <summary>The account the fake provider signs in next: its e-mail claim, email_verified (null: left out) and tenant.</summary>
public sealed record FakeOpenIdUser(string Email, bool? EmailVerified = true, string? TenantId = null);

/// <summary>
/// An in-process OpenID Connect provider on loopback (Kestrel, real HTTP) standing in for Microsoft Entra ID: discovery
/// document, signing keys (JWKS), an authorize endpoint that signs in <see cref="NextUser"/> at once, and a token endpoint
/// that checks the client secret and PKCE and answers an id_token signed with an RSA key made here.
/// </summary>
public sealed class FakeOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "beheer-test-client";
    public const string ClientSecret = "beheer-test-secret";
    public const string TenantId = "5b0c0000-0000-4000-8000-00000000a1b1";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "fake-oidc-key" };
    private readonly ConcurrentDictionary<string, (string Nonce, string RedirectUri, string Challenge, FakeOpenIdUser User)> _codes = new();
    private int _tokenRequests;

    private FakeOpenIdProvider(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    public static async Task<FakeOpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeOpenIdProvider(builder.Build());
        await fake._app.StartAsync();
        fake.BaseUrl = fake._app.Urls.First();
        return fake;
    }

    public string BaseUrl { get; private set; } = "";

    /// <summary>Who "logs in at Microsoft" on the next authorize request.</summary>
    public FakeOpenIdUser NextUser { get; set; } = new("someone@example.nl");

    /// <summary>Token requests that got an id_token.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>The Beheer:Oidc settings that point the service at this provider.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Beheer:Oidc:Authority"] = BaseUrl,
        ["Beheer:Oidc:ClientId"] = ClientId,
        ["Beheer:Oidc:ClientSecret"] = ClientSecret,
        ["Beheer:Oidc:TenantId"] = TenantId,
    };

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        switch (request.Method, request.Path.Value)
        {
            case ("GET", "/.well-known/openid-configuration"):
                await context.Response.WriteAsJsonAsync(new JsonObject
                {
                    ["issuer"] = BaseUrl,
                    ["authorization_endpoint"] = BaseUrl + "/authorize",
                    ["token_endpoint"] = BaseUrl + "/token",
                    ["jwks_uri"] = BaseUrl + "/keys",
                    ["response_types_supported"] = new JsonArray("code"),
                    ["subject_types_supported"] = new JsonArray("pairwise"),
                    ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                    ["code_challenge_methods_supported"] = new JsonArray("S256"),
                    ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
                });
                return;
            case ("GET", "/keys"):
                var rsa = _key.Rsa.ExportParameters(false);
                await context.Response.WriteAsJsonAsync(new JsonObject
                {
                    ["keys"] = new JsonArray(new JsonObject
                    {
                        ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = _key.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(rsa.Modulus), ["e"] = Base64UrlEncoder.Encode(rsa.Exponent),
                    }),
                });
                return;
            case ("GET", "/authorize"):
                Authorize(context);
                return;
            case ("POST", "/token"):
                await TokenAsync(context);
                return;
            default:
                context.Response.StatusCode = 404;
                return;
        }
    }

    private void Authorize(HttpContext context)
    {
        var q = context.Request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["redirect_uri"]))
        {
            context.Response.StatusCode = 400;
            return;
        }
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = (q["nonce"].ToString(), q["redirect_uri"].ToString(), q["code_challenge"].ToString(), NextUser);
        context.Response.Redirect(QueryStringAppend(q["redirect_uri"]!, ("code", code), ("state", q["state"].ToString())));
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(context.Request, form);
        if (clientId != ClientId || secret != ClientSecret)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "invalid_client" });
            return;
        }
        var verifier = form["code_verifier"].ToString();
        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var grant)
            || grant.RedirectUri != form["redirect_uri"]
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.Challenge)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["error"] = "invalid_grant" });
            return;
        }
        Interlocked.Increment(ref _tokenRequests);
        var claims = new Dictionary<string, object> { ["sub"] = "fake-subject-" + grant.User.Email, ["nonce"] = grant.Nonce, ["email"] = grant.User.Email };
        if (grant.User.EmailVerified is { } verified) claims["email_verified"] = verified;
        if (grant.User.TenantId is { } tenant) claims["tid"] = tenant;
        var now = DateTime.UtcNow;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = BaseUrl, Audience = ClientId, Claims = claims, IssuedAt = now, NotBefore = now.AddMinutes(-1), Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        await context.Response.WriteAsJsonAsync(new JsonObject
        {
            ["access_token"] = "fake-access-token", ["token_type"] = "Bearer", ["expires_in"] = 600, ["id_token"] = idToken,
        });
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
        }
        return (form["client_id"], form["client_secret"]);
    }

    private static string QueryStringAppend(string url, params (string Key, string Value)[] values) =>
        url + (url.Contains('?') ? "&" : "?") + string.Join("&", values.Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value)}"));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
