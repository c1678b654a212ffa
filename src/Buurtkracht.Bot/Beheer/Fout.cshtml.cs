using Microsoft.AspNetCore.Mvc;

namespace Buurtkracht.Bot.Beheer;

/// <summary>
/// The friendly page for a 403, 404 and the like, shown in place of the status code's empty body. It is re-executed
/// with the failed request's method, so it answers posts too (a refused post must still show this page, not a 404).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class FoutModel : BeheerPageModel
{
    public void OnPost(int? code) => OnGet(code);

    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int? code)
    {
        (Title, Explanation) = code switch
        {
            403 => (L("Geen toegang", "No access"), L("Deze pagina is niet voor jou. Je ziet alleen de groepen waar je beheerder van bent.",
                "This page is not for you. You only see the groups you moderate.")),
            404 => (L("Niet gevonden", "Not found"), L("Deze pagina bestaat niet (meer).", "This page does not exist (any more).")),
            429 => (L("Even wachten", "Please wait"), L("Je probeerde het te vaak. Probeer het over een minuut opnieuw.",
                "Too many tries. Please try again in a minute.")),
            _ => (L("Er ging iets mis", "Something went wrong"), L("Probeer het later opnieuw.", "Please try again later.")),
        };
    }
}
