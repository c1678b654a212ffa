using System.CommandLine;
using System.Globalization;
using Buurtkracht.Core.Groups;

namespace Buurtkracht.Bot.Cli;

/// <summary>buurten list|approve|reject|merge: the real buurten, and the coördinator's decision on proposed ones.</summary>
internal static class BuurtenCommands
{
    public static Command Build(CliContext context) =>
        new("buurten", "The buurten groups can link to. A name typed with 'andere buurt' in /koppel is a proposal until approved here.")
        {
            List(context), Decide(context, "approve"), Decide(context, "reject"), Merge(context),
        };

    internal sealed record BuurtRow(int Id, string Name, string Status, DateTimeOffset? ProposedAt, int Groups, IReadOnlyList<string> Streets);

    private static Command List(CliContext context)
    {
        var proposed = new Option<bool>("--proposed") { Description = "Only the proposals waiting for a coördinator." };
        var command = new Command("list", "The buurten (not the web chat's demo buurt) with their status and number of groups.") { proposed };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var listings = await Service(session).ListAsync(session.Db, parse.GetValue(proposed), ct);
            var rows = listings.Select(b => new BuurtRow(b.Id, b.Name, Status(b.Status), CliOutput.Local(b.ProposedAt), b.Groups, b.Streets)).ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, rows);
            else
                CliOutput.WriteTable(output, ["ID", "NAME", "STATUS", "PROPOSED AT", "GROUPS", "STREETS"],
                    rows.Select(r => new[]
                    {
                        r.Id.ToString(CultureInfo.InvariantCulture), r.Name, r.Status, CliOutput.LocalText(r.ProposedAt),
                        r.Groups.ToString(CultureInfo.InvariantCulture), r.Streets.Count > 0 ? string.Join(", ", r.Streets) : "-",
                    }).ToList(),
                    parse.GetValue(proposed) ? "No proposed buurten." : "No buurten.");
            return 0;
        });
        return command;
    }

    private static Command Decide(CliContext context, string verb)
    {
        var buurt = BuurtArgument("buurt", "The proposed buurt: its id or name (see 'buurten list --proposed').");
        var command = new Command(verb, verb == "approve"
            ? "Approve a proposed buurt: every group sees it among the buurt buttons from now on."
            : "Reject a proposed buurt: it is removed, and its groups are unlinked and asked to choose again with /koppel.")
        {
            buurt,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var service = Service(session);
            var now = session.Clock.GetUtcNow();
            var target = await FindAsync(service, session, parse.GetRequiredValue(buurt), ct);
            await Run(async () =>
            {
                if (verb == "approve") await service.ApproveAsync(session.Db, target.Id, "cli", now, ct);
                else await service.RejectAsync(session.Db, target.Id, "cli", now, ct);
            });
            Write(parse, context, new { action = verb, id = target.Id, name = target.Name },
                verb == "approve" ? $"Approved buurt {target.Id} '{target.Name}'." : $"Rejected buurt {target.Id} '{target.Name}'; its groups were unlinked.");
            return 0;
        });
        return command;
    }

    private static Command Merge(CliContext context)
    {
        var from = BuurtArgument("proposed", "The proposed buurt (id or name).");
        var into = BuurtArgument("into", "The existing buurt it is the same place as (id or name).");
        var command = new Command("merge", "Fold a proposed buurt into an existing one: its groups and streets move there and the proposal is removed.")
        {
            from, into,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var service = Service(session);
            var proposal = await FindAsync(service, session, parse.GetRequiredValue(from), ct);
            var target = await FindAsync(service, session, parse.GetRequiredValue(into), ct);
            await Run(() => service.MergeAsync(session.Db, proposal.Id, target.Id, "cli", session.Clock.GetUtcNow(), ct));
            Write(parse, context, new { action = "merge", id = proposal.Id, into = target.Id },
                $"Merged buurt {proposal.Id} '{proposal.Name}' into {target.Id} '{target.Name}'.");
            return 0;
        });
        return command;
    }

    private static Argument<string> BuurtArgument(string name, string description) => new(name) { Description = description };

    private static BuurtService Service(CliDatabase session) => session.Services.GetRequiredService<BuurtService>();

    private static async Task<Buurt> FindAsync(BuurtService service, CliDatabase session, string idOrName, CancellationToken ct)
    {
        try
        {
            return await service.FindAsync(session.Db, idOrName, ct);
        }
        catch (BuurtChangeException ex)
        {
            throw new CliException(ex.Message + " See 'buurten list'.");
        }
    }

    private static async Task Run(Func<Task> change)
    {
        try
        {
            await change();
        }
        catch (BuurtChangeException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static void Write(ParseResult parse, CliContext context, object json, string text)
    {
        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, json);
        else output.WriteLine(text);
    }

    private static string Status(BuurtStatus status) => status.ToString().ToLowerInvariant();
}
