using System.CommandLine;
using System.Globalization;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Questionnaires;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Cli;

/// <summary>
/// questionnaires list|send|results|export. A send is only written to the database: the running service's
/// questionnaire job delivers it once its opening time has passed (within Questionnaires:SweepInterval).
/// </summary>
internal static class QuestionnairesCommands
{
    public static Command Build(CliContext context) =>
        new("questionnaires", "Feedback questionnaires: the definitions and their sends, send one, see or export the results.")
        {
            List(context), Send(context), Results(context), Flagged(context), Export(context),
        };

    private static Command List(CliContext context)
    {
        var command = new Command("list", "The questionnaires (key, stored versions) and every send with its number of responses.");
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var service = session.Services.GetRequiredService<QuestionnaireService>();
            var versions = await session.Db.Set<QuestionnaireVersion>().AsNoTracking()
                .GroupBy(v => v.Key).Select(g => new { g.Key, Versions = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Versions, ct);
            var definitions = service.Catalog.Current().Values.OrderBy(d => d.Key, StringComparer.Ordinal)
                .Select(d => new DefinitionRow(d.Key, d.Title.Nl, d.Questions.Count, d.Anonymous, d.Hash, versions.GetValueOrDefault(d.Key))).ToList();
            var counts = await session.Db.Set<QuestionnaireResponse>().GroupBy(r => r.SendId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var sends = (await session.Db.Set<QuestionnaireSend>().AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct))
                .Select(s => new SendRow(s.Id, s.Key, s.Target.ToString().ToLowerInvariant(), s.TargetId, CliOutput.Local(s.OpensAt)!.Value,
                    CliOutput.Local(s.ClosesAt)!.Value, s.Status.ToString().ToLowerInvariant(), counts.GetValueOrDefault(s.Id))).ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json))
            {
                CliOutput.WriteJson(output, new { definitions, sends });
                return 0;
            }
            CliOutput.WriteTable(output, ["key", "title", "questions", "anonymous", "stored versions"],
                definitions.Select(d => new[] { d.Key, d.Title, d.Questions.ToString(CultureInfo.InvariantCulture), d.Anonymous ? "yes" : "no", d.StoredVersions.ToString(CultureInfo.InvariantCulture) }).ToList(),
                "No questionnaires.");
            output.WriteLine();
            CliOutput.WriteTable(output, ["send", "key", "target", "target id", "opens", "closes", "status", "responses"],
                sends.Select(s => new[]
                {
                    s.Id.ToString(CultureInfo.InvariantCulture), s.Key, s.Target, s.TargetId?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    CliOutput.LocalText(s.OpensAt), CliOutput.LocalText(s.ClosesAt), s.Status, s.Responses.ToString(CultureInfo.InvariantCulture),
                }).ToList(),
                "No sends yet.");
            return 0;
        });
        return command;
    }

    private static Command Send(CliContext context)
    {
        var key = new Argument<string>("key") { Description = "The questionnaire key (see 'questionnaires list')." };
        var group = new Option<int?>("--group") { Description = "Post it in this street group (id from 'groups list'), with a button to fill it in privately." };
        var occurrence = new Option<int?>("--event") { Description = "Send it privately to everyone who said Ik kom to this event date (occurrence id)." };
        var moderators = new Option<bool>("--moderators") { Description = "Send it privately to the moderators (with --buurt: of that buurt's groups only)." };
        var buurt = new Option<int?>("--buurt") { Description = "With --moderators: only moderators of groups in this buurt (id)." };
        var optedIn = new Option<string?>("--opted-in") { Description = "Send it privately to everyone who opted in (/peilingen) for this buurt (name or id).", HelpName = "buurt" };
        var opens = new Option<string?>("--opens") { Description = "Opening, Europe/Amsterdam local time 'yyyy-MM-dd HH:mm' (default now).", HelpName = "local-time" };
        var closes = new Option<string?>("--closes") { Description = "Closing, 'yyyy-MM-dd HH:mm' (default opening + Questionnaires:OpenFor).", HelpName = "local-time" };
        var command = new Command("send", "Plan a send of a questionnaire to a group, to an event's participants, to moderators or to a buurt's opted-in residents.")
        {
            key, group, occurrence, moderators, buurt, optedIn, opens, closes,
        };
        command.Validators.Add(result =>
        {
            var targets = (result.GetValue(group) is null ? 0 : 1) + (result.GetValue(occurrence) is null ? 0 : 1) + (result.GetValue(moderators) ? 1 : 0)
                + (result.GetValue(optedIn) is null ? 0 : 1);
            if (targets != 1) result.AddError("Give exactly one of --group, --event, --moderators, --opted-in.");
        });
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var now = session.Clock.GetUtcNow();
            var opening = parse.GetValue(opens) is { } o ? ParseLocal(o, "--opens") : now;
            DateTimeOffset? closing = parse.GetValue(closes) is { } c ? ParseLocal(c, "--closes") : null;
            var (target, id) = parse.GetValue(group) is { } g ? (QuestionnaireTarget.Group, (int?)g)
                : parse.GetValue(occurrence) is { } e ? (QuestionnaireTarget.Event, (int?)e)
                : parse.GetValue(optedIn) is { } b ? (QuestionnaireTarget.BuurtOptIn, await BuurtIdAsync(session, b, ct))
                : (QuestionnaireTarget.Moderators, parse.GetValue(buurt));
            QuestionnaireSend send;
            try
            {
                send = await session.Services.GetRequiredService<QuestionnaireService>()
                    .CreateSendAsync(session.Db, parse.GetValue(key)!, target, id, opening, closing, now, ct);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message);
            }
            await session.Db.SaveChangesAsync(ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, new { send = send.Id, opens = CliOutput.Local(send.OpensAt), closes = CliOutput.Local(send.ClosesAt) });
            else output.WriteLine($"Send {send.Id} planned: opens {CliOutput.LocalText(send.OpensAt)}, closes {CliOutput.LocalText(send.ClosesAt)}. The service delivers it.");
            return 0;
        });
        return command;
    }

    private sealed record Filters(Argument<string> Key, Option<int?> Send, Option<int?> Event, Option<int?> Buurt, Option<string?> From, Option<string?> To)
    {
        public static Filters Create() => new(
            new Argument<string>("key") { Description = "The questionnaire key." },
            new Option<int?>("--send") { Description = "Only this send." },
            new Option<int?>("--event") { Description = "Only this event date (occurrence id)." },
            new Option<int?>("--buurt") { Description = "Only this buurt (id)." },
            new Option<string?>("--from") { Description = "First day, yyyy-MM-dd, inclusive.", HelpName = "yyyy-MM-dd" },
            new Option<string?>("--to") { Description = "Last day, yyyy-MM-dd, inclusive.", HelpName = "yyyy-MM-dd" });

        public void AddTo(Command command)
        {
            command.Arguments.Add(Key);
            foreach (var option in new Option[] { Send, Event, Buurt, From, To }) command.Options.Add(option);
        }

        public ResultFilter Read(ParseResult parse) => new(
            parse.GetValue(Key)!, parse.GetValue(Send), parse.GetValue(Event), parse.GetValue(Buurt),
            parse.GetValue(From) is { } f ? ParseDay(f, "--from") : null, parse.GetValue(To) is { } t ? ParseDay(t, "--to") : null);
    }

    private static Command Results(CliContext context)
    {
        var filters = Filters.Create();
        var command = new Command("results", "Counts, averages and distributions per question, and the free texts. Fewer than Questionnaires:MinimumRespondents respondents: not shown.");
        filters.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var result = await session.Services.GetRequiredService<QuestionnaireResults>().ComputeAsync(session.Db, filters.Read(parse), "nl", ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json))
            {
                CliOutput.WriteJson(output, result);
                return 0;
            }
            if (result.Suppressed)
            {
                output.WriteLine($"{result.Respondents} respondents: fewer than the minimum, so no results are shown (to keep answers anonymous).");
                return 0;
            }
            output.WriteLine($"{result.Key}: {result.Respondents} respondents, {result.Flagged} flagged for follow-up.");
            CliOutput.WriteTable(output, ["question", "kind", "answered", "skipped", "average", "distribution"],
                result.Questions.Select(q => new[]
                {
                    q.QuestionId, q.Kind, q.Answered.ToString(CultureInfo.InvariantCulture), q.Skipped.ToString(CultureInfo.InvariantCulture),
                    q.Average?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-",
                    string.Join(" ", q.Distribution.Select(d => $"{d.Key}:{d.Value}")),
                }).ToList(), "No questions.");
            foreach (var q in result.Questions.Where(q => q.Texts.Count > 0))
            {
                output.WriteLine();
                output.WriteLine($"{q.QuestionId}:");
                foreach (var text in q.Texts) output.WriteLine($"- {text.ReplaceLineEndings(" ")}");
            }
            return 0;
        });
        return command;
    }

    private static Command Flagged(CliContext context)
    {
        var filters = Filters.Create();
        var command = new Command("flagged", "Responses flagged for follow-up (for example a moderator asking for support), with who answered and their groups. Only questionnaires that are not anonymous.");
        filters.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var rows = await session.Services.GetRequiredService<QuestionnaireResults>().FlaggedAsync(session.Db, filters.Read(parse), ct);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json))
            {
                CliOutput.WriteJson(output, rows);
                return 0;
            }
            CliOutput.WriteTable(output, ["date", "member", "name", "channel", "groups", "response"],
                rows.Select(r => new[]
                {
                    r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.MemberId.ToString(CultureInfo.InvariantCulture), r.Member, r.Channel,
                    r.Groups.Count > 0 ? string.Join(", ", r.Groups) : "-", r.Response,
                }).ToList(), "No flagged responses.");
            return 0;
        });
        return command;
    }

    private static Command Export(CliContext context)
    {
        var filters = Filters.Create();
        var format = new Option<string>("--format") { Description = "Output format; only csv.", HelpName = "format", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv");
        var outputFile = new Option<string?>("--output") { Description = "Write to this file instead of stdout.", HelpName = "path" };
        var command = new Command("export", "Every answer as one CSV row (UTF-8, header row): response, questionnaire, version, send, event, buurt, date, question, value, number. Never who answered; nothing below the minimum respondents.")
        {
            format, outputFile,
        };
        filters.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var rows = await session.Services.GetRequiredService<QuestionnaireResults>().ExportAsync(session.Db, filters.Read(parse), ct);
            if (parse.GetValue(outputFile) is { Length: > 0 } path)
            {
                await using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
                await WriteCsvAsync(file, rows);
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{rows.Count} answers written to {path}");
            }
            else await WriteCsvAsync(parse.InvocationConfiguration.Output, rows);
            return 0;
        });
        return command;
    }

    private static async Task WriteCsvAsync(TextWriter writer, List<QuestionnaireResults.ExportRow> rows)
    {
        await using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, true);
        foreach (var name in new[] { "response", "questionnaire", "version", "send", "event", "buurt", "date", "question", "value", "number" }) csv.WriteField(name);
        await csv.EndRecordAsync(CancellationToken.None);
        foreach (var r in rows)
        {
            string?[] fields =
            [
                r.Response, r.Questionnaire, r.Version.ToString(CultureInfo.InvariantCulture), r.Send.ToString(CultureInfo.InvariantCulture),
                r.Event?.ToString(CultureInfo.InvariantCulture), r.Buurt?.ToString(CultureInfo.InvariantCulture),
                r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Question, r.Value, r.Number?.ToString(CultureInfo.InvariantCulture),
            ];
            foreach (var field in fields) csv.WriteField(field ?? "");
            await csv.EndRecordAsync(CancellationToken.None);
        }
        await csv.FlushAsync(CancellationToken.None);
    }

    /// <summary>A buurt by its id or its name (any case), as 'groups list' shows them.</summary>
    private static async Task<int?> BuurtIdAsync(CliDatabase session, string nameOrId, CancellationToken ct)
    {
        var value = nameOrId.Trim();
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return id;
        var name = value.ToLower();
        return await session.Db.Buurten.Where(b => !b.IsDemo && b.Name.ToLower() == name).Select(b => (int?)b.Id).FirstOrDefaultAsync(ct)
            ?? throw new CliException($"No buurt named '{value}'.");
    }

    private static DateTimeOffset ParseLocal(string value, string option) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? EventTime.ToInstant(local)
            : throw new CliException($"{option}: use 'yyyy-MM-dd HH:mm' (Europe/Amsterdam).");

    private static DateOnly ParseDay(string value, string option) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CliException($"{option}: use yyyy-MM-dd.");

    private sealed record DefinitionRow(string Key, string Title, int Questions, bool Anonymous, string Hash, int StoredVersions);

    private sealed record SendRow(int Id, string Key, string Target, int? TargetId, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string Status, int Responses);
}
