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
                Problem = L("Dit is geen e-mailadres. Typ het zo: naam@swa-alblasserdam.nl", "This is not an e-mail address. Type it like this: name@example.nl");
                return Page();
            case SignInEmailResult.InUse:
                Problem = L("Iemand anders logt al in met dit e-mailadres.", "Someone else already signs in with this e-mail address.");
                return Page();
            default:
                Done = result == SignInEmailResult.Cleared
                    ? L($"{member.DisplayName} kan niet meer inloggen met Microsoft.", $"{member.DisplayName} can no longer sign in with Microsoft.")
                    : L($"{member.DisplayName} kan inloggen met Microsoft met dit e-mailadres.", $"{member.DisplayName} can sign in with Microsoft with this address.");
                return Redirect("/beheer/groepen");
        }
    }

    private Task<Member?> FindAsync(int memberId) =>
        db.Members.SingleOrDefaultAsync(m => m.Id == memberId && m.Roles.Any(), HttpContext.RequestAborted);
}
