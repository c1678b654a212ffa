using System.CommandLine;
using System.Globalization;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Bot.Cli;

/// <summary>outbox failed / retry: the messages the dispatcher gave up on, and sending them again (through OutboxAdmin).</summary>
internal static class OutboxCommands
{
    public static Command Build(CliContext context) =>
        new("outbox", "Outgoing messages the service gave up on (after Outbox:GiveUpAfter of failures, or refused by the platform).")
        {
            Failed(context),
            Retry(context),
        };

    internal sealed record FailedRow(long Id, string Channel, string ChatKind, string ChatId, DateTimeOffset? CreatedAt, string Age, int Attempts, string? Reason);

    private static Command Failed(CliContext context)
    {
        var command = new Command("failed", "List the given-up messages, oldest first: channel, chat kind and id, age, attempts and the technical reason (never the message text).");
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var rows = (await session.Services.GetRequiredService<OutboxAdmin>().ListFailedAsync(session.Db, ct))
                .Select(r => new FailedRow(r.Id, r.Channel.ToString(), r.ChatKind.ToString().ToLowerInvariant(), r.ChatId,
                    CliOutput.Local(r.CreatedAt), Age(r.Age), r.Attempts, r.Reason))
                .ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, rows);
            else
                CliOutput.WriteTable(output, ["ID", "CHANNEL", "CHAT", "CHAT ID", "AGE", "ATTEMPTS", "REASON"],
                    rows.Select(r => new[] { r.Id.ToString(CultureInfo.InvariantCulture), r.Channel, r.ChatKind, r.ChatId, r.Age,
                        r.Attempts.ToString(CultureInfo.InvariantCulture), r.Reason ?? "" }).ToList(),
                    "No given-up messages.");
            return 0;
        });
        return command;
    }

    private static Command Retry(CliContext context)
    {
        var ids = new Argument<long[]>("id") { Description = "Ids from 'outbox failed'.", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "Every given-up message." };
        var command = new Command("retry", "Queue given-up messages again; the running service sends them, with a fresh retry budget.") { ids, all };
        command.SetAction(async (parse, ct) =>
        {
            var chosen = parse.GetValue(ids) ?? [];
            var everything = parse.GetValue(all);
            if (everything == chosen.Length > 0) throw new CliException("Give one or more ids, or --all.");
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var queued = await session.Services.GetRequiredService<OutboxAdmin>().RetryAsync(session.Db, everything ? null : chosen, "cli", ct);
            var output = parse.InvocationConfiguration.Output;
            foreach (var missing in chosen.Except(queued)) await output.WriteLineAsync($"{missing}: not a given-up message, left alone");
            await output.WriteLineAsync($"{queued.Count} message(s) queued again");
            return 0;
        });
        return command;
    }

    private static string Age(TimeSpan age) =>
        age.TotalDays >= 1 ? $"{(int)age.TotalDays}d {age.Hours}h" : age.TotalHours >= 1 ? $"{(int)age.TotalHours}h {age.Minutes}m" : $"{(int)age.TotalMinutes}m";
}
