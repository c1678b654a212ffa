using System.CommandLine;
using Buurtkracht.Core;
using Buurtkracht.Core.Persistence;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Bot.Cli;

/// <summary>What every verb shares: the global options and the way to the service's database.</summary>
internal sealed class CliContext(IDictionary<string, string?>? configOverrides)
{
    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "Connection string to use instead of ConnectionStrings:Buurtkracht from the configuration.",
        HelpName = "connection-string",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print machine-readable JSON to stdout instead of text.",
        Recursive = true,
    };

    /// <summary>
    /// A host with the service's configuration sources and Core registrations that is never started: the outbox
    /// dispatcher and Quartz stay off, so the CLI can run beside the live service. Core is registered whole rather than
    /// its database part alone so the CLI gets the same SQLite path handling and pragmas (busy timeout) as the service.
    /// </summary>
    public async Task<CliDatabase> OpenDatabaseAsync(ParseResult parse, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = StartupDefaults.ContentRoot([]) });
        builder.Configuration.AddJsonFile("appsettings.Local.json", optional: true, reloadOnChange: false);
        builder.Configuration.AddEnvironmentVariables();
        if (configOverrides is not null) builder.Configuration.AddInMemoryCollection(configOverrides);
        if (parse.GetValue(Connection) is { Length: > 0 } connection)
            builder.Configuration.AddInMemoryCollection([new($"ConnectionStrings:{DatabaseOptions.ConnectionStringName}", connection)]);

        // Warnings only, and on stderr, so --json output on stdout stays parseable.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.PostConfigure<LoggerFilterOptions>(o =>
        {
            o.Rules.Clear();
            o.MinLevel = LogLevel.Warning;
        });

        // Checked before Core is registered, which creates the file's folder: a verb run from the wrong folder must not
        // leave an empty database behind for the next one to find.
        var location = DatabaseLocation.Resolve(builder.Configuration);
        if (location.SqliteFile is { } file && !File.Exists(file)) throw new CliException(NoDatabase(file, location.IsDefault));

        builder.Services.AddBuurtkrachtCore(builder.Configuration);
        var host = builder.Build();
        var scope = host.Services.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
            var provider = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
            await DatabaseInitializer.UpgradeIfBehindAsync(db, provider, ct);
            return new CliDatabase(host, scope, db, host.Services.GetRequiredService<TimeProvider>());
        }
        catch
        {
            await scope.DisposeAsync();
            host.Dispose();
            throw;
        }
    }

    private static string NoDatabase(string file, bool isDefault) =>
        $"No database at {file}. " +
        (isDefault
            ? "ConnectionStrings:Buurtkracht is not set, so the CLI looked for the service's default database there. "
            : "That is the file ConnectionStrings:Buurtkracht names. ") +
        "Point the CLI at the service's database with --connection \"Data Source=/path/to/buurtkracht.db\" or the environment variable " +
        "ConnectionStrings__Buurtkracht, or run it from the folder the service runs in. The service creates the database on its first start. " +
        "Nothing was created.";
}

internal sealed class CliDatabase(IHost host, AsyncServiceScope scope, BuurtkrachtDb db, TimeProvider clock) : IAsyncDisposable
{
    public BuurtkrachtDb Db { get; } = db;
    public TimeProvider Clock { get; } = clock;

    /// <summary>The scope's services, for feature services the verbs share with the bot (such as the event planner).</summary>
    public IServiceProvider Services => scope.ServiceProvider;

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        if (host is IAsyncDisposable asyncHost) await asyncHost.DisposeAsync();
        else host.Dispose();
    }
}
