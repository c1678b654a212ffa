using System.CommandLine;
using System.Globalization;
using Buurtkracht.Core.Audit;

namespace Buurtkracht.Bot.Cli;

/// <summary>audit list: every role change, group link and broadcast, with who and when.</summary>
internal static class AuditCommands
{
    public static Command Build(CliContext context) =>
        new("audit", "The record of role changes, group links and broadcasts.") { List(context) };

    internal sealed record AuditRow(long Id, DateTimeOffset? At, string Actor, string Action, string Subject, string? Details);

    private static Command List(CliContext context)
    {
        var limit = new Option<int>("--limit") { Description = "At most this many entries, newest first.", DefaultValueFactory = _ => 200 };
        var command = new Command("list", "Audit entries, newest first.") { limit };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var entries = (await AuditQuery.PageAsync(session.Db, new AuditFilter(), 0, parse.GetValue(limit), ct)).Entries;
            var rows = entries.Select(a => new AuditRow(a.Id, CliOutput.Local(a.At), a.Actor, a.Action, a.Subject, a.Details)).ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, rows);
            else
                CliOutput.WriteTable(output, ["ID", "AT", "WHO", "ACTION", "SUBJECT", "DETAILS"],
                    rows.Select(r => new[] { r.Id.ToString(CultureInfo.InvariantCulture), CliOutput.LocalText(r.At), r.Actor, r.Action, r.Subject, r.Details ?? "" }).ToList(),
                    "No audit entries.");
            return 0;
        });
        return command;
    }
}
