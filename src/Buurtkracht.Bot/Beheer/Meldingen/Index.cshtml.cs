using System.Globalization;
using Buurtkracht.Core.Beheer;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Bot.Beheer.Meldingen;

/// <summary>
/// The meldingen: a filtered, paged list, a map and the exports for coördinatoren; a moderator sees the meldingen in
/// the streets of their groups, without anything that could point to a person (no description, address or map).
/// </summary>
public sealed class IndexModel(BuurtkrachtDb db, IOptions<BeheerOptions> options, TimeProvider clock) : BeheerPageModel
{
    public const int PageSize = 25;
    private const int MaxMarkers = 2000;

    /// <summary>The filters, as the URL carries them; a value that does not parse is left out.</summary>
    public sealed record Query
    {
        [FromQuery(Name = "buurt")] public int? Buurt { get; init; }
        [FromQuery(Name = "thema")] public MeldingTheme? Thema { get; init; }
        [FromQuery(Name = "categorie")] public int? Categorie { get; init; }
        [FromQuery(Name = "status")] public MeldingStatus? Status { get; init; }
        [FromQuery(Name = "van")] public DateOnly? Van { get; init; }
        [FromQuery(Name = "tot")] public DateOnly? Tot { get; init; }
        [FromQuery(Name = "doorsturen")] public ForwardingState? Doorsturen { get; init; }
        [FromQuery(Name = "pagina")] public int Pagina { get; init; } = 1;

        public MeldingFilter ToFilter() => new(Buurt, Thema, Categorie, Status, Van, Tot, Doorsturen);

        /// <summary>The filters as query values, for the paging links, the map and the exports.</summary>
        public Dictionary<string, string> Values(int? page = null)
        {
            var values = new Dictionary<string, string>();
            void Add(string key, object? value)
            {
                if (value is not null) values[key] = Convert.ToString(value, CultureInfo.InvariantCulture)!;
            }
            Add("buurt", Buurt);
            Add("thema", Thema);
            Add("categorie", Categorie);
            Add("status", Status);
            Add("van", Van?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("tot", Tot?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("doorsturen", Doorsturen);
            if (page is > 1) Add("pagina", page);
            return values;
        }
    }

    /// <summary>One line of the list; Place is the street only for moderators.</summary>
    public sealed record Row(int Id, string Reference, DateTime CreatedAt, MeldingTheme Theme, string Category, string? Place,
        MeldingStatus Status, IReadOnlyList<(string Sink, ForwardingState State, bool PossibleDuplicate)> Forwards);

    /// <summary>One marker on the map, read by wwwroot/beheer/meldingen-map.js.</summary>
    public sealed record Marker(string Reference, double Lat, double Lon, string Category, string Status, string Url);

    public Query Filter { get; private set; } = new();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<(int Id, string Name)> Buurten { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name, MeldingTheme Theme)> Categories { get; private set; } = [];
    public string MapTiles => options.Value.MapTiles;
    public bool InvalidFilter { get; private set; }

    public async Task OnGetAsync([FromQuery] Query query, CancellationToken ct)
    {
        InvalidFilter = !ModelState.IsValid;
        Filter = query with { Pagina = Math.Max(1, query.Pagina) };
        Buurten = (await db.Buurten.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Name).Select(b => new { b.Id, b.Name }).ToListAsync(ct))
            .Select(b => (b.Id, b.Name)).ToList();
        Categories = (await db.MeldingCategories.AsNoTracking().OrderBy(c => c.Theme).ThenBy(c => c.SortOrder).ToListAsync(ct))
            .Select(c => (c.Id, c.Name(Language), c.Theme)).ToList();

        var found = await MeldingSearch.QueryAsync(db, Filter.ToFilter(), Viewer.GroupFilter, ct);
        Total = await found.CountAsync(ct);
        if (Filter.Pagina > PageCount) Filter = Filter with { Pagina = PageCount };
        var page = await found.Include(m => m.Forwards).OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((Filter.Pagina - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Rows = page.Select(m => new Row(
            m.Id, m.Reference, Amsterdam.ToLocal(m.CreatedAt), m.Theme, m.CategoryName, Viewer.SeesAll ? m.Address : m.Street, m.Status,
            Viewer.SeesAll ? m.Forwards.OrderBy(f => f.Sink).Select(f => (f.Sink, f.State, f.PossibleDuplicate)).ToList() : [])).ToList();
    }

    /// <summary>The markers for the list's filters; coördinatoren only, as a shared location can point to a home.</summary>
    public async Task<IActionResult> OnGetKaartAsync([FromQuery] Query query, CancellationToken ct)
    {
        if (!Viewer.SeesAll) return Forbid();
        var found = await MeldingSearch.QueryAsync(db, query.ToFilter(), null, ct);
        var points = await found.Where(m => m.Latitude != null && m.Longitude != null).OrderByDescending(m => m.CreatedAt).Take(MaxMarkers)
            .Select(m => new { m.Id, m.Reference, m.Latitude, m.Longitude, m.CategoryName, m.Status }).ToListAsync(ct);
        return new JsonResult(points.Select(p => new Marker(p.Reference, p.Latitude!.Value, p.Longitude!.Value, p.CategoryName,
            StatusLabel(p.Status), $"/beheer/meldingen/{p.Id}")));
    }

    public Task<IActionResult> OnGetCsvAsync([FromQuery] Query query, CancellationToken ct) =>
        ExportAsync(query, "csv", MeldingExport.CsvContentType, MeldingExport.WriteCsvAsync, ct);

    public Task<IActionResult> OnGetXlsxAsync([FromQuery] Query query, CancellationToken ct) =>
        ExportAsync(query, "xlsx", MeldingExport.XlsxContentType, MeldingExport.WriteXlsxAsync, ct);

    /// <summary>The same export as the CLI's, with the list's filters; coördinatoren only (it holds the descriptions).</summary>
    private async Task<IActionResult> ExportAsync(Query query, string extension, string contentType,
        Func<Stream, IEnumerable<MeldingExportRow>, CancellationToken, Task> write, CancellationToken ct)
    {
        if (!Viewer.SeesAll) return Forbid();
        var found = await MeldingSearch.QueryAsync(db, query.ToFilter(), null, ct);
        var rows = await MeldingExport.RowsAsync(db, found, ct);
        var buffer = new MemoryStream();
        await write(buffer, rows, ct);
        buffer.Position = 0;
        var day = Amsterdam.ToLocal(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return File(buffer, contentType, $"meldingen-{day}.{extension}");
    }

    public string StatusLabel(MeldingStatus status) => MeldingLabels.Status(status).In(Language);

    public string ForwardingLabel(ForwardingState state) => MeldingLabels.Forwarding(state).In(Language);
}
