#pragma warning disable EF1001 // DesignTimeServicesBuilder: the same internal API `dotnet ef dbcontext optimize` uses.
using System.Reflection;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Design.Internal;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests.Persistence;

/// <summary>
/// The service runs on the compiled models in src/Buurtkracht.Core/Persistence/CompiledModels (start-up without building
/// the model). They are generated code, so after an entity or configuration change they would silently describe the old
/// model: this regenerates each one in memory, from the entity configurations, exactly as `dotnet ef dbcontext optimize`
/// does, and compares it with the checked-in files. No database is needed for either provider.
/// </summary>
public class CompiledModelTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql];

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_checked_in_compiled_model_is_what_the_entity_configurations_generate_now(DatabaseProvider provider)
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Buurtkracht.Core", "Persistence", "CompiledModels", provider.ToString());
        var output = Directory.CreateTempSubdirectory("bk-compiled-model-");
        Dictionary<string, string> generated;
        try
        {
            generated = Generate(provider, output.FullName)
                // Automatic discovery is removed by regenerate.sh: CoreServices picks the model by provider.
                .Where(f => !f.EndsWith("AssemblyAttributes.cs", StringComparison.Ordinal))
                .ToDictionary(f => Path.GetFileName(f), f => Normalize(File.ReadAllText(f)));
        }
        finally
        {
            output.Delete(recursive: true);
        }
        var checkedIn = Directory.GetFiles(folder, "*.cs").ToDictionary(f => Path.GetFileName(f), f => Normalize(File.ReadAllText(f)));

        const string fix = "run `sh src/Buurtkracht.Core/Persistence/CompiledModels/regenerate.sh` and commit the result";
        Assert.True(generated.Keys.Order().SequenceEqual(checkedIn.Keys.Order()),
            $"The {provider} compiled model's files differ: missing {string.Join(", ", generated.Keys.Except(checkedIn.Keys!))}, "
            + $"extra {string.Join(", ", checkedIn.Keys.Except(generated.Keys))}; {fix}.");
        var stale = generated.Where(f => checkedIn[f.Key] != f.Value).Select(f => f.Key).ToList();
        Assert.True(stale.Count == 0, $"The {provider} compiled model is out of date in {string.Join(", ", stale)} "
            + $"(first difference: {string.Join("; ", stale.Select(f => FirstDifference(checkedIn[f], generated[f])))}); {fix}.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_service_uses_the_compiled_model_of_its_provider(DatabaseProvider provider)
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider.ToString() };
        if (provider == DatabaseProvider.PostgreSql) settings["ConnectionStrings:Buurtkracht"] = "Host=localhost;Database=unused";
        else settings["ConnectionStrings:Buurtkracht"] = $"Data Source={Path.Combine(Path.GetTempPath(), "bk-compiled-model-unused.db")}";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddLogging().AddBuurtkrachtCore(configuration).BuildServiceProvider();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();

        // By name: regenerate.sh builds this project without the compiled models.
        var model = typeof(BuurtkrachtDb).Assembly.GetType($"Buurtkracht.Core.Persistence.CompiledModels.{provider}.BuurtkrachtDbModel");
        Assert.NotNull(model);
        Assert.Same(model.GetProperty("Instance")!.GetValue(null), db.Model);
        Assert.Equal(provider == DatabaseProvider.PostgreSql ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite",
            db.Database.ProviderName);
    }

    private static IReadOnlyList<string> Generate(DatabaseProvider provider, string folder)
    {
        using var context = DesignTimeDbFactory.Create(provider);
        var assembly = typeof(BuurtkrachtDb).Assembly;
        var design = new DesignTimeServicesBuilder(assembly, Assembly.GetExecutingAssembly(), new OperationReporter(null), [])
            .Build(context);
        using var scope = design.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ICompiledModelScaffolder>().ScaffoldModel(
            context.GetService<IDesignTimeModel>().Model,
            folder,
            new CompiledModelCodeGenerationOptions
            {
                ContextType = typeof(BuurtkrachtDb),
                ModelNamespace = $"Buurtkracht.Core.Persistence.CompiledModels.{provider}",
                Language = "C#",
                UseNullableReferenceTypes = true,
            });
    }

    private static string FirstDifference(string checkedIn, string generated)
    {
        var (a, b) = (checkedIn.Split('\n'), generated.Split('\n'));
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        return $"line {line + 1}: checked in \"{(line < a.Length ? a[line].Trim() : "")}\", generated \"{(line < b.Length ? b[line].Trim() : "")}\"";
    }

    // The model id is a new Guid at every generation; everything else is determined by the model.
    private static string Normalize(string code) => System.Text.RegularExpressions.Regex.Replace(
        code.TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd(), "modelId: new Guid\\(\"[0-9a-f-]+\"\\)", "modelId: <any>");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Buurtkracht.Bot.sln"))) return dir.FullName;
        throw new InvalidOperationException("Buurtkracht.Bot.sln not found above the test's folder.");
    }
}
