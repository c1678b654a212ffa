using System.CommandLine;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Beheer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Bot.Cli;

/// <summary>"beheer link": the same one-time dashboard link /beheer gives, for the first coördinator or for trying it locally.</summary>
internal static class BeheerCommands
{
    public static Command Build(CliContext context) =>
        new("beheer", "The web dashboard at /beheer.") { Link(context) };

    private static Command Link(CliContext context)
    {
        var member = MemberReference.RequiredOption();
        var command = new Command("link",
            "Print a personal one-time login link to the dashboard for a member who holds a role (moderator, coordinator " +
            "or admin). It works once, for Beheer:LinkLifetime (10 minutes by default); /beheer in a private chat gives the same.")
        {
            member,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var db = session.Db;
            var reference = parse.GetRequiredValue(member);
            var found = await reference.FindAsync(db.Members.AsNoTracking(), ct);
            var links = session.Services.GetRequiredService<BeheerLinks>();
            var token = await links.IssueAsync(db, found.Id, ct)
                ?? throw new CliException($"{reference} holds no role, so the dashboard is not for them. " +
                    "Grant one first: roles grant --member ... --role coordinator (or moderator --group <id>).");
            AuditLog.Record(db, session.Clock.GetUtcNow(), "cli", AuditActions.BeheerLinkIssued, AuditLog.Who(found));
            await db.SaveChangesAsync(ct);

            var options = session.Services.GetRequiredService<IOptions<BeheerOptions>>().Value;
            var link = links.LinkFor(token);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, new { link, expiresInMinutes = options.LinkLifetime.TotalMinutes });
            else
            {
                output.WriteLine(link);
                output.WriteLine($"It works once, for {options.LinkLifetime.TotalMinutes:0} minutes. Pass it only to {reference} themselves.");
                if (options.PublicBaseUrl.Length == 0)
                    output.WriteLine("Beheer:PublicBaseUrl is not set, so the link points at localhost and only works on this computer.");
            }
            return 0;
        });
        return command;
    }
}
