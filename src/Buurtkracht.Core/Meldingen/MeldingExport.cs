using System.Globalization;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Scheduling;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SpreadCheetah;

namespace Buurtkracht.Core.Meldingen;

/// <summary>One melding as exported: no name, e-mail or chat id; whether the resident left contact details is a yes/no.</summary>
public sealed record MeldingExportRow(
    string Reference, string CreatedAt, string Theme, string Category, string? Address, double? Latitude, double? Longitude,
    string Description, string Status, string? StatusNotes, int Photos, bool Anonymous, string Channel, string Forwarding);

/// <summary>
/// The meldingen export of the dashboard and the CLI: CSV as Dutch Excel opens it in columns (semicolon, UTF-8 with a
/// byte order mark) and .xlsx. Column names are Dutch, as the coördinatoren read them.
/// </summary>
public static class MeldingExport
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "nummer", "gemaakt", "thema", "categorie", "adres", "breedtegraad", "lengtegraad", "omschrijving", "status",
        "toelichting", "fotos", "anoniem", "kanaal", "doorsturen",
    ];

    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// The rows of the meldingen a query finds, in number order: only the exported columns are read, and the forwards in
    /// one query of their own (an Include materialised every melding whole, description, photos and all, 10,000 at a time).
    /// </summary>
    public static async Task<List<MeldingExportRow>> RowsAsync(BuurtkrachtDb db, IQueryable<Melding> meldingen, CancellationToken ct = default)
    {
        var found = await meldingen.AsNoTracking().OrderBy(m => m.Id).Select(m => new
        {
            m.Id, m.Reference, m.CreatedAt, m.Theme, m.CategoryName, m.Address, m.Latitude, m.Longitude, m.Description,
            m.Status, m.StatusNotes, m.PhotoPaths, m.Anonymous, m.Channel,
        }).ToListAsync(ct);
        var forwards = (await db.Set<MeldingForward>().AsNoTracking().Where(f => meldingen.Select(m => m.Id).Contains(f.MeldingId))
                .Select(f => new { f.MeldingId, f.Sink, f.State }).ToListAsync(ct))
            .ToLookup(f => f.MeldingId);
        return found.Select(m => new MeldingExportRow(
            m.Reference,
            Amsterdam.ToLocal(m.CreatedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            m.Theme.ToString(), m.CategoryName, m.Address, m.Latitude, m.Longitude, m.Description,
            MeldingLabels.Status(m.Status).Nl, m.StatusNotes, m.PhotoPaths.Count, m.Anonymous, m.Channel.ToString().ToLowerInvariant(),
            string.Join(", ", forwards[m.Id].OrderBy(f => f.Sink).Select(f => $"{f.Sink}: {MeldingLabels.Forwarding(f.State).Nl}")))).ToList();
    }

    public static async Task WriteCsvAsync(Stream destination, IEnumerable<MeldingExportRow> rows, CancellationToken ct = default)
    {
        // Dutch Excel splits on ';' (',' is the decimal sign) and needs the BOM to read UTF-8; a description starting
        // with '=' must not run as a formula.
        var options = CsvWriterOptions.Default with { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(destination, options, true);
        foreach (var name in Columns) csv.WriteField(name);
        await csv.EndRecordAsync(ct);
        foreach (var r in rows)
        {
            foreach (var field in Fields(r)) csv.WriteField(field);
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    public static async Task WriteXlsxAsync(Stream destination, IEnumerable<MeldingExportRow> rows, CancellationToken ct = default)
    {
        // SpreadCheetah writes each row straight into the zip as it comes (MiniExcel over a DataTable held all 10,000 twice
        // and cost 0.2 s of CPU for them); the header row is there even when no melding matches.
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(destination, cancellationToken: ct);
        await spreadsheet.StartWorksheetAsync("Meldingen", token: ct);
        var cells = new Cell[Columns.Count];
        for (var i = 0; i < cells.Length; i++) cells[i] = new Cell(Columns[i]);
        await spreadsheet.AddRowAsync(cells, ct);
        foreach (var r in rows)
        {
            cells[0] = new Cell(r.Reference);
            cells[1] = new Cell(r.CreatedAt);
            cells[2] = new Cell(r.Theme);
            cells[3] = new Cell(r.Category);
            cells[4] = new Cell(r.Address);
            cells[5] = r.Latitude is { } lat ? new Cell(lat) : new Cell((string?)null);
            cells[6] = r.Longitude is { } lon ? new Cell(lon) : new Cell((string?)null);
            cells[7] = new Cell(r.Description);
            cells[8] = new Cell(r.Status);
            cells[9] = new Cell(r.StatusNotes);
            cells[10] = new Cell(r.Photos);
            cells[11] = new Cell(r.Anonymous ? "ja" : "nee");
            cells[12] = new Cell(r.Channel);
            cells[13] = new Cell(r.Forwarding);
            await spreadsheet.AddRowAsync(cells, ct);
        }
        await spreadsheet.FinishAsync(ct);
    }

    private static string[] Fields(MeldingExportRow r) =>
    [
        r.Reference, r.CreatedAt, r.Theme, r.Category, r.Address ?? "",
        // Dutch Excel reads a decimal comma; the separator is ';', so the comma needs no quoting trouble.
        Coordinate(r.Latitude), Coordinate(r.Longitude),
        r.Description, r.Status, r.StatusNotes ?? "", r.Photos.ToString(CultureInfo.InvariantCulture), r.Anonymous ? "ja" : "nee",
        r.Channel, r.Forwarding,
    ];

    private static string Coordinate(double? value) => value?.ToString("F6", CultureInfo.GetCultureInfo("nl-NL")) ?? "";
}
