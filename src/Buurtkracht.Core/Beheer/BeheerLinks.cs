using System.Security.Cryptography;
using System.Text;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Beheer;

/// <summary>Why a login link did not work; each gets the same friendly page, the log tells them apart.</summary>
public enum LoginLinkProblem
{
    Unknown,
    Used,
    Expired,
    NoRole,
}

/// <summary>The result of redeeming a login link: the member it logs in, or why not.</summary>
public readonly record struct LoginLinkResult(int? MemberId, LoginLinkProblem? Problem)
{
    public bool Succeeded => MemberId is not null;
}

/// <summary>
/// Issues and redeems the one-time dashboard login links (256-bit random tokens, stored as a hash, single use). The
/// chat command /beheer and the CLI verb both issue through here.
/// </summary>
public sealed class BeheerLinks(IOptions<BeheerOptions> options, TimeProvider clock)
{
    public const string LoginPath = "/beheer/login/";

    /// <summary>
    /// A new token for a member who holds a role (moderator, coördinator or admin), added to the caller's unit of work;
    /// null when the member holds none or is a web chat visitor.
    /// </summary>
    public async Task<string?> IssueAsync(BuurtkrachtDb db, int memberId, CancellationToken ct = default)
    {
        if (!await HoldsRoleAsync(db, memberId, ct)) return null;
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        db.Set<BeheerLoginToken>().Add(new BeheerLoginToken
        {
            MemberId = memberId, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + options.Value.LinkLifetime,
        });
        return token;
    }

    /// <summary>The full link for a token, on the configured public address or else <paramref name="fallbackBaseUrl"/>.</summary>
    public string LinkFor(string token, string? fallbackBaseUrl = null)
    {
        var baseUrl = options.Value.PublicBaseUrl is { Length: > 0 } configured ? configured : fallbackBaseUrl ?? "http://localhost:5000";
        return baseUrl.TrimEnd('/') + LoginPath + token;
    }

    /// <summary>Marks the token used and returns its member; the database decides, so a link works once even under a race.</summary>
    public async Task<LoginLinkResult> RedeemAsync(BuurtkrachtDb db, string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return new(null, LoginLinkProblem.Unknown);
        var hash = Hash(token);
        var row = await db.Set<BeheerLoginToken>().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (row is null) return new(null, LoginLinkProblem.Unknown);
        if (row.UsedAt is not null) return new(null, LoginLinkProblem.Used);
        var now = clock.GetUtcNow();
        if (row.ExpiresAt <= now) return new(null, LoginLinkProblem.Expired);

        var claimed = await db.Set<BeheerLoginToken>()
            .Where(t => t.Id == row.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), ct);
        if (claimed == 0) return new(null, LoginLinkProblem.Used);
        // A role revoked after the link was made must not log in.
        return await HoldsRoleAsync(db, row.MemberId, ct) ? new(row.MemberId, null) : new(null, LoginLinkProblem.NoRole);
    }

    private static Task<bool> HoldsRoleAsync(BuurtkrachtDb db, int memberId, CancellationToken ct) =>
        db.RoleAssignments.AnyAsync(r => r.MemberId == memberId && r.Member!.Channel != ChannelKind.WebChat, ct);

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
