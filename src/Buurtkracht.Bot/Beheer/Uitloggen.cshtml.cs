using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Buurtkracht.Bot.Beheer;

/// <summary>Ends the session; only by a form post, so a link or an image elsewhere cannot log anyone out.</summary>
public sealed class UitloggenModel : BeheerPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(BeheerSetup.Scheme);
        return Redirect("/beheer/login?uitgelogd=ja");
    }
}
