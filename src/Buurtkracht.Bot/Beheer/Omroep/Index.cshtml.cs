using System.Globalization;
using Buurtkracht.Core.Broadcasts;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Beheer.Omroep;

/// <summary>
/// /beheer/omroep: compose a broadcast, see it as residents will, send it now or at a time, withdraw a scheduled one;
/// through the same BroadcastService as /omroep and `broadcast send`.
/// </summary>
[RequestSizeLimit(2 * BroadcastPhotos.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * BroadcastPhotos.MaxBytes)]
public sealed class IndexModel(BuurtkrachtDb db, BroadcastService broadcasts, BroadcastPhotos photos, TimeProvider clock) : BeheerPageModel
{
    /// <summary>The compose form; <see cref="Photo"/> is the stored picture's file name once the preview has accepted it.</summary>
    public sealed record Command
    {
        /// <summary>"alle", "buurt", "groepen" or "beheerders".</summary>
        public string? Audience { get; set; } = "alle";
        public int? BuurtId { get; set; }
        public List<int> GroupIds { get; set; } = [];
        public string? Text { get; set; }
        public string? Link { get; set; }

        /// <summary>"nu" or "later".</summary>
        public string? When { get; set; } = "nu";
        public string? Date { get; set; }
        public string? Time { get; set; }
        public string? Photo { get; set; }
    }

    [BindProperty]
    public Command Input { get; set; } = new();

    public List<Buurt> Buurten { get; private set; } = [];
    public List<StreetGroup> Groups { get; private set; } = [];
    public List<Broadcast> Recent { get; private set; } = [];
    public List<string> Problems { get; } = [];
    public string? Message { get; private set; }

    /// <summary>What residents will get, after a successful preview.</summary>
    public OutgoingMessage? Preview { get; private set; }
    public int PreviewTargets { get; private set; }
    public DateTimeOffset? PreviewSendAt { get; private set; }

    public async Task OnGetAsync(string? ingetrokken, CancellationToken ct)
    {
        if (ingetrokken is not null) Message = T("Beheer.Omroep.Index.TheMessageIsWithdrawnItWill");
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? photo, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (photo is { Length: > 0 })
        {
            var (path, problem) = await photos.SaveUploadAsync(photo.OpenReadStream(), photo.Length, ct);
            if (path is not null) Input.Photo = Path.GetFileName(path);
            else Problems.Add(problem == BroadcastPhotos.UploadProblem.TooLarge
                ? T("Beheer.Omroep.Index.ThisPhotoIsTooLargeA", BroadcastPhotos.MaxBytes / 1024 / 1024)
                : T("Beheer.Omroep.Index.ThisFileIsNotAPhoto"));
        }
        if (Validate() is not { } draft) return Page();
        Preview = BroadcastMessages.Render(draft.Text, draft.Link, draft.PhotoPath);
        PreviewTargets = (await broadcasts.ResolveAsync(db, draft.Audience, draft.Ids, ct)).Count;
        PreviewSendAt = draft.SendAt;
        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Validate() is not { } draft) return Page();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var broadcast = await broadcasts.CreateAsync(db, draft, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Redirect($"/beheer/omroep/rapport/{broadcast.Id}");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int broadcastId, CancellationToken ct)
    {
        if (await broadcasts.CancelAsync(db, broadcastId, Viewer.AuditActor, clock.GetUtcNow(), ct)) return Redirect("/beheer/omroep?ingetrokken=1");
        await LoadAsync(ct);
        Problems.Add(T("Beheer.Omroep.Index.ThisMessageCanNoLongerBe"));
        return Page();
    }

