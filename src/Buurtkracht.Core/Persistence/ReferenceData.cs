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
        var existing = await db.Buurten.Select(b => b.Name).ToListAsync(ct);
        var order = 0;
        foreach (var name in Buurten)
        {
            order++;
            if (!existing.Contains(name, StringComparer.OrdinalIgnoreCase))
                db.Buurten.Add(new Buurt { Name = name, SortOrder = order });
        }
        // The web chat's demo group links here and nowhere else; the name is reserved for it.
        var demo = await db.Buurten.FirstOrDefaultAsync(b => b.Name == Buurt.DemoName, ct);
        if (demo is null) db.Buurten.Add(new Buurt { Name = Buurt.DemoName, SortOrder = 1000, IsDemo = true });
        else demo.IsDemo = true;
        await db.SaveChangesAsync(ct);
    }
}
