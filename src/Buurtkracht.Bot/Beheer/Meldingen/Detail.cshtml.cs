using System.Globalization;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Core.Scheduling;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Beheer.Meldingen;

/// <summary>
/// One melding: its status history, and for coördinatoren the description, contact, photos, forwarding attempts and
/// the status change that tells the resident. A moderator sees only what the list shows, for meldingen in their streets.
/// </summary>
public sealed class DetailModel(BuurtkrachtDb db, MeldingStatusChanger statusChanger, MeldingPhotoStore photoStore) : BeheerPageModel
{
    /// <summary>The status change a coördinator posts; the note reaches the resident in their chat.</summary>
    public sealed record StatusCommand
    {
        public MeldingStatus? Status { get; init; }
        public string? Note { get; init; }
    }

    public const int MaxNoteLength = 500;

    public Melding Melding { get; private set; } = null!;
    public IReadOnlyList<MeldingStatusChange> History { get; private set; } = [];

    /// <summary>Residents who follow this melding instead of making the same one again.</summary>
    public int Followers { get; private set; }

    /// <summary>The answers to "is het opgelost?" so far, per answer.</summary>
    public IReadOnlyDictionary<ResolvedAnswer, int> Resolved { get; private set; } = new Dictionary<ResolvedAnswer, int>();

    /// <summary>The reference of the melding this one reopens, if any.</summary>
    public string? ReopensReference { get; private set; }

    /// <summary>The photo numbers (from 1) that are stored; photos still to be fetched from the chat are not.</summary>
    public IReadOnlyList<int> Photos { get; private set; } = [];
    public int PendingPhotos { get; private set; }

    [BindProperty] public StatusCommand Command { get; set; } = new();

    /// <summary>Why a posted change was not saved.</summary>
    public string? Error { get; private set; }

    /// <summary>After a saved change: whether the resident was told.</summary>
    [FromQuery(Name = "opgeslagen")] public string? Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        Command = new StatusCommand { Status = Melding.Status, Note = Melding.StatusNotes };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (!Viewer.SeesAll) return Forbid();
        if (await LoadAsync(id, ct, tracked: true) is { } refused) return refused;
        Error = Command.Status is null || !ModelState.IsValid ? T("Beheer.Meldingen.Detail.ChooseOneOfTheStatuses")
            : Command.Note?.Trim().Length > MaxNoteLength ? T("Beheer.Meldingen.Detail.TheNoteIsTooLongAt", MaxNoteLength)
            : null;
        // The page shows again with what was typed, so nothing is lost.
        if (Error is not null) return Page();
        var told = await statusChanger.ChangeAsync(db, Melding, Command.Status!.Value, Command.Note, Viewer.AuditActor, ct);
        return Redirect($"/beheer/meldingen/{id}?opgeslagen={(told ? "verteld" : "gelijk")}");
    }

    /// <summary>A stored photo, through this check rather than a public path: coördinatoren only.</summary>
    public async Task<IActionResult> OnGetFotoAsync(int id, int n, CancellationToken ct)
    {
        if (!Viewer.SeesAll) return Forbid();
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (!Photos.Contains(n)) return NotFound();
        var path = Path.GetFullPath(Melding.PhotoPaths[n - 1]);
        // Only files in the photo store are handed out, whatever a row says.
        var root = Path.GetFullPath(photoStore.Root) + Path.DirectorySeparatorChar;
        if (!path.StartsWith(root, StringComparison.Ordinal) || !System.IO.File.Exists(path)) return NotFound();
        return PhysicalFile(path, "image/jpeg");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct, bool tracked = false)
    {
        var query = tracked ? db.Meldingen : db.Meldingen.AsNoTracking();
        var melding = await query.Include(m => m.Forwards).SingleOrDefaultAsync(m => m.Id == id, ct);
        // A moderator learns nothing about meldingen outside their streets, not even whether the id exists.
        if (!Viewer.SeesAll && (melding is null || !await MeldingSearch.IsVisibleAsync(db, id, Viewer.GroupFilter, ct))) return Forbid();
        if (melding is null) return NotFound();
        Melding = melding;
        History = await db.Set<MeldingStatusChange>().AsNoTracking().Where(c => c.MeldingId == id).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
        Photos = melding.PhotoPaths.Select((p, i) => (p, i + 1)).Where(x => !PendingPhoto.TryParse(x.p, out _, out _)).Select(x => x.Item2).ToList();
        PendingPhotos = melding.PhotoPaths.Count - Photos.Count;
        Followers = await db.MeldingFollowers.CountAsync(f => f.MeldingId == id, ct);
        Resolved = (await db.MeldingFeedback.AsNoTracking().Where(f => f.MeldingId == id && f.Answer != null).Select(f => f.Answer!.Value).ToListAsync(ct))
            .GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        ReopensReference = melding.ReopenedFromId is { } old ? await db.Meldingen.Where(o => o.Id == old).Select(o => o.Reference).FirstOrDefaultAsync(ct) : null;
        return null;
    }

    /// <summary>"Ja 3, Een beetje 1, Nee 0", or a dash before anyone answered.</summary>
    public string ResolvedSummary() => Resolved.Count == 0 ? "–"
        : string.Join(", ", Enum.GetValues<ResolvedAnswer>().Select(a => $"{ResolvedLabel(a)} {Resolved.GetValueOrDefault(a)}"));

    private string ResolvedLabel(ResolvedAnswer answer) => answer switch
    {
        ResolvedAnswer.Ja => T("Beheer.Meldingen.Detail.Yes"),
        ResolvedAnswer.EenBeetje => T("Beheer.Meldingen.Detail.Partly"),
        _ => T("Beheer.Meldingen.Detail.No"),
    };

    public string StatusLabel(MeldingStatus status) => MeldingLabels.Status(status).In(Language);

    public string ForwardingLabel(ForwardingState state) => MeldingLabels.Forwarding(state).In(Language);

    public static string Local(DateTimeOffset? instant) => instant is { } at ? Amsterdam.ToLocal(at).ToString("d-M-yyyy HH:mm", CultureInfo.InvariantCulture) : "–";
}
