using Buurtkracht.Core.Beheer;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Bot.Beheer.Login;

/// <summary>/beheer/login/microsoft: the login page's "Inloggen met Microsoft" button posts here and goes on to Microsoft.</summary>
[EnableRateLimiting(BeheerSetup.LoginRateLimit)]
public sealed class MicrosoftModel(IOptions<BeheerOptions> options) : BeheerPageModel
{
    public IActionResult OnGet() => Redirect("/beheer/login");

    public IActionResult OnPost() =>
        options.Value.Oidc.Enabled
            ? Challenge(new AuthenticationProperties { RedirectUri = "/beheer" }, BeheerMicrosoftSignIn.Scheme)
            : NotFound();
}
