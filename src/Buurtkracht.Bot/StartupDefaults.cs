using Microsoft.Extensions.Configuration.Memory;

namespace Buurtkracht.Bot;

/// <summary>
/// What holds wherever the service or the CLI is started: appsettings.json is found in the app's own folder when the
/// working folder has none (the published dll started from its parent folder), and the log levels that keep SQL, request
/// lines and HTTP client URLs out of the log are set in code, beneath every configuration file, so a missing or trimmed
/// appsettings.json cannot turn them on; a file or environment variable still can, on purpose.
/// </summary>
public static class StartupDefaults
{
    public const string SettingsFile = "appsettings.json";

    public static readonly IReadOnlyDictionary<string, string?> LogLevels = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        // Request lines carry query strings and ids; routing and endpoint lines carry paths.
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        // Every SQL statement at Information: 1,680 lines a minute while idle.
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        // Request URLs at Information: Teams conversation ids, Telegram's token, Open311's api_key.
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Quartz"] = "Warning",
    };

    /// <summary>
    /// The content root: an explicit one (--contentRoot, ASPNETCORE_CONTENTROOT, DOTNET_CONTENTROOT) is left alone (null);
    /// otherwise the working folder when it holds appsettings.json, else the app's own folder when that does.
    /// </summary>
    public static string? ContentRoot(string[] args, string workingFolder, string appFolder)
    {
        var explicitly = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        if (explicitly || File.Exists(Path.Combine(workingFolder, SettingsFile))) return null;
        return File.Exists(Path.Combine(appFolder, SettingsFile)) ? Path.GetFullPath(appFolder) : null;
    }

    public static string? ContentRoot(string[] args) => ContentRoot(args, Directory.GetCurrentDirectory(), AppContext.BaseDirectory);

    public static WebApplicationOptions WebOptions(string[] args) => new() { Args = args, ContentRootPath = ContentRoot(args) };

    /// <summary>Puts the log level defaults beneath every other configuration source.</summary>
    public static void AddLogLevelDefaults(IConfigurationBuilder configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = LogLevels });
}
