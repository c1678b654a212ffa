using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Buurtkracht.EndToEnd.Tests.Infrastructure;

namespace Buurtkracht.EndToEnd.Tests;

/// <summary>
/// The built app copied to a folder of its own (as published) and started with `dotnet app/Buurtkracht.Bot.dll` from
/// another folder: the service and the CLI read the app's own appsettings.json, not nothing.
/// </summary>
public sealed class StartupFolderTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_service_and_the_cli_started_from_another_working_folder_read_the_apps_own_appsettings_json()
    {
        var root = BotHost.NewDataFolder();
        var app = Path.Combine(root, "app");
        CopyApp(BuiltApp(), app);
        // The app's own settings name the database: only a process that read them opens it there.
        var database = Path.Combine(root, "configured", "buurtkracht.db");
        var settingsFile = Path.Combine(app, "appsettings.json");
        var settings = JsonNode.Parse(File.ReadAllText(settingsFile))!.AsObject();
        settings["ConnectionStrings"] = new JsonObject { ["Buurtkracht"] = $"Data Source={database}" };
        File.WriteAllText(settingsFile, settings.ToJsonString());
        var elsewhere = Path.Combine(root, "elsewhere");
        Directory.CreateDirectory(elsewhere);

        using (var service = Start(elsewhere, app))
        {
            try
            {
                // The key ring lives in the database, so "Database ready" may come before the host's own lines.
                var lines = await WaitForLinesAsync(service, "Content root path:", "Database ready");
                var contentRoot = lines["Content root path:"];
                Assert.Equal(Path.TrimEndingDirectorySeparator(app), Path.TrimEndingDirectorySeparator(contentRoot["Content root path:".Length..].Trim()));
                Assert.True(File.Exists(database));
                Assert.False(Directory.Exists(Path.Combine(elsewhere, "data")));
            }
            finally
            {
                service.Kill(entireProcessTree: true);
                await service.WaitForExitAsync();
            }
        }

        // The CLI finds the database the service made, through the same appsettings.json.
        var (exit, output) = await RunToEndAsync(elsewhere, app, "groups", "list");
        Assert.True(exit == 0, output);
        Assert.Contains("No street groups found.", output);
        Assert.False(Directory.Exists(Path.Combine(elsewhere, "data")));
    }

    /// <summary>The Bot project's build output for the configuration these tests were built in.</summary>
    private static string BuiltApp()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var folder = Path.Combine(BotManifestTests.RepositoryRoot(), "src", "Buurtkracht.Bot", "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(folder, "Buurtkracht.Bot.dll")) ? folder : throw new FileNotFoundException("Build the Bot project first", folder);
    }

    /// <summary>The app's files without the native libraries of other platforms and the satellite languages.</summary>
    private static void CopyApp(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        var native = Path.Combine(from, "runtimes", RuntimeInformation.RuntimeIdentifier);
        if (!Directory.Exists(native)) native = Path.Combine(from, "runtimes", "linux-x64");
        foreach (var file in Directory.GetFiles(native, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, "runtimes", Path.GetFileName(native), Path.GetRelativePath(native, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private static Process Start(string workingFolder, string app, params string[] args)
    {
        var start = new ProcessStartInfo(ServiceProcess.DotnetHost())
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(app, "Buurtkracht.Bot.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_CONTENTROOT");
        start.Environment.Remove("DOTNET_CONTENTROOT");
        return Process.Start(start)!;
    }

    private static async Task<(int Exit, string Output)> RunToEndAsync(string workingFolder, string app, params string[] args)
    {
        using var process = Start(workingFolder, app, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The first stdout line containing <paramref name="fragment"/>, from there on.</summary>
    internal static async Task<string> WaitForLineAsync(Process process, string fragment) =>
        (await WaitForLinesAsync(process, fragment))[fragment];

    /// <summary>For each fragment, the first stdout line containing it (from there on), in whatever order they come.</summary>
    internal static async Task<Dictionary<string, string>> WaitForLinesAsync(Process process, params string[] fragments)
    {
        var found = new Dictionary<string, string>();
        using var timeout = new CancellationTokenSource(Patience);
        while (found.Count < fragments.Length && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            foreach (var fragment in fragments.Where(f => !found.ContainsKey(f)))
            {
                var at = line.IndexOf(fragment, StringComparison.Ordinal);
                if (at >= 0) found[fragment] = line[at..];
            }
        }
        if (found.Count == fragments.Length) return found;
        var missing = string.Join("', '", fragments.Where(f => !found.ContainsKey(f)));
        throw new Xunit.Sdk.XunitException($"The service ended without writing '{missing}': {await process.StandardError.ReadToEndAsync()}");
    }
}
