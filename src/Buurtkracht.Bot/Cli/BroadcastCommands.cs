using System.CommandLine;
using System.Globalization;
using Buurtkracht.Core.Broadcasts;
using Buurtkracht.Core.Events;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Cli;

/// <summary>broadcast send|cancel|list: the coördinatoren's broadcasts from the command line (the admin's own authority).</summary>
internal static class BroadcastCommands
{
    public static Command Build(CliContext context) =>
        new("broadcast", "Send one message to many street groups or to every moderator, now or at a set time (Europe/Amsterdam).")
        {
            Send(context),
            Cancel(context),
            List(context),
        };

    private static BroadcastService Service(CliDatabase session) => session.Services.GetRequiredService<BroadcastService>();

    internal sealed record BroadcastRow(
        int Id, string Audience, string Status, DateTimeOffset? SendAt, string SentBy, int Targets, int Delivered, int Failed, int Unreachable, string Text);

    private static BroadcastRow Row(Broadcast b) => new(b.Id, BroadcastService.Describe(b), b.Status.ToString().ToLowerInvariant(),
        CliOutput.Local(b.SendAt), b.SentBy, b.Targets, b.Delivered, b.Failed, b.Unreachable, b.Text);

    /// <summary>The start of a text on one table line, so a coördinator recognises the broadcast.</summary>
    private static string Preview(string text)
    {
        var line = string.Join(' ', text.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= 40 ? line : line[..39] + "…";
    }

    private static Command Send(CliContext context)
    {
        var audience = new Option<string>("--audience")
        {
            Description = "all | buurt:NAME | groups:1,2 (group ids, see 'groups list') | moderators",
            Required = true,
        };
        var text = new Option<string>("--text") { Description = "The message, 3 to 1000 characters.", Required = true };
        var link = new Option<string?>("--link") { Description = "A link shown under the text (https://...)." };
        var photo = new Option<FileInfo?>("--photo") { Description = "A picture file sent with the text as its caption." };
        var at = new Option<string?>("--at") { Description = "Send at this local time, \"yyyy-MM-dd HH:mm\" (Europe/Amsterdam); default now.", HelpName = "yyyy-MM-dd HH:mm" };
        var command = new Command("send", "Fan a message out through the outbox; a scheduled one can be cancelled until it starts.") { audience, text, link, photo, at };
        command.SetAction(async (parse, ct) =>
        {
            var message = parse.GetRequiredValue(text).Trim();
            if (!BroadcastService.IsValidText(message)) throw new CliException("--text must be 3 to 1000 characters.");
            var linkValue = parse.GetValue(link);
            if (linkValue is { Length: > 0 } && !BroadcastService.IsValidLink(linkValue))
                throw new CliException("--link must be an http(s) address of at most 500 characters.");
            var photoFile = parse.GetValue(photo);
            if (photoFile is not null && !photoFile.Exists) throw new CliException($"No file {photoFile.FullName}.");

            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var now = session.Clock.GetUtcNow();
            DateTimeOffset? sendAt = null;
            if (parse.GetValue(at) is { Length: > 0 } atText)
            {
                if (!DateTime.TryParseExact(atText, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                    throw new CliException("--at takes \"yyyy-MM-dd HH:mm\", for example \"2026-12-01 19:30\".");
                sendAt = EventTime.ToInstant(local);
                if (sendAt <= now) throw new CliException("--at lies in the past.");
            }
            var (kind, ids) = await ParseAudienceAsync(session, parse.GetRequiredValue(audience), ct);
            var db = session.Db;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var broadcast = await Service(session).CreateAsync(db,
                new BroadcastDraft(kind, ids, message, linkValue, photoFile?.FullName, "cli", null, sendAt), now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, Row(broadcast));
            else if (broadcast.Status == BroadcastStatus.Scheduled)
                output.WriteLine($"Broadcast {broadcast.Id} scheduled for {CliOutput.LocalText(broadcast.SendAt)}; cancel with 'broadcast cancel {broadcast.Id}'.");
            else output.WriteLine($"Broadcast {broadcast.Id} queued for {broadcast.Targets} chats; the running service sends it.");
            return 0;
        });
        return command;
    }

    private static async Task<(BroadcastAudienceKind, IReadOnlyList<int>)> ParseAudienceAsync(CliDatabase session, string audience, CancellationToken ct)
    {
        var value = audience.Trim();
        if (value.Equals("all", StringComparison.OrdinalIgnoreCase)) return (BroadcastAudienceKind.AllGroups, []);
        if (value.Equals("moderators", StringComparison.OrdinalIgnoreCase)) return (BroadcastAudienceKind.Moderators, []);
        if (value.StartsWith("buurt:", StringComparison.OrdinalIgnoreCase))
        {
            var name = value["buurt:".Length..].Trim().ToLower();
            var buurt = await session.Db.Buurten.AsNoTracking().FirstOrDefaultAsync(b => !b.IsDemo && b.Name.ToLower() == name, ct)
                ?? throw new CliException($"No buurt named '{value["buurt:".Length..].Trim()}'.");
            return (BroadcastAudienceKind.Buurt, [buurt.Id]);
        }
        if (value.StartsWith("groups:", StringComparison.OrdinalIgnoreCase))
        {
            var parts = value["groups:".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var ids = new List<int>();
            foreach (var part in parts)
                ids.Add(int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new CliException($"'{part}' is not a group id."));
            ids = ids.Distinct().ToList();
            if (ids.Count == 0) throw new CliException("groups: needs at least one group id.");
            var known = await session.Db.StreetGroups.Where(g => ids.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct);
            if (ids.Except(known).FirstOrDefault() is var missing && missing != 0) throw new CliException($"No street group with id {missing}; see 'groups list --inactive'.");
            return (BroadcastAudienceKind.Groups, ids);
        }
        throw new CliException("--audience takes all, buurt:NAME, groups:1,2 or moderators.");
    }

    private static Command Cancel(CliContext context)
    {
        var id = new Argument<int>("broadcast-id") { Description = "The broadcast (see 'broadcast list')." };
        var command = new Command("cancel", "Cancel a scheduled broadcast that has not started.") { id };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var broadcastId = parse.GetValue(id);
            if (!await Service(session).CancelAsync(session.Db, broadcastId, "cli", session.Clock.GetUtcNow(), ct))
            {
                var status = await session.Db.Set<Broadcast>().Where(b => b.Id == broadcastId).Select(b => (BroadcastStatus?)b.Status).FirstOrDefaultAsync(ct);
                throw new CliException(status is null
                    ? $"No broadcast with id {broadcastId}."
                    : $"Broadcast {broadcastId} is {status.ToString()!.ToLowerInvariant()}; only a scheduled one can be cancelled.");
            }
            parse.InvocationConfiguration.Output.WriteLine($"Broadcast {broadcastId} cancelled.");
            return 0;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var command = new Command("list", "Broadcasts, newest first, with the start of their text, their status and delivery figures (--json: the whole text).");
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var rows = (await session.Db.Set<Broadcast>().AsNoTracking().OrderByDescending(b => b.Id).ToListAsync(ct)).Select(Row).ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, rows);
            else
                CliOutput.WriteTable(output, ["ID", "TEXT", "AUDIENCE", "STATUS", "SEND AT", "BY", "TARGETS", "DELIVERED", "FAILED", "UNREACHABLE"],
                    rows.Select(r => new[]
                    {
                        r.Id.ToString(CultureInfo.InvariantCulture), Preview(r.Text), r.Audience, r.Status, CliOutput.LocalText(r.SendAt), r.SentBy,
                        r.Targets.ToString(CultureInfo.InvariantCulture), r.Delivered.ToString(CultureInfo.InvariantCulture),
                        r.Failed.ToString(CultureInfo.InvariantCulture), r.Unreachable.ToString(CultureInfo.InvariantCulture),
                    }).ToList(),
                    "No broadcasts.");
            return 0;
        });
        return command;
    }
}
