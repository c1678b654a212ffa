using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Questionnaires;

/// <summary>
/// A resident who wants the buurtpeilingen of one buurt privately. Opting out deletes the row: no history of who once
/// opted in is kept.
/// </summary>
public sealed class QuestionnaireOptIn
{
    public int MemberId { get; set; }
    public int BuurtId { get; set; }
    public DateTimeOffset OptedInAt { get; set; }
}

/// <summary>Reading and changing the opt-ins. Changes are saved at once, so the overview that follows reads them.</summary>
public static class QuestionnaireOptIns
{
    /// <summary>The buurten one can opt in for: the seeded ones, in button order (not those a group typed in as "andere buurt").</summary>
    public static async Task<List<Buurt>> BuurtenAsync(BuurtkrachtDb db, CancellationToken ct = default)
    {
        var all = await db.Buurten.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ToListAsync(ct);
        return all.Where(b => ReferenceData.Buurten.Contains(b.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    public static Task<List<int>> BuurtIdsOfAsync(BuurtkrachtDb db, int memberId, CancellationToken ct = default) =>
        db.Set<QuestionnaireOptIn>().Where(o => o.MemberId == memberId).Select(o => o.BuurtId).ToListAsync(ct);

    /// <summary>Opts the member in; false when they already were (a second press changes nothing).</summary>
    public static async Task<bool> OptInAsync(BuurtkrachtDb db, Member member, int buurtId, DateTimeOffset now, CancellationToken ct = default)
    {
        // A person whose first message this is has no key yet; the row needs it.
        if (member.Id == 0) await db.SaveChangesAsync(ct);
        var set = db.Set<QuestionnaireOptIn>();
        if (await set.AnyAsync(o => o.MemberId == member.Id && o.BuurtId == buurtId, ct)) return false;
        set.Add(new QuestionnaireOptIn { MemberId = member.Id, BuurtId = buurtId, OptedInAt = now });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Deletes the opt-in; false when there was none.</summary>
    public static async Task<bool> OptOutAsync(BuurtkrachtDb db, Member member, int buurtId, CancellationToken ct = default)
    {
        if (member.Id == 0 || await db.Set<QuestionnaireOptIn>().FindAsync([member.Id, buurtId], ct) is not { } row) return false;
        db.Remove(row);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The opted-in members of a buurt that a private message can reach now, each once.</summary>
    public static Task<List<Member>> ReachableMembersAsync(BuurtkrachtDb db, int buurtId, CancellationToken ct = default) =>
        db.Members
            .Where(m => db.Set<QuestionnaireOptIn>().Any(o => o.MemberId == m.Id && o.BuurtId == buurtId))
            .Where(m => m.PrivateChatId != null && !m.PrivateChatUnreachable)
            .OrderBy(m => m.Id)
            .ToListAsync(ct);
}

internal sealed class QuestionnaireOptInConfiguration : IEntityTypeConfiguration<QuestionnaireOptIn>
{
    public void Configure(EntityTypeBuilder<QuestionnaireOptIn> b)
    {
        b.ToTable("QuestionnaireOptIns");
        // The pair is the key: one row per person and buurt, and nothing else to identify it by.
        b.HasKey(x => new { x.MemberId, x.BuurtId });
        b.HasOne<Member>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Buurt>().WithMany().HasForeignKey(x => x.BuurtId).OnDelete(DeleteBehavior.Cascade);
    }
}
