using Buurtkracht.Core.Beheer;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Beheer.Groepen;

/// <summary>
/// /beheer/groepen/email/{memberId} (coördinatoren only): the work e-mail address with which a moderator or coördinator
/// may sign in with Microsoft. Only members with a role have one.
/// </summary>
public sealed class EmailModel(BuurtkrachtDb db, TimeProvider clock) : BeheerPageModel
{
    /// <summary>Set the address; empty clears it.</summary>
    public sealed record Command(string? Email);

    public string DisplayName { get; private set; } = "";

    [BindProperty]
    public Command Input { get; set; } = new(null);

    public string? Problem { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(int memberId)
    {
        if (await FindAsync(memberId) is not { } member) return NotFound();
        DisplayName = member.DisplayName;
        Input = new Command(member.SignInEmail);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int memberId)
    {
        if (await FindAsync(memberId) is not { } member) return NotFound();
        DisplayName = member.DisplayName;
        var result = await SignInEmails.SetAsync(db, member, Input.Email, clock.GetUtcNow(), Viewer.AuditActor, HttpContext.RequestAborted);
        switch (result)
        {
            case SignInEmailResult.Invalid:
                Problem = T("Beheer.Groepen.Email.ThisIsNotAnEMail");
                return Page();
            case SignInEmailResult.InUse:
                Problem = T("Beheer.Groepen.Email.SomeoneElseAlreadySignsInWith");
                return Page();
            default:
                Done = result == SignInEmailResult.Cleared
                    ? T("Beheer.Groepen.Email.CanNoLongerSignInWith", member.DisplayName)
                    : T("Beheer.Groepen.Email.CanSignInWithMicrosoftWith", member.DisplayName);
                return Redirect("/beheer/groepen");
        }
    }

    private Task<Member?> FindAsync(int memberId) =>
        db.Members.SingleOrDefaultAsync(m => m.Id == memberId && m.Roles.Any(), HttpContext.RequestAborted);
}
