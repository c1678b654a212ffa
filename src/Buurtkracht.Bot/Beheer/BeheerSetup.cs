using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Buurtkracht.Core.Beheer;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Bot.Beheer;

/// <summary>
/// The dashboard at /beheer: Razor Pages under this folder, a cookie session that the one-time links open, and the
/// access rules, decided on the server for every request from the roles stored at that moment.
/// </summary>
public static class BeheerSetup
{
    public const string Scheme = "Beheer";
    public const string MemberIdClaim = "buurtkracht:member";

    /// <summary>Any role: moderators see their own groups, coördinatoren everything.</summary>
    public const string AnyRolePolicy = "Beheer";

    /// <summary>Coördinatoren and admins only.</summary>
    public const string CoordinatorPolicy = "Beheer.Coordinator";

    public const string CoordinatorRole = "coordinator";
    public const string LoginRateLimit = "beheer-login";

    public static IServiceCollection AddBeheer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorPages(options =>
        {
            // Pages live in feature folders under Beheer/, so the URL mirrors the folder: Beheer/Meldingen → /beheer/meldingen.
            options.RootDirectory = "/";
            options.Conventions.AuthorizeFolder("/Beheer", AnyRolePolicy);
            options.Conventions.AllowAnonymousToFolder("/Beheer/Login");
            options.Conventions.AllowAnonymousToPage("/Beheer/Fout");
            options.Conventions.AuthorizeFolder("/Beheer/Activiteiten", CoordinatorPolicy);
            options.Conventions.AuthorizeFolder("/Beheer/Omroep", CoordinatorPolicy);
            options.Conventions.AuthorizePage("/Beheer/Groepen/Email", CoordinatorPolicy);
            options.Conventions.AuthorizeFolder("/Beheer/Logboek", CoordinatorPolicy);
            options.Conventions.AuthorizeFolder("/Beheer/Berichten", CoordinatorPolicy);
        });
        services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "beheer.af";
            o.Cookie.Path = "/beheer";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthentication(Scheme).AddCookie(Scheme, _ => { });
        services.AddBeheerMicrosoftSignIn(configuration);
        services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<BeheerOptions>>((cookie, beheer) =>
        {
            cookie.Cookie.Name = "beheer.sessie";
            cookie.Cookie.Path = "/beheer";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = beheer.Value.SessionLifetime;
            // A session ends after its lifetime, however busy: a stolen cookie does not live on.
            cookie.SlidingExpiration = false;
            cookie.LoginPath = "/beheer/login";
            cookie.Events.OnValidatePrincipal = LoadViewerAsync;
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(AnyRolePolicy, p => p.AddAuthenticationSchemes(Scheme).RequireClaim(MemberIdClaim))
            .AddPolicy(CoordinatorPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(CoordinatorRole));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(LoginRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    public static void UseBeheer(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/beheer"), branch =>
        {
            // Behind a reverse proxy on this machine that ends TLS (the usual set-up for Beheer:PublicBaseUrl), the
            // request comes in as http: take the scheme and the visitor's address from the proxy, so the cookies are
            // Secure and the login rate limit counts per visitor, not for the proxy. Only a loopback proxy is believed.
            branch.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
            branch.Use(async (context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(app.Services.GetRequiredService<IOptions<BeheerOptions>>().Value);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                // The login link carries its token in the path: never hand it to another site.
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-store";
                await next();
            });
            branch.UseStatusCodePagesWithReExecute("/beheer/fout", "?code={0}");
        });
        // Routing after the status code pages, so a re-executed request is routed again to the error page.
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapRazorPages();
    }

    /// <summary>Scripts and styles only from this service (no inline code, no CDN); map tiles from the configured server.</summary>
    private static string ContentSecurityPolicy(BeheerOptions options) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: " + TileOrigin(options) +
        "; connect-src 'self'; frame-ancestors 'none'; form-action 'self'" + SignInOrigin(options) + "; base-uri 'none'; object-src 'none'";

    /// <summary>The "Inloggen met Microsoft" form's post is answered with a redirect to the provider, which form-action governs.</summary>
    private static string SignInOrigin(BeheerOptions options) =>
        options.Oidc.Enabled && Uri.TryCreate(options.Oidc.Authority, UriKind.Absolute, out var authority) ? " " + authority.GetLeftPart(UriPartial.Authority) : "";

    private static string TileOrigin(BeheerOptions options) =>
        Uri.TryCreate(options.MapTiles, UriKind.Absolute, out var tiles) ? tiles.GetLeftPart(UriPartial.Authority) : "";

    /// <summary>The session is opened for a member; what they may see comes from their roles now, on each request.</summary>
    private static async Task LoadViewerAsync(CookieValidatePrincipalContext context)
    {
        if (!int.TryParse(context.Principal?.FindFirstValue(MemberIdClaim), out var memberId))
        {
            context.RejectPrincipal();
            return;
        }
        var db = context.HttpContext.RequestServices.GetRequiredService<BuurtkrachtDb>();
        var viewer = await BeheerViewer.LoadAsync(db, memberId, context.HttpContext.RequestAborted);
        if (viewer is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }
        context.HttpContext.Items[typeof(BeheerViewer)] = viewer;
        var identity = new ClaimsIdentity(Scheme);
        identity.AddClaim(new Claim(MemberIdClaim, memberId.ToString()));
        if (viewer.SeesAll) identity.AddClaim(new Claim(ClaimTypes.Role, CoordinatorRole));
        context.ReplacePrincipal(new ClaimsPrincipal(identity));
    }

    /// <summary>Opens a session for the member; the caller has checked the login link.</summary>
    public static Task SignInAsync(HttpContext context, int memberId, BeheerOptions options)
    {
        var identity = new ClaimsIdentity([new Claim(MemberIdClaim, memberId.ToString())], Scheme);
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IsPersistent = false, ExpiresUtc = DateTimeOffset.UtcNow + options.SessionLifetime, AllowRefresh = false,
        });
    }
}
