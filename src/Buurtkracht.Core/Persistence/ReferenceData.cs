using Buurtkracht.Core.Groups;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Persistence;

/// <summary>Seeds what a fresh database needs; safe to run on every start.</summary>
public static class ReferenceData
{
    /// <summary>The buurten of Alblasserdam that Buurtkracht works in, in button order.</summary>
    public static readonly IReadOnlyList<string> Buurten =
    [
        "Staatsliedenbuurt", "Schildersbuurt", "Oranjebuurt", "Kinderdijk", "Souburgh", "Blokweer", "Centrum",
    ];

    public static async Task SeedAsync(BuurtkrachtDb db, CancellationToken ct)
    {
        // One untracked query: it runs on every start, where EF Core compiles each query the first time, and on every
        // start but the first there is nothing to add.
        var existing = await db.Buurten.AsNoTracking().Select(b => new { b.Name, b.IsDemo }).ToListAsync(ct);
        var order = 0;
        foreach (var name in Buurten)
        {
            order++;
            if (!existing.Any(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase)))
                db.Buurten.Add(new Buurt { Name = name, SortOrder = order });
        }
        // The web chat's demo group links here and nowhere else; the name is reserved for it.
        var demo = existing.FirstOrDefault(b => string.Equals(b.Name, Buurt.DemoName, StringComparison.Ordinal));
        if (demo is null) db.Buurten.Add(new Buurt { Name = Buurt.DemoName, SortOrder = 1000, IsDemo = true });
        else if (!demo.IsDemo)
            await db.Buurten.Where(b => b.Name == Buurt.DemoName).ExecuteUpdateAsync(b => b.SetProperty(x => x.IsDemo, true), ct);
        if (db.ChangeTracker.HasChanges()) await db.SaveChangesAsync(ct);
    }
}
