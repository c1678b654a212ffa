using System.Globalization;
using Buurtkracht.Core.Beheer;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Texts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Buurtkracht.Bot.Beheer;

/// <summary>
/// What every dashboard page needs: the viewer the session belongs to (loaded for this request by
/// <see cref="BeheerSetup"/>) and its labels in the viewer's language.
/// </summary>
public abstract class BeheerPageModel : PageModel
{
    /// <summary>The logged-in viewer; only null on the anonymous pages (login, error).</summary>
    public BeheerViewer? CurrentViewer => HttpContext.Items[typeof(BeheerViewer)] as BeheerViewer;

    public BeheerViewer Viewer => CurrentViewer ?? throw new InvalidOperationException("No dashboard session on this request.");

    public string Language => CurrentViewer?.Language ?? Languages.Dutch;

    /// <summary>"rtl" for Arabic, "ltr" otherwise: the page's dir attribute.</summary>
    public string Direction => (Languages.Find(Language) ?? Languages.Default).Direction;

    /// <summary>The viewer's culture for dates and numbers (nl-NL, en-GB, ar, tr-TR, uk-UA, pl-PL).</summary>
    public CultureInfo Culture => Languages.CultureOf(Language);

    /// <summary>The label with this key (Texts/{language}.po) in the viewer's language, placeholders filled in their culture.</summary>
    public string T(string key, params object?[] args) => TextCatalog.Shared.Format(Language, key, args);
}
