using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Buurtkracht.Core.Tests.Persistence;

/// <summary>
/// For `dotnet ef dbcontext optimize` (the compiled models in src/Buurtkracht.Core/Persistence/CompiledModels) and for
/// <see cref="CompiledModelTests"/>: a context on the provider named by the first argument ("Sqlite" or "PostgreSql"),
/// built from the entity configurations, never from a compiled model. No database is opened.
/// </summary>
public sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<BuurtkrachtDb>
{
    public BuurtkrachtDb CreateDbContext(string[] args) => Create(
        args.Length > 0 && Enum.TryParse<DatabaseProvider>(args[0], ignoreCase: true, out var provider) ? provider : DatabaseProvider.Sqlite);

    public static BuurtkrachtDb Create(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<BuurtkrachtDb>();
        if (provider == DatabaseProvider.PostgreSql) options.UseNpgsql("Host=localhost;Database=design_time");
        else options.UseSqlite("Data Source=:memory:");
        return new BuurtkrachtDb(options.Options);
    }
}
