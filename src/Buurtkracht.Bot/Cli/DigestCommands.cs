using System.CommandLine;
using Buurtkracht.Core.Digests;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Cli;

/// <summary>digest preview: the coördinatoren's digest of a period, printed as they get it in the chat (or as its CSV).</summary>
internal static class DigestCommands
{
    public static Command Build(CliContext context) =>
        new("digest", "The digest for the coördinatoren: figures per buurt and per group with the trend against the previous period.")
        {
            Preview(context),
        };

    private static Command Preview(CliContext context)
    {
        var period = new Option<string>("--period") { Description = "A month (2026-11) or an ISO week (2026-W47).", Required = true, HelpName = "yyyy-MM|yyyy-Www" };
        var buurt = new Option<string?>("--buurt") { Description = "Only this buurt.", HelpName = "name" };
        var csv = new Option<bool>("--csv") { Description = "Print the CSV that goes with the digest instead of the text." };
        var language = new Option<string>("--language") { Description = "nl or en.", DefaultValueFactory = _ => "nl" };
        var command = new Command("preview", "Print the digest of a period without sending it.") { period, buurt, csv, language };
        command.SetAction(async (parse, ct) =>
        {
            if (!DigestPeriod.TryParse(parse.GetRequiredValue(period), out var chosen))
                throw new CliException("--period takes a month such as 2026-11 or a week such as 2026-W47.");
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var name = parse.GetValue(buurt);
            if (name is not null)
            {
                var lower = name.Trim().ToLower();
                var found = await session.Db.Buurten.AsNoTracking().Where(b => !b.IsDemo && b.Name.ToLower() == lower).Select(b => b.Name).FirstOrDefaultAsync(ct);
                name = found ?? (string.Equals(name.Trim(), DigestBuilder.NoBuurt, StringComparison.OrdinalIgnoreCase) ? DigestBuilder.NoBuurt : throw new CliException($"No buurt named '{name}'."));
            }
            var digest = await session.Services.GetRequiredService<DigestService>().BuildAsync(session.Db, chosen, name, ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, digest.Sections.Select(s => new
            {
                s.Buurt, s.GroupId, s.Group,
                Figures = s.Figures.Select(f => new { f.Key, f.Value, f.Previous, f.Change }),
            }));
            else if (parse.GetValue(csv)) output.Write(DigestBuilder.Csv(digest));
            else output.WriteLine(string.Join("\n\n", DigestBuilder.Render(digest, parse.GetValue(language) == "en" ? "en" : "nl")));
            return 0;
        });
        return command;
    }
}
