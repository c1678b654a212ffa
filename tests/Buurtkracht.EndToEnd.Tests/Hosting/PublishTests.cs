using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Buurtkracht.EndToEnd.Tests.Infrastructure;

namespace Buurtkracht.EndToEnd.Tests.Hosting;

/// <summary>
/// A release publish (self-contained, ReadyToRun) takes a few minutes on two busy cores: its own collection, so it runs
/// beside the rest instead of after it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PublishCollection
{
    public const string Name = "Publish";
}

/// <summary>
/// The documented deploy: `dotnet publish src/Buurtkracht.Bot -c Release -o out` gives a self-contained folder, and
/// the systemd unit in deploy/ runs it from its data folder. The published executable is started the way the unit
/// starts it (its Environment= lines, its working folder) and must answer /health, serve the web chat page and find its
/// appsettings.json. Its assemblies are ReadyToRun (precompiled, for a faster start), the build output is not.
/// </summary>
[Collection(PublishCollection.Name)]
[Trait("Category", "Publish")]
public sealed class PublishTests
{
    // Crossgen2 compiles every assembly of the app and its packages: 3.5 minutes at load 19 on this project's 2 cores.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(20);
    private const string UnitAppFolder = "/opt/buurtkracht";
    private const string UnitDataFolder = "/var/lib/buurtkracht";

    [Fact]
    public async Task The_published_folder_is_self_contained_and_ReadyToRun_and_starts_as_the_systemd_unit_runs_it_with_its_settings_and_web_chat_page()
    {
        var root = BotHost.NewDataFolder();
        var output = Path.Combine(root, "out");
        var (exit, log) = await RunAsync(BotManifestTests.RepositoryRoot(), "dotnet", "publish", "src/Buurtkracht.Bot", "-c", "Release", "-o", output);
        Assert.True(exit == 0, log);

        // Self-contained: the runtime is in the folder, so the server needs no .NET of its own.
        var executable = Path.Combine(output, "Buurtkracht.Bot");
        Assert.True(File.Exists(executable), log);
        Assert.True(File.Exists(Path.Combine(output, "libhostfxr.so")), "no runtime in the folder");
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(Path.Combine(output, "Buurtkracht.Bot.runtimeconfig.json")))!["runtimeOptions"]!["includedFrameworks"]);
        Assert.True(File.Exists(Path.Combine(output, "appsettings.json")));

        // ReadyToRun on publish only: the service's own assemblies carry native code, while build output (this test
        // assembly among it) stays IL for the JIT.
        Assert.True(IsReadyToRun(Path.Combine(output, "Buurtkracht.Bot.dll")), "Buurtkracht.Bot.dll is not ReadyToRun");
        Assert.True(IsReadyToRun(Path.Combine(output, "Buurtkracht.Core.dll")), "Buurtkracht.Core.dll is not ReadyToRun");
        Assert.False(IsReadyToRun(typeof(PublishTests).Assembly.Location));

        var unit = Unit();
        Assert.Equal($"{UnitAppFolder}/Buurtkracht.Bot", unit["ExecStart"].Single());
        Assert.Equal(UnitDataFolder, unit["WorkingDirectory"].Single());
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo(executable) { WorkingDirectory = data, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var variable in new[] { "ASPNETCORE_CONTENTROOT", "DOTNET_CONTENTROOT", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS" })
            start.Environment.Remove(variable);
        foreach (var line in unit["Environment"])
        {
            var (name, value) = (line[..line.IndexOf('=')], line[(line.IndexOf('=') + 1)..]);
            start.Environment[name] = value.Replace(UnitDataFolder, data, StringComparison.Ordinal);
        }
        // Any free port instead of the unit's 5000.
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";

        using var service = Process.Start(start)!;
        try
        {
            var summary = await StartupFolderTests.WaitForLineAsync(service, "Buurtkracht is running");
            var chat = Regex.Match(summary, @"web chat at (http://127\.0\.0\.1:\d+/chat)").Groups[1].Value;
            Assert.True(chat.Length > 0, summary);
            Assert.Contains(Path.Combine(data, "buurtkracht.db"), summary);
            var contentRoot = await StartupFolderTests.WaitForLineAsync(service, "Content root path:");
            Assert.Equal(Path.TrimEndingDirectorySeparator(output), Path.TrimEndingDirectorySeparator(contentRoot["Content root path:".Length..].Trim()));

            using var http = new HttpClient();
            var health = await http.GetAsync(chat.Replace("/chat", "/health"));
            Assert.True(health.IsSuccessStatusCode, $"/health: {(int)health.StatusCode}");
            var page = await http.GetAsync(chat);
            Assert.True(page.IsSuccessStatusCode, $"{chat}: {(int)page.StatusCode}");
            Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            // The dashboard's static files come from the published wwwroot.
            Assert.True((await http.GetAsync(chat.Replace("/chat", "/beheer/lib/leaflet/leaflet.css"))).IsSuccessStatusCode);
            Assert.True(File.Exists(Path.Combine(data, "buurtkracht.db")));
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await service.WaitForExitAsync();
        }
    }

    /// <summary>
    /// Whether crossgen2 compiled the assembly: its CLI header then has the IL-library flag and a managed native header
    /// pointing at a READYTORUN_HEADER, whose first field is the signature "RTR" (0x00525452). An IL-only assembly has neither.
    /// </summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        var cli = pe.PEHeaders.CorHeader ?? throw new InvalidOperationException($"{assembly} is not a .NET assembly");
        var native = cli.ManagedNativeHeaderDirectory;
        if ((cli.Flags & CorFlags.ILLibrary) == 0 || native.Size == 0) return false;
        return pe.GetSectionData(native.RelativeVirtualAddress).GetReader().ReadUInt32() == 0x00525452;
    }

    /// <summary>The [Service] settings of deploy/buurtkracht.service, each name with its values in order.</summary>
    private static Dictionary<string, List<string>> Unit()
    {
        var settings = new Dictionary<string, List<string>>();
        foreach (var raw in File.ReadAllLines(Path.Combine(BotManifestTests.RepositoryRoot(), "deploy", "buurtkracht.service")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or '[' || !line.Contains('=')) continue;
            var name = line[..line.IndexOf('=')];
            var value = line[(line.IndexOf('=') + 1)..].Trim('"');
            if (!settings.TryGetValue(name, out var values)) settings[name] = values = [];
            values.Add(value);
        }
        return settings;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string workingFolder, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
