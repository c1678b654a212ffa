using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Buurtkracht.Bot.Cli;

/// <summary>
/// The admin command line on the service's own executable, so an admin needs nothing but the deployed files and
/// reads and writes exactly the database the service uses.
/// </summary>
internal static class AdminCli
{
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal) { "groups", "roles", "members", "meldingen", "events", "questionnaires", "broadcast", "audit", "digest", "buurten" };
    private static readonly HashSet<string> RootOptions = new(StringComparer.Ordinal) { "-h", "--help", "-?", "/?", "/h", "--version", "--connection" };

    /// <summary>
    /// Whether the arguments are meant for the CLI rather than the web host. ASP.NET takes "--key value", "/key value"
    /// and "key=value"; a bare word is none of those, so a mistyped verb gets an error here instead of silently
    /// starting the whole bot.
    /// </summary>
    public static bool Handles(IReadOnlyList<string> args)
    {
        if (args.Count == 0) return false;
        var first = args[0];
        if (Verbs.Contains(first) || RootOptions.Contains(first)) return true;
        return first.Length > 0 && first[0] is not ('-' or '/') && !first.Contains('=');
    }

    /// <param name="configOverrides">Applied last, over appsettings and environment variables; for tests.</param>
    public static async Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, IDictionary<string, string?>? configOverrides = null,
        CancellationToken ct = default)
    {
        var context = new CliContext(configOverrides);
        var parse = BuildRootCommand(context).Parse(args);
        // On a parse error, help and typo suggestions would land on stdout, where a script expects JSON: the suggestions
        // go to stderr and a hint points to the help.
        var failed = parse.Errors.Count > 0;
        if (parse.Action is ParseErrorAction parseError) parseError.ShowHelp = false;

        var invocation = new InvocationConfiguration { Output = failed ? stderr : stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            var exitCode = await parse.InvokeAsync(invocation, ct);
            if (failed) await stderr.WriteLineAsync($"Run '{CommandPath(parse)} --help' for usage.");
            return exitCode;
        }
        catch (CliException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A stack trace helps nobody who mistyped a connection string; the innermost message names the cause.
            await stderr.WriteLineAsync($"error: {ex.GetBaseException().Message}");
            return 1;
        }
    }

    private static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "Buurtkracht bot administration: inspect street groups and members and manage roles, on the database the " +
            "service uses (ConnectionStrings:Buurtkracht from appsettings.json, appsettings.Local.json or the environment). " +
            "Without a verb the executable starts the bot service.")
        {
            context.Connection,
            context.Json,
            GroupsCommands.Build(context),
            RolesCommands.Build(context),
            MembersCommands.Build(context),
            MeldingenCommands.Build(context),
            EventsCommands.Build(context),
            BroadcastCommands.Build(context),
            OutboxCommands.Build(context),
            AuditCommands.Build(context),
            DigestCommands.Build(context),
            QuestionnairesCommands.Build(context),
            BeheerCommands.Build(context),
            BuurtenCommands.Build(context),
        };
        root.HelpName = "Buurtkracht.Bot";
        return root;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
            names.Insert(0, command.Parent is null ? "Buurtkracht.Bot" : command.Command.Name);
        return string.Join(' ', names);
    }
}

/// <summary>An error the admin can fix (unknown member, missing option); printed without a stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
