using System.Security.Claims;
using Buurtkracht.Core.Beheer;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Buurtkracht.Bot.Beheer;

/// <summary>
/// "Inloggen met Microsoft" (OpenID Connect, authorization code with PKCE): on only when Beheer:Oidc is configured. The
/// account is matched to a member by an e-mail address that a coördinator entered for them, and only when the token
/// vouches for that address (email_verified, or an Entra id token of the configured tenant); the session is then the
/// same cookie session a one-time link opens, with the roles reloaded on every request.
/// </summary>
public static class BeheerMicrosoftSignIn
{
    public const string Scheme = "Microsoft";
    public const string CallbackPath = "/beheer/signin-oidc";

    public static void AddBeheerMicrosoftSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        var oidc = configuration.GetSection("Beheer:Oidc").Get<BeheerOidcOptions>() ?? new();
        if (!oidc.Enabled) return;
        services.AddAuthentication().AddOpenIdConnect(Scheme, o =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            // Plain http only for a provider on this machine (tests); anything else must be https.
            o.RequireHttpsMetadata = !Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || !authority.IsLoopback;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // The answer comes back as a top-level GET, so the SameSite=Lax correlation cookies travel with it.
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CallbackPath = CallbackPath;
            o.SignInScheme = BeheerSetup.Scheme;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("email");
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.Events.OnTokenValidated = MatchMemberAsync;
            o.Events.OnRemoteFailure = context =>
            {
                var reason = context.Failure?.Message == NoMember ? "onbekend" : "mislukt";
                context.Response.Redirect("/beheer/login?microsoft=" + reason);
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    private const string NoMember = "No member with a role has this verified e-mail address.";

    /// <summary>Replaces the Microsoft identity by the member's session, or fails when no member with a role matches.</summary>
    private static async Task MatchMemberAsync(TokenValidatedContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<BeheerOptions>>().Value;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BeheerMicrosoftSignIn));
        var email = VerifiedEmail(context.Principal!, options.Oidc);
        var db = services.GetRequiredService<BuurtkrachtDb>();
        var memberId = email is null ? null
            : await db.Members.Where(m => m.SignInEmail == email).Select(m => (int?)m.Id).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        var viewer = memberId is { } id ? await BeheerViewer.LoadAsync(db, id, context.HttpContext.RequestAborted) : null;
        if (viewer is null)
        {
            log.LogInformation("Microsoft sign-in refused: {Reason}", email is null ? "no verified e-mail" : "no member with a role");
            context.Fail(NoMember);
            return;
        }
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(BeheerSetup.MemberIdClaim, viewer.MemberId.ToString())], BeheerSetup.Scheme));
        context.Properties!.IsPersistent = false;
        context.Properties.AllowRefresh = false;
        context.Properties.ExpiresUtc = services.GetRequiredService<TimeProvider>().GetUtcNow() + options.SessionLifetime;
        context.Properties.RedirectUri = "/beheer";
        log.LogInformation("Dashboard session opened with Microsoft");
    }

    /// <summary>
    /// The address the token vouches for, in lower case: with email_verified=true, or from an Entra id token of the
    /// configured tenant (Entra's id tokens carry no email_verified; within SWA's own tenant the address is managed by
    /// SWA's administrators). Otherwise null: an unverified address could be anybody's.
    /// </summary>
    internal static string? VerifiedEmail(ClaimsPrincipal principal, BeheerOidcOptions oidc)
    {
        var email = SignInEmails.Normalize(principal.FindFirstValue("email"));
        if (email is null) return null;
        var verified = string.Equals(principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase);
        var ownTenant = oidc.TenantId.Length > 0 && string.Equals(principal.FindFirstValue("tid"), oidc.TenantId, StringComparison.OrdinalIgnoreCase);
        return verified || ownTenant ? email : null;
    }
}
