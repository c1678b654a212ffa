using System.CommandLine;
using System.Globalization;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Cli;

/// <summary>meldingen list / export: what residents reported and how forwarding went, for the coördinatoren.</summary>
internal static class MeldingenCommands
{
    public static Command Build(CliContext context)
    {
        var status = new Option<string?>("--status")
        {
            Description = "Only meldingen with this status: ontvangen, in-behandeling or afgehandeld.",
            HelpName = "status",
        };
        status.AcceptOnlyFromAmong("ontvangen", "in-behandeling", "afgehandeld");
        var forwarding = new Option<string?>("--forwarding")
        {
            Description = "Only meldingen with a forward in this state: pending, sending, forwarded or failed (failed ones are retried automatically; sending means an attempt was interrupted and is retried).",
            HelpName = "state",
        };
        forwarding.AcceptOnlyFromAmong("pending", "sending", "forwarded", "failed");
        var list = new Command("list", "List meldingen, newest first, with their status and per sink the forwarding state, attempts, next attempt and last error (Europe/Amsterdam time), and 'mogelijk dubbel verstuurd' where an interrupted attempt was sent again. No names or e-mail addresses are shown.")
        {
            status, forwarding,
        };
        list.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var rows = await ListAsync(session.Db, parse.GetValue(status), parse.GetValue(forwarding), ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, rows);
            else WriteTable(output, rows);
            return 0;
        });

        var from = new Option<string>("--from") { Description = "First day, yyyy-MM-dd (Europe/Amsterdam), inclusive.", HelpName = "yyyy-MM-dd", Required = true };
        var to = new Option<string>("--to") { Description = "Last day, yyyy-MM-dd (Europe/Amsterdam), inclusive.", HelpName = "yyyy-MM-dd", Required = true };
        var format = new Option<string>("--format") { Description = "Output format: csv (semicolon, UTF-8 with BOM, as Dutch Excel opens it) or xlsx (needs --output).", HelpName = "format", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "xlsx");
        var outputFile = new Option<string?>("--output") { Description = "Write to this file instead of stdout.", HelpName = "path" };
        var export = new Command("export", "Export the meldingen made between two days as CSV or .xlsx (Dutch column names, the same export as the dashboard's), or with --json as JSON. Contact details are left out; the column anoniem says whether the resident left them.")
        {
            from, to, format, outputFile,
        };
        export.SetAction(async (parse, ct) =>
        {
            var first = ParseDay(parse.GetValue(from)!, "--from");
            var last = ParseDay(parse.GetValue(to)!, "--to");
            if (last < first) throw new CliException("--to lies before --from.");
            var xlsx = parse.GetValue(format) == "xlsx";
            var path = parse.GetValue(outputFile) is { Length: > 0 } given ? given : null;
            if (xlsx && path is null) throw new CliException("--format xlsx writes a file: add --output <path>.");
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var query = await MeldingSearch.QueryAsync(session.Db, new MeldingFilter(From: first, To: last), null, ct);
            var rows = await MeldingExport.RowsAsync(session.Db, query, ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json))
            {
                var json = path is null ? output : new StringWriter();
                CliOutput.WriteJson(json, rows);
                if (path is not null) await File.WriteAllTextAsync(path, json.ToString(), ct);
            }
            else if (path is not null)
            {
                await using var file = File.Create(path);
                if (xlsx) await MeldingExport.WriteXlsxAsync(file, rows, ct);
                else await MeldingExport.WriteCsvAsync(file, rows, ct);
            }
            else
            {
                // On a terminal the byte order mark would show as a stray character; a file gets it.
                using var buffer = new MemoryStream();
                await MeldingExport.WriteCsvAsync(buffer, rows, ct);
                await output.WriteAsync(new System.Text.UTF8Encoding(false).GetString(buffer.ToArray()).TrimStart('\uFEFF'));
            }
            if (path is not null) await output.WriteLineAsync($"{rows.Count} meldingen written to {path}");
            return 0;
        });

        var reference = new Argument<string>("reference") { Description = "The melding's reference, for example BK-2026-000123." };
        var newStatus = new Argument<string>("status") { Description = "ontvangen, in-behandeling or afgehandeld." };
        newStatus.AcceptOnlyFromAmong("ontvangen", "in-behandeling", "afgehandeld");
        var notes = new Option<string?>("--notes") { Description = "A short note for the resident (plain Dutch), shown with the new status.", HelpName = "text" };
        var setStatus = new Command("status", "Set a melding's status by hand (when no Open311 server reports it) and tell the resident in their chat; the running service sends the message.")
        {
            reference, newStatus, notes,
        };
        setStatus.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var wanted = parse.GetValue(reference)!.Trim().ToUpperInvariant();
            var melding = await session.Db.Meldingen.SingleOrDefaultAsync(m => m.Reference == wanted, ct)
                ?? throw new CliException($"No melding with reference '{wanted}'.");
            var status = parse.GetValue(newStatus) switch
            {
                "ontvangen" => MeldingStatus.Ontvangen,
                "in-behandeling" => MeldingStatus.InBehandeling,
                _ => MeldingStatus.Afgehandeld,
            };
            var note = parse.GetValue(notes) is { Length: > 0 } text ? text.Trim() : null;
            var told = await session.Services.GetRequiredService<MeldingStatusChanger>().ChangeAsync(session.Db, melding, status, note, "cli", ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"{melding.Reference}: {StatusName(status)}{(told ? "; the resident will be told in their chat" : " (unchanged)")}");
            return 0;
        });

        return new Command("meldingen", "Meldingen (reports of problems in the public space) and their forwarding.") { list, export, setStatus };
    }

    internal sealed record ForwardRow(
        string Sink, string State, int Attempts, DateTimeOffset? NextAttemptAt, string? ExternalId, string? LastError, bool PossibleDuplicate);

    /// <summary>What the coördinator reads when the other side may hold the melding twice (both carry its reference).</summary>
    internal const string PossibleDuplicateText = "mogelijk dubbel verstuurd";

    internal sealed record MeldingRow(
        string Reference, DateTimeOffset? CreatedAt, string Theme, string Category, string Place, string Status, string? StatusNotes,
        int Photos, bool Anonymous, string Channel, IReadOnlyList<ForwardRow> Forwards);

    private static string StatusName(MeldingStatus status) => status switch
    {
        MeldingStatus.Ontvangen => "ontvangen",
        MeldingStatus.InBehandeling => "in-behandeling",
        _ => "afgehandeld",
    };

    private static string Place(Melding m) => m.PlaceLine;

    private static async Task<List<MeldingRow>> ListAsync(BuurtkrachtDb db, string? status, string? forwarding, CancellationToken ct)
    {
        // The dashboard's search, so the CLI and the list page agree on what a filter means.
        var filter = new MeldingFilter(
            Status: status is null ? null : Enum.GetValues<MeldingStatus>().Single(s => StatusName(s) == status),
            Forwarding: forwarding is null ? null : Enum.Parse<ForwardingState>(forwarding, ignoreCase: true));
        var query = await MeldingSearch.QueryAsync(db, filter, null, ct);
        var meldingen = await query.Include(m => m.Forwards).OrderByDescending(m => m.Id).ToListAsync(ct);
        return meldingen
            .Select(m => new MeldingRow(
                m.Reference, CliOutput.Local(m.CreatedAt), m.Theme.ToString(), m.CategoryName, Place(m), StatusName(m.Status), m.StatusNotes,
                m.PhotoPaths.Count, m.Anonymous, MemberReference.ChannelName(m.Channel),
                m.Forwards.OrderBy(f => f.Sink).Select(f => new ForwardRow(
                    f.Sink, ForwardState(f), f.Attempts,
                    f.State == ForwardingState.Forwarded ? null : CliOutput.Local(f.NextAttemptAt), f.ExternalId, f.LastError, f.PossibleDuplicate)).ToList()))
            .ToList();
    }

    private static void WriteTable(TextWriter output, List<MeldingRow> rows) =>
        CliOutput.WriteTable(output,
            ["REFERENCE", "CREATED", "CATEGORY", "PLACE", "STATUS", "FORWARDING"],
            rows.Select(m => new[]
            {
                m.Reference, CliOutput.LocalText(m.CreatedAt), m.Category, m.Place, m.Status,
                string.Join("; ", m.Forwards.Select(f => (f.State == StoredState
                    ? StoredText
                    : f.State == "forwarded"
                    ? $"{f.Sink}: forwarded{(f.ExternalId is null ? "" : $" ({f.ExternalId})")}"
                    : $"{f.Sink}: {f.State}, {f.Attempts} attempts, next {CliOutput.LocalText(f.NextAttemptAt)}{(f.LastError is null ? "" : $", last error: {f.LastError}")}")
                    + (f.PossibleDuplicate ? $", {PossibleDuplicateText}" : ""))),
            }).ToList(),
            "No meldingen found.");

    // The store-only sink "forwards" to the database itself: nobody outside has it, so the list must not say forwarded.
    private const string StoredState = "stored";
    private const string StoredText = "stored only, pass it on yourself (no Open311 or e-mail destination is configured)";

    private static string ForwardState(MeldingForward forward) =>
        forward is { Sink: StoreOnlySink.SinkName, State: ForwardingState.Forwarded } ? StoredState : forward.State.ToString().ToLowerInvariant();

    private static DateOnly ParseDay(string value, string option) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CliException($"{option} wants a day as yyyy-MM-dd, not '{value}'.");
}
