using System.Diagnostics;
using System.Text.Json;
using Buurtkracht.Bot.Cli;

namespace Buurtkracht.EndToEnd.Tests.Cli;

public sealed class CliDispatchTests
{
    [Theory]
    [InlineData(new[] { "--help" }, new[] { "groups", "roles", "members", "--connection", "--json" })]
    [InlineData(new[] { "groups", "--help" }, new[] { "list" })]
    [InlineData(new[] { "groups", "list", "--help" }, new[] { "--buurt", "--inactive", "--json", "Europe/Amsterdam" })]
    [InlineData(new[] { "roles", "-h" }, new[] { "grant", "revoke", "list" })]
    [InlineData(new[] { "roles", "grant", "--help" }, new[] { "--member", "--role", "--group", "moderator|coordinator|admin", "<channel>:<userId>" })]
    [InlineData(new[] { "roles", "revoke", "-?" }, new[] { "--member", "--role", "--group" })]
    [InlineData(new[] { "roles", "list", "--help" }, new[] { "--role", "--json" })]
    [InlineData(new[] { "members", "list", "--help" }, new[] { "--json" })]
    public async Task Help_on_every_verb_exits_0_and_names_its_options(string[] args, string[] expected)
    {
        var bed = new CliTestBed();

        var result = await bed.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var text in expected) Assert.Contains(text, result.Stdout);
        Assert.False(File.Exists(bed.DatabasePath), "help must not touch the database");
    }

    [Theory]
    [InlineData("grups", "list")]
    [InlineData("groups", "lijst")]
    [InlineData("groups")]
    public async Task An_unknown_or_missing_verb_exits_1_with_the_error_on_stderr(params string[] args)
    {
        var result = await new CliTestBed().RunAsync(args);

        result.AssertFailedWith("--help' for usage");
    }

    [Theory]
    [InlineData(true, "groups", "list")]
    [InlineData(true, "roles")]
    [InlineData(true, "--help")]
    [InlineData(true, "-?")]
    [InlineData(true, "--version")]
    [InlineData(true, "grups")]
    [InlineData(false)]
    [InlineData(false, "--urls", "http://localhost:5000")]
    [InlineData(false, "--environment=Testing")]
    [InlineData(false, "urls=http://localhost:5000")]
    [InlineData(false, "/urls", "http://localhost:5000")]
    public void Verbs_and_help_go_to_the_cli_and_host_arguments_to_the_service(bool cli, params string[] args) =>
        Assert.Equal(cli, AdminCli.Handles(args));

    [Fact]
    public async Task The_built_executable_dispatches_a_verb_to_the_cli()
    {
        var bed = new CliTestBed();
        var ids = await bed.SeedAsync();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Buurtkracht.Bot.dll"), "groups", "list", "--json" },
            // Away from the repository, so no appsettings.Local.json of a developer leaks in.
            WorkingDirectory = Path.GetDirectoryName(bed.DatabasePath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ConnectionStrings__Buurtkracht"] = bed.ConnectionString },
        };

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{await stdout}\n{await stderr}");
        using var json = JsonDocument.Parse(await stdout);
        Assert.Equal([ids.DamOost, ids.Nieuw], json.RootElement.EnumerateArray().Select(g => g.GetProperty("id").GetInt32()));
    }
}
