using System.Net.Mail;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Beheer;

/// <summary>How setting a member's sign-in e-mail went.</summary>
public enum SignInEmailResult
{
    Saved,
    Cleared,
    Unchanged,
    Invalid,

    /// <summary>Another member already signs in with this address.</summary>
    InUse,
}

/// <summary>
/// The e-mail addresses coördinatoren enter for members, so those members can sign in to the dashboard with Microsoft.
/// The address is only a match key for a verified sign-in; it is never used to send mail.
/// </summary>
public static class SignInEmails
{
    /// <summary>Sets (or with an empty value clears) the member's address, audited without the address itself.</summary>
    public static async Task<SignInEmailResult> SetAsync(
        BuurtkrachtDb db, Member member, string? email, DateTimeOffset at, string actor, CancellationToken ct)
    {
        var normalized = Normalize(email);
        if (normalized is null && !string.IsNullOrWhiteSpace(email)) return SignInEmailResult.Invalid;
        if (normalized == member.SignInEmail) return SignInEmailResult.Unchanged;
        if (normalized is not null && await db.Members.AnyAsync(m => m.SignInEmail == normalized && m.Id != member.Id, ct))
            return SignInEmailResult.InUse;

        member.SignInEmail = normalized;
        // The audit names the member, not the address: the trail holds no personal data.
        AuditLog.Record(db, at, actor, normalized is null ? AuditActions.SignInEmailCleared : AuditActions.SignInEmailSet, AuditLog.Who(member));
        await db.SaveChangesAsync(ct);
        return normalized is null ? SignInEmailResult.Cleared : SignInEmailResult.Saved;
    }

    /// <summary>A plain address in lower case, or null when it is empty or not one address.</summary>
    public static string? Normalize(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 256) return null;
        return MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed && address.DisplayName.Length == 0
            ? trimmed.ToLowerInvariant()
            : null;
    }
}
