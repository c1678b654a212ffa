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
            403 => (T("Beheer.Fout.NoAccess"), T("Beheer.Fout.ThisPageIsNotForYou")),
            404 => (T("Beheer.Fout.NotFound"), T("Beheer.Fout.ThisPageDoesNotExistAny")),
            429 => (T("Beheer.Fout.PleaseWait"), T("Beheer.Fout.TooManyTriesPleaseTryAgain")),
            _ => (T("Beheer.Fout.SomethingWentWrong"), T("Beheer.Fout.PleaseTryAgainLater")),
        };
    }
}
