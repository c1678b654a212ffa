using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Persistence;

/// <summary>A named right to do something alone (such as dispatching the outbox), held by one instance until it expires.</summary>
public sealed class Lease
{
    public string Name { get; set; } = "";
    public string Holder { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>An ASP.NET Core Data Protection key ring element, shared by every instance through the database.</summary>
public sealed class DataProtectionKey
{
    public int Id { get; set; }
    public string? FriendlyName { get; set; }
    public string Xml { get; set; } = "";
}

internal sealed class ScaleOutConfiguration : IEntityTypeConfiguration<Lease>, IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Lease> lease)
    {
        lease.ToTable("Leases");
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(64);
        lease.Property(l => l.Holder).HasMaxLength(128);
    }

    public void Configure(EntityTypeBuilder<DataProtectionKey> key)
    {
        key.ToTable("DataProtectionKeys");
        key.Property(k => k.FriendlyName).HasMaxLength(256);
    }
}

/// <summary>
/// Takes, renews and gives back a <see cref="Lease"/> in one statement each, so two instances asking at the same moment
/// cannot both get it: the upsert only overwrites a row that is this holder's own or has expired.
/// </summary>
public sealed class DatabaseLeases(TimeProvider clock)
{
    /// <summary>This process, as lease holder: unique per start, readable in the table.</summary>
    public string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>True when this instance holds <paramref name="name"/> for <paramref name="duration"/> from now.</summary>
    public async Task<bool> TryHoldAsync(BuurtkrachtDb db, string name, TimeSpan duration, CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)duration.TotalMilliseconds;
        var holder = Holder;
        var rows = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Leases" ("Name", "Holder", "ExpiresAt") VALUES ({name}, {holder}, {expires})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAt" = excluded."ExpiresAt"
            WHERE "Leases"."Holder" = excluded."Holder" OR "Leases"."ExpiresAt" < {now}
            """, ct);
        return rows == 1;
    }

    /// <summary>Gives the lease back at a clean stop, so another instance takes over at once instead of after expiry.</summary>
    public Task ReleaseAsync(BuurtkrachtDb db, string name, CancellationToken ct)
    {
        var holder = Holder;
        return db.Database.ExecuteSqlAsync($"""DELETE FROM "Leases" WHERE "Name" = {name} AND "Holder" = {holder}""", ct);
    }
}