    /// <summary>The photo of the preview, from the broadcast photo folder only.</summary>
    public IActionResult OnGetPhoto(string? name) =>
        photos.Find(name) is { } path ? PhysicalFile(path, path.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg") : NotFound();

    public string PhotoUrl(string path) => $"/beheer/omroep?handler=Photo&name={Uri.EscapeDataString(Path.GetFileName(path))}";

    /// <summary>The form as a draft, with every problem listed in plain Dutch; the same rules as /omroep and the CLI.</summary>
    private BroadcastDraft? Validate()
    {
        var (kind, ids) = Input.Audience switch
        {
            "buurt" when Input.BuurtId is { } id && Buurten.Any(b => b.Id == id) => (BroadcastAudienceKind.Buurt, new List<int> { id }),
            "groepen" when Input.GroupIds.Count > 0 && Input.GroupIds.All(id => Groups.Any(g => g.Id == id)) => (BroadcastAudienceKind.Groups, Input.GroupIds.Distinct().ToList()),
            "beheerders" => (BroadcastAudienceKind.Moderators, []),
            "alle" => (BroadcastAudienceKind.AllGroups, []),
            _ => ((BroadcastAudienceKind?)null, new List<int>()),
        };
        if (kind is null) Problems.Add(Input.Audience switch
        {
            "buurt" => T("Beheer.Omroep.Index.ChooseABuurt2"),
            "groepen" => T("Beheer.Omroep.Index.ChooseOneOrMoreGroups"),
            _ => T("Beheer.Omroep.Index.ChooseWhoGetsTheMessage"),
        });
        var text = Input.Text?.Trim() ?? "";
        if (!BroadcastService.IsValidText(text)) Problems.Add(T("Beheer.Omroep.Index.TypeAMessageOf3To"));
        var link = string.IsNullOrWhiteSpace(Input.Link) ? null : Input.Link.Trim();
        if (link is not null && !BroadcastService.IsValidLink(link)) Problems.Add(T("Beheer.Omroep.Index.ALinkStartsWithHttpsOr"));
        string? photoPath = null;
        if (Input.Photo is { Length: > 0 } && (photoPath = photos.Find(Input.Photo)) is null)
            Problems.Add(T("Beheer.Omroep.Index.ThePhotoIsGoneChooseIt"));
        DateTimeOffset? sendAt = null;
        if (Input.When == "later")
        {
            var now = clock.GetUtcNow();
            if (ParseLocal(Input.Date, Input.Time) is { } local && BroadcastService.IsValidSendAt(EventTime.ToInstant(local), now)) sendAt = EventTime.ToInstant(local);
            else Problems.Add(T("Beheer.Omroep.Index.ChooseADateAndTimeIn"));
        }
        if (Problems.Count > 0) return null;
        return new BroadcastDraft(kind!.Value, ids, text, link, photoPath, Viewer.AuditActor, Viewer.MemberId, sendAt);
    }

    private static DateTime? ParseLocal(string? date, string? time) =>
        DateTime.TryParseExact($"{date?.Trim()} {time?.Trim()}", ["yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? local : null;

    private async Task LoadAsync(CancellationToken ct)
    {
        Buurten = await db.Buurten.AsNoTracking().OrderBy(b => b.SortOrder).ThenBy(b => b.Name).ToListAsync(ct);
        Groups = await db.StreetGroups.AsNoTracking().Where(g => g.IsActive).OrderBy(g => g.Title).ToListAsync(ct);
        Recent = await db.Set<Broadcast>().AsNoTracking().OrderByDescending(b => b.Id).Take(20).ToListAsync(ct);
    }

    /// <summary>The audience as a coördinator reads it.</summary>
    public string Describe(Broadcast b) => b.AudienceKind switch
    {
        BroadcastAudienceKind.AllGroups => T("Beheer.Omroep.Index.AllGroups"),
        BroadcastAudienceKind.Buurt => T("Beheer.Omroep.Index.Buurt") + " " + string.Join(", ", Buurten.Where(x => b.Ids.Contains(x.Id)).Select(x => x.Name)),
        BroadcastAudienceKind.Groups => T("Beheer.Omroep.Index.ChosenGroups") + $" ({b.Ids.Count})",
        _ => T("Beheer.Omroep.Index.ModeratorsOnly"),
    };

    public string Status(BroadcastStatus status) => status switch
    {
        BroadcastStatus.Scheduled => T("Beheer.Omroep.Index.Scheduled"),
        BroadcastStatus.Sending => T("Beheer.Omroep.Index.Sending"),
        BroadcastStatus.Done => T("Beheer.Omroep.Index.Sent"),
        _ => T("Beheer.Omroep.Index.Withdrawn"),
    };
}
