using System.Text;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;

namespace Buurtkracht.Bot.Beheer.Activiteiten;

/// <summary>
/// /beheer/activiteiten/programma: upload a YAML year programme, see a dry run of what it would plan, then import it,
/// through the same EventService.ImportAsync as `events import`.
/// </summary>
[RequestSizeLimit(2 * MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * MaxBytes, ValueLengthLimit = 2 * MaxBytes)]
public sealed class ProgrammaModel(BuurtkrachtDb db, EventService events, TimeProvider clock) : BeheerPageModel
{
    public const int MaxBytes = 256 * 1024;

    /// <summary>The checked file's text, sent back with "Importeren" so the server checks it again before it imports.</summary>
    public sealed record ImportCommand(string? Yaml);

    public string? Yaml { get; private set; }
    public IReadOnlyList<ImportRow>? Preview { get; private set; }
    public IReadOnlyList<ImportRow>? Imported { get; private set; }
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostCheckAsync(IFormFile? file, CancellationToken ct)
    {
        var text = await ReadAsync(file, ct);
        if (text is null) return Page();
        Preview = await RunAsync(text, dryRun: true, ct);
        if (Preview is not null) Yaml = text;
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(ImportCommand command, CancellationToken ct)
    {
        if (command.Yaml is not { Length: > 0 } yaml || Encoding.UTF8.GetByteCount(yaml) > MaxBytes)
        {
            Problems = [T("Beheer.Activiteiten.Programma.ChooseAFileAndCheckIt")];
            return Page();
        }
        Imported = await RunAsync(yaml, dryRun: false, ct);
        return Page();
    }

    private async Task<List<ImportRow>?> RunAsync(string yaml, bool dryRun, CancellationToken ct)
    {
        try
        {
            return await events.ImportAsync(db, yaml, dryRun, Viewer.AuditActor, clock.GetUtcNow(), ct);
        }
        catch (EventValidationException ex)
        {
            Problems = ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return null;
        }
    }

    /// <summary>The upload as text, or null with the problem: missing, too large, not .yaml/.yml, or not plain UTF-8 text.</summary>
    private async Task<string?> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            Problems = [T("Beheer.Activiteiten.Programma.ChooseAFile2")];
        else if (file.Length > MaxBytes)
            Problems = [T("Beheer.Activiteiten.Programma.ThisFileIsTooLargeA", MaxBytes / 1024)];
        else if (Path.GetExtension(file.FileName).ToLowerInvariant() is not (".yaml" or ".yml"))
            Problems = [T("Beheer.Activiteiten.Programma.ThisIsNotAYAMLFile")];
        if (Problems.Count > 0) return null;

        using var buffer = new MemoryStream();
        await file!.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            if (!text.Contains('\0')) return text.TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
        }
        Problems = [T("Beheer.Activiteiten.Programma.ThisFileIsNotTextSave")];
        return null;
    }
}
