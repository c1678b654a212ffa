using System.Globalization;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Buurtkracht.Core.Events;

/// <summary>
/// A year programme (uitvoeringsplan) in YAML: a list of events with an id each, so importing the same file again
/// updates the events instead of adding them twice. Format: docs/events.md; example: docs/uitvoeringsplan-2027.example.yaml.
/// </summary>
public sealed class ProgrammeFile
{
    public List<ProgrammeEvent> Events { get; set; } = [];

    public sealed class ProgrammeEvent
    {
        public string? Id { get; set; }
        public string? Title { get; set; }
        public string? Kind { get; set; }
        public string? Description { get; set; }
        public string? Location { get; set; }
        public string? Organiser { get; set; }
        public int? Capacity { get; set; }
        public List<string>? Buurten { get; set; }
        public List<int>? Groups { get; set; }
        public List<ProgrammeDate>? Dates { get; set; }
        public string? Rule { get; set; }
        public string? From { get; set; }
        public string? Until { get; set; }
        public string? Duration { get; set; }
    }

    public sealed class ProgrammeDate
    {
        public string? Start { get; set; }
        public string? End { get; set; }
        public string? Note { get; set; }
    }

    /// <summary>The line in the file where each event starts, so a problem with an event names its line; empty when built in code.</summary>
    [YamlIgnore]
    public List<int> EventLines { get; private set; } = [];

    public static ProgrammeFile Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        try
        {
            var programme = deserializer.Deserialize<ProgrammeFile?>(yaml) ?? new ProgrammeFile();
            programme.EventLines = EventStartLines(yaml);
            return programme;
        }
        catch (YamlException ex)
        {
            throw new EventValidationException($"line {ex.Start.Line}: {ex.GetBaseException().Message}");
        }
    }

    private static List<int> EventStartLines(string yaml)
    {
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.FirstOrDefault()?.RootNode is not YamlDotNet.RepresentationModel.YamlMappingNode root
            || !root.Children.TryGetValue("events", out var events) || events is not YamlDotNet.RepresentationModel.YamlSequenceNode list)
            return [];
        return list.Children.Select(e => (int)e.Start.Line).ToList();
    }

    /// <summary>Turns the file into drafts, resolving buurt names; every problem is collected, so one run names them all.</summary>
    public async Task<List<EventDraft>> ToDraftsAsync(BuurtkrachtDb db, CancellationToken ct = default)
    {
        var buurten = await db.Buurten.AsNoTracking().ToListAsync(ct);
        var groupIds = await db.StreetGroups.Select(g => g.Id).ToListAsync(ct);
        var errors = new List<string>();
        var drafts = new List<EventDraft>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Events.Count; i++)
        {
            var e = Events[i];
            var line = i < EventLines.Count ? $"line {EventLines[i]}, " : "";
            var where = $"{line}event {i + 1}{(e.Id is null ? "" : $" ({e.Id})")}";
            if (string.IsNullOrWhiteSpace(e.Id)) errors.Add($"{where}: 'id' is required (a stable key such as opruimactie-2027).");
            else if (!seen.Add(e.Id)) errors.Add($"{where}: id '{e.Id}' is used twice.");
            if (string.IsNullOrWhiteSpace(e.Title)) errors.Add($"{where}: 'title' is required.");

            var kind = EventKind.Other;
            if (e.Kind is not null && !Enum.TryParse(e.Kind, ignoreCase: true, out kind))
                errors.Add($"{where}: kind '{e.Kind}' is not one of {string.Join(", ", Enum.GetNames<EventKind>().Select(n => n.ToLowerInvariant()))}.");

            var audience = EventAudience.AllGroups;
            var audienceIds = new List<int>();
            if (e.Buurten is { Count: > 0 } && e.Groups is { Count: > 0 }) errors.Add($"{where}: give 'buurten' or 'groups', not both.");
            else if (e.Buurten is { Count: > 0 })
            {
                audience = EventAudience.Buurten;
                foreach (var name in e.Buurten)
                {
                    var buurt = buurten.FirstOrDefault(b => string.Equals(b.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
                    if (buurt is null) errors.Add($"{where}: unknown buurt '{name}'. Known: {string.Join(", ", buurten.OrderBy(b => b.SortOrder).Select(b => b.Name))}.");
                    else audienceIds.Add(buurt.Id);
                }
            }
            else if (e.Groups is { Count: > 0 })
            {
                audience = EventAudience.Groups;
                foreach (var id in e.Groups)
                {
                    if (!groupIds.Contains(id)) errors.Add($"{where}: unknown group id {id} (see 'groups list').");
                    else audienceIds.Add(id);
                }
            }

            var dates = new List<OccurrenceDraft>();
            foreach (var (d, n) in (e.Dates ?? []).Select((d, n) => (d, n + 1)))
            {
                if (!EventTime.TryParseLocal(d.Start ?? "", out var start)) { errors.Add($"{where}, date {n}: start '{d.Start}' is not 'yyyy-MM-dd HH:mm'."); continue; }
                DateTime end;
                if (d.End is null) end = start + (ParseDuration(e.Duration) ?? TimeSpan.FromHours(2));
                else if (EventTime.TryParseLocal(d.End, out end)) { }
                else if (TimeOnly.TryParseExact(d.End, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var endTime)) end = start.Date + endTime.ToTimeSpan();
                else { errors.Add($"{where}, date {n}: end '{d.End}' is not 'yyyy-MM-dd HH:mm' or 'HH:mm'."); continue; }
                dates.Add(new OccurrenceDraft(start, end, d.Note));
            }

            MonthlyRule? rule = null;
            DateOnly? from = null, until = null;
            if (e.Rule is not null)
            {
                if (!MonthlyRule.TryParse(e.Rule, out rule))
                    errors.Add($"{where}: rule '{e.Rule}' is not understood; write e.g. 'elke derde zaterdag van de maand om 10:00'.");
                from = ParseDate(e.From, where, "from", errors);
                until = ParseDate(e.Until, where, "until", errors);
            }
            if (e.Duration is not null && ParseDuration(e.Duration) is null) errors.Add($"{where}: duration '{e.Duration}' is not 'H:mm'.");
            if (dates.Count == 0 && e.Rule is null) errors.Add($"{where}: give 'dates' or a 'rule'.");

            drafts.Add(new EventDraft
            {
                ImportKey = e.Id?.Trim(), Title = e.Title?.Trim() ?? "", Kind = kind, Description = e.Description?.Trim() ?? "",
                Location = e.Location?.Trim() ?? "", Organiser = e.Organiser?.Trim() ?? "", Capacity = e.Capacity,
                Audience = audience, AudienceIds = audienceIds, Dates = dates, Rule = rule, RuleFrom = from, RuleUntil = until,
                RuleDuration = ParseDuration(e.Duration) ?? TimeSpan.FromHours(2),
            });
        }
        if (Events.Count == 0) errors.Add("The file has no events (expected a top-level 'events:' list).");
        if (errors.Count > 0) throw new EventValidationException(string.Join(Environment.NewLine, errors));
        return drafts;
    }

    private static DateOnly? ParseDate(string? text, string where, string field, List<string> errors)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors.Add($"{where}: {field} '{text}' is not 'yyyy-MM-dd'.");
        return null;
    }

    private static TimeSpan? ParseDuration(string? text) =>
        text is not null && TimeSpan.TryParseExact(text, [@"h\:mm", @"hh\:mm"], CultureInfo.InvariantCulture, out var duration) && duration > TimeSpan.Zero
            ? duration : null;
}
