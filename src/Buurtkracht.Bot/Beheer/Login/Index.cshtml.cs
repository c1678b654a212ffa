using Buurtkracht.Core.Beheer;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Bot.Beheer.Login;

/// <summary>
/// Opens a session from a one-time link (/beheer/login/{token}); without a token, or with one that no longer works,
/// it says how to get a new link.
/// </summary>
[EnableRateLimiting(BeheerSetup.LoginRateLimit)]
public sealed class IndexModel(BuurtkrachtDb db, BeheerLinks links, IOptions<BeheerOptions> options, ILogger<IndexModel> log)
    : BeheerPageModel
{
    public LoginLinkProblem? Problem { get; private set; }
    public bool LoggedOut { get; private set; }

    /// <summary>"Inloggen met Microsoft" is offered (Beheer:Oidc is configured).</summary>
    public bool OffersMicrosoft => options.Value.Oidc.Enabled;

    /// <summary>Why a Microsoft sign-in did not open a session: "onbekend" (no member matched) or "mislukt".</summary>
    public string? MicrosoftProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? token, string? uitgelogd, string? microsoft)
    {
        LoggedOut = uitgelogd is not null;
        MicrosoftProblem = microsoft is "onbekend" or "mislukt" ? microsoft : null;
        if (string.IsNullOrEmpty(token)) return Page();

        var result = await links.RedeemAsync(db, token, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            Problem = result.Problem;
            log.LogInformation("Dashboard login link refused: {Problem}", result.Problem);
            return Page();
        }
        await BeheerSetup.SignInAsync(HttpContext, result.MemberId!.Value, options.Value);
        log.LogInformation("Dashboard session opened");
        return Redirect("/beheer");
    }
}
