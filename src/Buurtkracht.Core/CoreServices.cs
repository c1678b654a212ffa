using Buurtkracht.Core.Beheer;
using Buurtkracht.Core.Broadcasts;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Digests;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Privacy;
using Buurtkracht.Core.Questionnaires;
using Buurtkracht.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Runtime.CompilerServices;

namespace Buurtkracht.Core;

public static class CoreServices
{
    /// <summary>The engine, the features, the outbox, the database and the scheduler. Channels are added by their projects.</summary>
    public static IServiceCollection AddBuurtkrachtCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<ConversationOptions>(configuration.GetSection("Conversations"));
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));

        var (provider, connectionString) = AddDatabase(services, configuration);
        // Before Quartz: the initializer hands its work to the thread pool at once, so the model build, migrations and
        // seed run while Quartz checks its schema and Kestrel starts, instead of after them (both on /health's path).
        services.AddHostedService<DatabaseInitializer>();
        SchedulingSetup.AddScheduling(services, provider, connectionString);

        services.AddSingleton<ServiceReadiness>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Channels>();
        services.AddSingleton<BotRegistry>();
        services.AddSingleton<ICommandCatalog>(sp => sp.GetRequiredService<BotRegistry>());
        services.AddSingleton<DialogRunner>();
        services.AddSingleton<PlatformFactFetcher>();
        services.AddSingleton<ConversationEngine>();
        services.AddSingleton<IInboundHandler>(sp => sp.GetRequiredService<ConversationEngine>());
        services.AddSingleton<GroupLifecycle>();
        services.AddSingleton<BuurtService>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<DatabaseLeases>();
        services.AddSingleton<OutboxAdmin>();

        services.AddSingleton(MemberCommands.Start);
        services.AddSingleton(MemberCommands.Help);
        services.AddSingleton(MemberCommands.Language);
        services.AddSingleton(MemberCommands.Privacy);
        services.AddSingleton<Dialog, LanguageDialog>();
        services.AddSingleton<IChoiceHandler, CommandChoiceHandler>();
        services.AddSingleton(BotCommand.StartsDialog("koppel", GroupTexts.LinkDescription, CommandScope.Group, LinkGroupDialog.DialogName, CommandAudience.GroupAdmins));
        services.AddSingleton<Dialog, LinkGroupDialog>();
        services.AddMeldingen(configuration);
        services.AddEvents(configuration);
        services.AddBroadcasts(configuration);
        services.AddDigests(configuration);
        services.AddQuestionnaires(configuration);
        services.Configure<BeheerOptions>(configuration.GetSection("Beheer"));
        services.AddSingleton<BeheerLinks>();
        services.AddPrivacy(configuration);
        services.AddSingleton(BeheerCommand.Command);

        // The dispatcher and the engine wait for ServiceReadiness, so they need not start after the initializer is done.
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        services.AddSingleton<CommandMenuSync>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandMenuSync>());
        return services;
    }

    private static (DatabaseProvider, string) AddDatabase(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection("Database"));
        var databaseOptions = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var (provider, connectionString, sqliteFile, _) = DatabaseLocation.Resolve(configuration);
        if (sqliteFile is not null) Directory.CreateDirectory(Path.GetDirectoryName(sqliteFile)!);

        services.AddPooledDbContextFactory<BuurtkrachtDb>(options =>
        {
            if (provider == DatabaseProvider.PostgreSql) UsePostgreSql(options, connectionString);
            else UseSqlite(options, connectionString, databaseOptions.BusyTimeout);
            // Migrations are written by hand (no design-time tooling here), so there is no model snapshot to compare.
            options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<BuurtkrachtDb>>().CreateDbContext());
        return (provider, connectionString);
    }

    // One method per provider, never inlined: the JIT loads the assembly of every method a method calls when it compiles
    // it, so with both providers in one lambda a SQLite service also loaded Npgsql and its EF Core provider at start.
    // The compiled models (Persistence/CompiledModels, one per provider, regenerate.sh there) spare building the model
    // from the entity configurations at start; CompiledModelTests fails when one is out of date.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UsePostgreSql(DbContextOptionsBuilder options, string connectionString)
    {
        options.UseNpgsql(connectionString);
#if !WITHOUT_COMPILED_MODELS
        options.UseModel(Persistence.CompiledModels.PostgreSql.BuurtkrachtDbModel.Instance);
#endif
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UseSqlite(DbContextOptionsBuilder options, string connectionString, TimeSpan busyTimeout)
    {
        options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas(busyTimeout));
#if !WITHOUT_COMPILED_MODELS
        options.UseModel(Persistence.CompiledModels.Sqlite.BuurtkrachtDbModel.Instance);
#endif
    }
}
