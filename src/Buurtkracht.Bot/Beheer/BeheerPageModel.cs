using Buurtkracht.Core.Beheer;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Buurtkracht.Bot.Beheer;

/// <summary>
/// What every dashboard page needs: the viewer the session belongs to (loaded for this request by
/// <see cref="BeheerSetup"/>) and the Dutch or English label.
/// </summary>
public abstract class BeheerPageModel : PageModel
{
    /// <summary>The logged-in viewer; only null on the anonymous pages (login, error).</summary>
    public BeheerViewer? CurrentViewer => HttpContext.Items[typeof(BeheerViewer)] as BeheerViewer;

    public BeheerViewer Viewer => CurrentViewer ?? throw new InvalidOperationException("No dashboard session on this request.");

    public string Language => CurrentViewer?.Language ?? "nl";

    /// <summary>The label in the viewer's language: Dutch, or English for people who chose it.</summary>
    public string L(string dutch, string english) => Language == "en" ? english : dutch;
}
