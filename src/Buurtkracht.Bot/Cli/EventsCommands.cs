using System.CommandLine;
using System.Globalization;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Cli;

/// <summary>
/// events add|list|cancel|attendance|import. Writes go to the database only: the running service's event job
/// announces and reminds (within Events:SweepInterval), and its outbox dispatcher sends what a cancellation enqueued.
/// </summary>
internal static class EventsCommands
{
    public static Command Build(CliContext context) =>
        new("events", "Activities of the uitvoeringsplan: plan, list, cancel, record attendance, import a YAML programme.")
        {
            Add(context), List(context), Cancel(context), Attendance(context), Import(context),
        };

    private static EventService Service(CliDatabase session) => session.Services.GetRequiredService<EventService>();

    private static Command Add(CliContext context)
    {
        var title = new Option<string>("--title") { Description = "Name of the activity as residents see it.", Required = true };
        var kind = new Option<string>("--kind")
        {
            Description = $"One of {string.Join(", ", Enum.GetNames<EventKind>().Select(n => n.ToLowerInvariant()))}.",
            DefaultValueFactory = _ => "other",
        };
        var start = new Option<string?>("--start") { Description = "Start, Europe/Amsterdam local time: 'yyyy-MM-dd HH:mm'.", HelpName = "local-time" };
        var end = new Option<string?>("--end") { Description = "End, 'yyyy-MM-dd HH:mm'; default start + --duration.", HelpName = "local-time" };
        var duration = new Option<string>("--duration") { Description = "Length 'H:mm' (default 2:00).", DefaultValueFactory = _ => "2:00" };
        var rule = new Option<string?>("--rule") { Description = "Monthly rule instead of --start, e.g. 'elke derde zaterdag van de maand om 10:00'." };
        var from = new Option<string?>("--from") { Description = "First date for --rule, 'yyyy-MM-dd' (default today)." };
        var until = new Option<string?>("--until") { Description = "Last date for --rule, 'yyyy-MM-dd' (default Events:RecurrenceHorizon ahead)." };
        var location = new Option<string>("--location") { Description = "Place or address.", DefaultValueFactory = _ => "" };
        var description = new Option<string>("--description") { Description = "A few sentences for residents.", DefaultValueFactory = _ => "" };
        var organiser = new Option<string>("--organiser") { Description = "Organiser as shown to residents.", DefaultValueFactory = _ => "" };
        var capacity = new Option<int?>("--capacity") { Description = "Maximum number of 'Ik kom' answers." };
        var buurt = new Option<string[]>("--buurt") { Description = "Only groups of this buurt (repeat for more).", AllowMultipleArgumentsPerToken = false };
        var group = new Option<int[]>("--group") { Description = "Only this street group id (repeat for more; see 'groups list')." };
        var command = new Command("add", "Plan an activity: one date with --start, or a monthly --rule. Announcement and reminders follow automatically.")
        {
            title, kind, start, end, duration, rule, from, until, location, description, organiser, capacity, buurt, group,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(start) is null == result.GetValue(rule) is null) result.AddError("Give either --start or --rule.");
        });
        command.SetAction(async (parse, ct) =>
        {
            var entry = new ProgrammeFile.ProgrammeEvent
            {
                Id = "cli", Title = parse.GetValue(title), Kind = parse.GetValue(kind), Location = parse.GetValue(location),
                Description = parse.GetValue(description), Organiser = parse.GetValue(organiser), Capacity = parse.GetValue(capacity),
                Buurten = parse.GetValue(buurt)?.ToList(), Groups = parse.GetValue(group)?.ToList(),
                Dates = parse.GetValue(start) is { } s ? [new ProgrammeFile.ProgrammeDate { Start = s, End = parse.GetValue(end) }] : null,
                Rule = parse.GetValue(rule), From = parse.GetValue(from), Until = parse.GetValue(until), Duration = parse.GetValue(duration),
            };
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            await using var tx = await session.Db.Database.BeginTransactionAsync(ct);
            Event ev;
            try
            {
                ev = await Service(session).PlanAsync(session.Db, entry, null, "cli", session.Clock.GetUtcNow(), ct);
            }
            catch (EventValidationException ex)
            {
                throw new CliException(ex.Message);
            }
            await session.Db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            var rows = await RowsAsync(session.Db, ev.Id, includePast: true, session.Clock.GetUtcNow(), ct);
            var announcement = await AnnouncementTextAsync(session, ev, ct);
            Write(parse, context, rows, $"Planned event {ev.Id} with {rows.Count} date(s). {announcement}");
            return 0;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var all = new Option<bool>("--all") { Description = "Also past and cancelled dates." };
        var command = new Command("list", "List the dates of activities (Europe/Amsterdam time) with their RSVP counts and attendance.") { all };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var rows = await RowsAsync(session.Db, null, parse.GetValue(all), session.Clock.GetUtcNow(), ct);
            Write(parse, context, rows, null);
            return 0;
        });
        return command;
    }

    private static Command Cancel(CliContext context)
    {
        var eventId = new Argument<int>("event-id") { Description = "The event (see 'events list')." };
        var occurrence = new Option<int?>("--occurrence") { Description = "Cancel only this date (occurrence id) instead of every coming date." };
        var command = new Command("cancel", "Cancel an activity or one of its dates; the groups and everyone who answered are told.") { eventId, occurrence };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            var db = session.Db;
            var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == parse.GetValue(eventId), ct)
                ?? throw new CliException($"No event {parse.GetValue(eventId)}.");
            EventOccurrence? one = null;
            if (parse.GetValue(occurrence) is { } occurrenceId)
                one = await db.EventOccurrences.FirstOrDefaultAsync(o => o.Id == occurrenceId && o.EventId == ev.Id, ct)
                    ?? throw new CliException($"Event {ev.Id} has no occurrence {occurrenceId}.");
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await Service(session).CancelAsync(db, ev, one, "cli", session.Clock.GetUtcNow(), ct);
            await tx.CommitAsync(ct);
            Write(parse, context, await RowsAsync(db, ev.Id, includePast: true, session.Clock.GetUtcNow(), ct), one is null ? $"Cancelled event {ev.Id}." : $"Cancelled occurrence {one.Id} of event {ev.Id}.");
            return 0;
        });
        return command;
    }

    private static Command Attendance(CliContext context)
    {
        var occurrence = new Argument<int>("occurrence-id") { Description = "The date (occurrence id, see 'events list --all')." };
        var count = new Argument<int>("count") { Description = "Number of participants." };
        var command = new Command("attendance", "Record how many people took part in a date of an activity.") { occurrence, count };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            if (!await session.Db.EventOccurrences.AnyAsync(x => x.Id == parse.GetValue(occurrence), ct))
                throw new CliException($"No occurrence {parse.GetValue(occurrence)}.");
            EventOccurrence o;
            try
            {
                o = await EventService.RecordAttendanceAsync(session.Db, parse.GetValue(occurrence), parse.GetValue(count), "cli", session.Clock.GetUtcNow(), ct);
            }
            catch (EventValidationException ex)
            {
                throw new CliException(ex.Message);
            }
            Write(parse, context, await RowsAsync(session.Db, o.EventId, includePast: true, session.Clock.GetUtcNow(), ct), $"Recorded {o.Attendance} participants for occurrence {o.Id}.");
            return 0;
        });
        return command;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<FileInfo>("file") { Description = "YAML programme (format: docs/events.md)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and show what would be planned, without saving." };
        var command = new Command("import", "Import a year programme (uitvoeringsplan) from YAML. Events are matched by their 'id', so importing again updates them.")
        {
            file, dryRun,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists) throw new CliException($"File not found: {path.FullName}");
            var yaml = await File.ReadAllTextAsync(path.FullName, ct);
            await using var session = await context.OpenDatabaseAsync(parse, ct);
            List<ImportRow> results;
            try
            {
                results = await Service(session).ImportAsync(session.Db, yaml, parse.GetValue(dryRun), "cli", session.Clock.GetUtcNow(), ct);
            }
            catch (EventValidationException ex)
            {
                throw new CliException($"{path.Name}: {ex.Message}");
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(context.Json)) CliOutput.WriteJson(output, new { dryRun = parse.GetValue(dryRun), events = results });
            else
            {
                CliOutput.WriteTable(output, ["KEY", "ID", "TITLE", "RESULT", "DATES", "CHANGED DATES"],
                    results.Select(r => new[] { r.Key, r.Id.ToString(CultureInfo.InvariantCulture), r.Title, r.Result, r.Dates.ToString(CultureInfo.InvariantCulture), r.ChangedDates.ToString(CultureInfo.InvariantCulture) }).ToList(),
                    "Nothing to import.");
                output.WriteLine(parse.GetValue(dryRun) ? "Dry run: nothing was saved." : $"Imported {results.Count} event(s).");
            }
            return 0;
        });
        return command;
    }

    internal sealed record OccurrenceRow(
        int EventId, int OccurrenceId, string Title, string Kind, DateTimeOffset? Start, DateTimeOffset? End, string Audience,
        string Status, int Coming, int Maybe, int NotComing, int? Attendance);

    /// <summary>When the first announcement goes out: at once, at the end of the quiet hours, or a month ahead.</summary>
    private static async Task<string> AnnouncementTextAsync(CliDatabase session, Event ev, CancellationToken ct)
    {
        var now = session.Clock.GetUtcNow();
        var occurrences = session.Db.EventOccurrences.Where(o => o.EventId == ev.Id).Select(o => o.Id);
        var dues = await session.Db.EventNotices
            .Where(n => occurrences.Contains(n.OccurrenceId) && n.Kind == ScheduledNoticeKind.Announcement && n.Status == ScheduledNoticeStatus.Pending)
            .Select(n => n.DueAt).ToListAsync(ct);
        if (dues.Count == 0) return "No date gets an announcement (each starts within the quiet hours or has passed).";
        var first = dues.Min();
        var quiet = Service(session).Quiet;
        if (quiet.Contains(now) && first == quiet.EndAfter(now))
            return $"It is quiet time now ({quiet.Start:HH:mm}–{quiet.End:HH:mm}), so the groups get the announcement at {CliOutput.LocalText(first)}.";
        return first <= now
            ? "The groups get the announcement within a minute, while the service runs."
            : $"The groups get the announcement at {CliOutput.LocalText(first)} (Events:AnnounceAhead before the start).";
    }

    private static async Task<List<OccurrenceRow>> RowsAsync(BuurtkrachtDb db, int? eventId, bool includePast, DateTimeOffset now, CancellationToken ct) =>
        (await EventService.ListAsync(db, eventId, includePast, now, ct)).Select(o => new OccurrenceRow(
            o.EventId, o.OccurrenceId, o.Title, o.Kind.ToString().ToLowerInvariant(), CliOutput.Local(o.Start), CliOutput.Local(o.End),
            o.Audience switch
            {
                EventAudience.AllGroups => "all groups",
                EventAudience.Buurten => "buurten " + string.Join(",", o.AudienceIds),
                _ => "groups " + string.Join(",", o.AudienceIds),
            },
            o.Cancelled ? "cancelled" : "scheduled", o.Coming, o.Maybe, o.NotComing, o.Attendance)).ToList();

    private static void Write(ParseResult parse, CliContext context, List<OccurrenceRow> rows, string? footer)
    {
        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue(context.Json))
        {
            CliOutput.WriteJson(output, rows);
            return;
        }
        CliOutput.WriteTable(output, ["EVENT", "DATE ID", "TITLE", "KIND", "START", "END", "FOR", "STATUS", "COMING", "MAYBE", "NOT", "ATTENDED"],
            rows.Select(r => new[]
            {
                r.EventId.ToString(CultureInfo.InvariantCulture), r.OccurrenceId.ToString(CultureInfo.InvariantCulture), r.Title, r.Kind,
                CliOutput.LocalText(r.Start), CliOutput.LocalText(r.End), r.Audience, r.Status, r.Coming.ToString(CultureInfo.InvariantCulture),
                r.Maybe.ToString(CultureInfo.InvariantCulture), r.NotComing.ToString(CultureInfo.InvariantCulture), r.Attendance?.ToString(CultureInfo.InvariantCulture) ?? "-",
            }).ToList(),
            "No activities found.");
        if (footer is not null) output.WriteLine(footer);
    }
}
