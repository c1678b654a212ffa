using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Buurtkracht.Bot.Beheer.Login;

/// <summary>/beheer/login/microsoft: the login page's "Inloggen met Microsoft" button posts here and goes on to Microsoft.</summary>
[EnableRateLimiting(BeheerSetup.LoginRateLimit)]
public sealed class MicrosoftModel(IConfiguration configuration) : BeheerPageModel
{
    public IActionResult OnGet() => Redirect("/beheer/login");

    public IActionResult OnPost() =>
        BeheerMicrosoftSignIn.IsEnabled(configuration)
            ? Challenge(new AuthenticationProperties { RedirectUri = "/beheer" }, BeheerMicrosoftSignIn.Scheme)
            : NotFound();
}
