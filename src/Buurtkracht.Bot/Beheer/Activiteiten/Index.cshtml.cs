using Buurtkracht.Core.Events;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Buurtkracht.Bot.Beheer.Activiteiten;

/// <summary>/beheer/activiteiten: the coming or past dates of activities with their RSVP counts and attendance.</summary>
public sealed class IndexModel(BuurtkrachtDb db, TimeProvider clock) : BeheerPageModel
{
    /// <summary>The filter in the URL: "komend" (default) or "voorbij".</summary>
    public sealed record Query(string Periode)
    {
        public bool Past => Periode == "voorbij";
    }

    [BindProperty(SupportsGet = true)]
    public string? Periode { get; set; }

    public Query Filter { get; private set; } = new("komend");

    public IReadOnlyList<OccurrenceRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter = new Query(Periode == "voorbij" ? "voorbij" : "komend");
        var now = clock.GetUtcNow();
        var all = await EventService.ListAsync(db, null, includePast: Filter.Past, now, ct);
        Rows = Filter.Past
            ? all.Where(r => r.End <= now || r.Cancelled).OrderByDescending(r => r.Start).ToList()
            : all;
    }
}
