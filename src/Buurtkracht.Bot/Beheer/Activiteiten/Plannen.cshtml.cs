using System.Globalization;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Beheer.Activiteiten;

/// <summary>/beheer/activiteiten/plannen: plan a one-off, multi-day or monthly activity, through the same EventService as the CLI.</summary>
public sealed class PlannenModel(BuurtkrachtDb db, EventService events, TimeProvider clock) : BeheerPageModel
{
    private const int MaxDays = 31;

    /// <summary>What the form sends. Dates and times are Europe/Amsterdam wall-clock values from date and time inputs.</summary>
    public sealed record Command
    {
        public string? Title { get; set; }
        public EventKind Kind { get; set; } = EventKind.Other;
        public string? Description { get; set; }
        public string? Location { get; set; }
        public string? Organiser { get; set; } = "Buurtkracht";
        public int? Capacity { get; set; }

        /// <summary>"alle" or "buurt:{id}".</summary>
        public string? Audience { get; set; } = "alle";

        /// <summary>"eenmalig", "meerdaags" or "maandelijks".</summary>
        public string? Repeat { get; set; } = "eenmalig";

        public string? Date { get; set; }
        public string? LastDate { get; set; }
        public string? StartTime { get; set; }
        public string? EndTime { get; set; }

        /// <summary>1–4, or -1 for the last.</summary>
        public int Nth { get; set; } = 1;
        public DayOfWeek Day { get; set; } = DayOfWeek.Saturday;
    }

    [BindProperty]
    public Command Input { get; set; } = new();

    public List<Buurt> Buurten { get; private set; } = [];
    public List<string> Problems { get; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Buurten = await BuurtenAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Buurten = await BuurtenAsync(ct);
        var now = clock.GetUtcNow();
        var entry = ToEntry(Input, now);
        if (entry is null) return Page();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Event ev;
        try
        {
            ev = await events.PlanAsync(db, entry, Viewer.MemberId, Viewer.AuditActor, now, ct);
        }
        catch (EventValidationException ex)
        {
            Problems.Add(ex.Message);
            return Page();
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Redirect($"/beheer/activiteiten/activiteit/{ev.Id}?gepland=1");
    }

    private Task<List<Buurt>> BuurtenAsync(CancellationToken ct) => db.Buurten.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ToListAsync(ct);

    /// <summary>The form as a programme entry, or null with the problems listed in plain Dutch.</summary>
    private ProgrammeFile.ProgrammeEvent? ToEntry(Command input, DateTimeOffset now)
    {
        var title = input.Title?.Trim() ?? "";
        if (title.Length is < 3 or > 200) Problems.Add(T("Beheer.Activiteiten.Plannen.TypeANameOf3To"));
        if (input.Capacity is < 1) Problems.Add(T("Beheer.Activiteiten.Plannen.TheNumberOfPlacesIsAt"));
        var start = ParseTime(input.StartTime);
        var end = ParseTime(input.EndTime);
        if (start is null || end is null) Problems.Add(T("Beheer.Activiteiten.Plannen.FillInAStartAndAn"));
        else if (end <= start) Problems.Add(T("Beheer.Activiteiten.Plannen.TheEndTimeMustBeAfter"));
        var first = ParseDate(input.Date);
        var last = ParseDate(input.LastDate);
        if (first is null) Problems.Add(input.Repeat == "maandelijks"
            ? T("Beheer.Activiteiten.Plannen.FillInFromWhichDateThe")
            : T("Beheer.Activiteiten.Plannen.FillInADate"));
        if (input.Repeat == "meerdaags" && first is { } from && (last is null || last <= from || last.Value.DayNumber - from.DayNumber >= MaxDays))
            Problems.Add(T("Beheer.Activiteiten.Plannen.ForSeveralDaysFillInA", MaxDays));
        if (input.Repeat is not ("eenmalig" or "meerdaags" or "maandelijks")) Problems.Add(T("Beheer.Activiteiten.Plannen.ChooseHowOftenTheActivityIs"));
        if (input.Nth is < -1 or 0 or > 4 || !Enum.IsDefined(input.Day)) Problems.Add(T("Beheer.Activiteiten.Plannen.ChooseWhichDayOfTheMonth"));
        int? buurtId = null;
        if (input.Audience is not (null or "alle"))
        {
            if (input.Audience.StartsWith("buurt:", StringComparison.Ordinal) && int.TryParse(input.Audience["buurt:".Length..], out var id) && Buurten.Any(b => b.Id == id))
                buurtId = id;
            else Problems.Add(T("Beheer.Activiteiten.Plannen.ChooseWhoTheActivityIsFor"));
        }
        if (Problems.Count > 0) return null;

        var entry = new ProgrammeFile.ProgrammeEvent
        {
            Title = title, Kind = input.Kind.ToString(), Description = input.Description?.Trim(), Location = input.Location?.Trim(),
            Organiser = input.Organiser?.Trim(), Capacity = input.Capacity,
            Buurten = buurtId is { } b ? [Buurten.Single(x => x.Id == b).Name] : null,
        };
        if (input.Repeat == "maandelijks")
        {
            entry.Rule = new MonthlyRule(input.Nth, input.Day, start!.Value).ToString();
            entry.From = Text(first!.Value);
            entry.Until = last is { } until ? Text(until) : null;
            entry.Duration = (end!.Value - start.Value).ToString(@"h\:mm", CultureInfo.InvariantCulture);
            return entry;
        }
        var days = input.Repeat == "meerdaags" ? last!.Value.DayNumber - first!.Value.DayNumber + 1 : 1;
        entry.Dates = Enumerable.Range(0, days).Select(d => first!.Value.AddDays(d)).Select(day => new ProgrammeFile.ProgrammeDate
        {
            Start = $"{Text(day)} {start!.Value:HH\\:mm}", End = $"{Text(day)} {end!.Value:HH\\:mm}",
        }).ToList();
        if (EventTime.ToInstant(first!.Value.ToDateTime(start!.Value)) <= now)
        {
            Problems.Add(T("Beheer.Activiteiten.Plannen.ThatDateAndTimeHavePassed"));
            return null;
        }
        return entry;
    }

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    internal static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
}
