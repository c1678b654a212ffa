using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Meldingen.Places;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Buurtkracht.Core.Meldingen;

/// <summary>
/// Passes stored meldingen on to every configured sink, outside any dialog turn. A failure is recorded on the forward
/// (state Failed, attempts, last error) and retried with exponential backoff; nothing is ever given up or deleted.
/// "Being sent" is committed before each call, so an interrupted call is retried visibly (<see cref="MeldingForward.PossibleDuplicate"/>).
/// Also tidies: concept photos of abandoned dialogs, and personal data past its retention.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MeldingForwardingJob(
    BuurtkrachtDb db, IEnumerable<IMeldingSink> sinks, MeldingPhotoStore photos, IEnumerable<IPhotoDownloader> downloaders, PlaceFinder places,
    TimeProvider clock, IOptions<MeldingenOptions> options, IOptions<DemoMeldingOptions> demo, ILogger<MeldingForwardingJob> log) : IJob
{
    public static readonly JobKey Key = new("melding-forwarding", "meldingen");
    private const int BatchSize = 50;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RunAsync(ct);

    /// <summary>Forwards what is due now; returns how many forwards succeeded.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var forwardDemo = demo.Value.ForwardMeldingen;
        var due = await db.MeldingForwards.Include(f => f.Melding!).ThenInclude(m => m.Category)
            .Include(f => f.Melding!).ThenInclude(m => m.Attributes)
            .Where(f => f.State != ForwardingState.Forwarded && f.NextAttemptAt <= now && (forwardDemo || !f.Melding!.IsDemo))
            .OrderBy(f => f.NextAttemptAt).ThenBy(f => f.Id).Take(BatchSize).ToListAsync(ct);
        var forwarded = 0;
        var fetchFailed = new Dictionary<int, string>();
        var rechecked = new HashSet<int>();
        foreach (var forward in due)
        {
            if (forward.Melding!.AddressToCheck && rechecked.Add(forward.MeldingId)) await RecheckAddressAsync(forward.Melding, ct);
            var sink = sinks.FirstOrDefault(s => s.Name == forward.Sink);
            SinkResult result;
            // Photos first, for every sink (store-only too, so the CLI export has them): a sink gets the melding whole.
            var fetchError = fetchFailed.TryGetValue(forward.MeldingId, out var earlier)
                ? earlier
                : await FetchPhotosAsync(forward.Melding!, forward.Attempts + 1, ct);
            if (fetchError is not null)
            {
                // One try per melding and run: its other forwards need not wait for the same slow server again.
                fetchFailed[forward.MeldingId] = fetchError;
                result = new SinkResult.Failed(fetchError);
            }
            else if (sink is null)
            {
                result = new SinkResult.Failed($"sink '{forward.Sink}' is not configured any more");
            }
            else
            {
                await MarkSendingAsync(forward, ct);
                try
                {
                    result = await sink.ForwardAsync(forward.Melding!, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    result = new SinkResult.Failed(FailureReason(ex));
                }
            }
            if (Apply(forward, result, clock.GetUtcNow())) forwarded++;
            // Saved one by one: a crash halfway must not forward the finished ones again.
            await db.SaveChangesAsync(ct);
        }

        photos.DeleteStaleConcepts(TimeSpan.FromDays(2));
        await PurgePersonalDataAsync(ct);
        return forwarded;
    }

    /// <summary>
    /// Commits "being sent" before the sink is called. The job runs one at a time, so a forward that is still in that state
    /// when it is picked up was interrupted between the call and the stored answer (a kill, a save that failed): the
    /// other side may have it already, and the retry is marked as possibly sent twice instead of passing silently.
    /// </summary>
    private async Task MarkSendingAsync(MeldingForward forward, CancellationToken ct)
    {
        if (forward.State == ForwardingState.Sending)
        {
            forward.PossibleDuplicate = true;
            log.LogWarning("Melding {Reference}: an earlier attempt to {Sink} was interrupted after it may have arrived; sending again, marked 'mogelijk dubbel verstuurd'",
                forward.Melding!.Reference, forward.Sink);
        }
        forward.State = ForwardingState.Sending;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A second look at an address kept as typed while the geocoder was unreachable. Placed now: it goes with the BAG
    /// address and coordinates. Still unreachable, not found or in another municipality: it goes as typed and keeps the
    /// "adres nog controleren" mark for the coördinator; an address never holds a melding back.
    /// </summary>
    private async Task RecheckAddressAsync(Melding melding, CancellationToken ct)
    {
        try
        {
            var (address, search) = await places.RecheckAsync(melding.Address ?? "", ct);
            if (address is null)
            {
                log.LogWarning("Melding {Reference}: the typed address is still to check ({Outcome}); forwarded as typed",
                    melding.Reference, search.GetType().Name);
                return;
            }
            melding.Address = address.ShortName;
            melding.Street = address.Street;
            melding.Postcode = address.Postcode;
            melding.Town = address.Town;
            melding.BagId = address.Id;
            melding.Latitude = address.Latitude;
            melding.Longitude = address.Longitude;
            melding.AddressToCheck = false;
            log.LogInformation("Melding {Reference}: the typed address was found in the BAG before forwarding", melding.Reference);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("Melding {Reference}: the geocoder is still unreachable ({Error}); forwarded with the typed address",
                melding.Reference, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Downloads the melding's pending photos (see <see cref="PendingPhoto"/>) into its folder and puts the paths in the
    /// references' place, saved with the forward. Returns why this attempt must wait, or null when the melding can go.
    /// A photo over the cap is dropped; one the channel no longer has is dropped after PhotoFetchAttempts attempts, and
    /// any photo still failing after PhotoFetchGiveUpAfter too: a photo never holds a melding back for good.
    /// </summary>
    private async Task<string?> FetchPhotosAsync(Melding melding, int attempt, CancellationToken ct)
    {
        if (!melding.PhotoPaths.Any(p => PendingPhoto.TryParse(p, out _, out _))) return null;
        var o = options.Value;
        var giveUp = clock.GetUtcNow() - melding.CreatedAt >= o.PhotoFetchGiveUpAfter;
        var entries = new List<string>();
        string? error = null;
        foreach (var entry in melding.PhotoPaths)
        {
            if (!PendingPhoto.TryParse(entry, out var channel, out var fileId) || error is not null)
            {
                entries.Add(entry);
                continue;
            }
            var number = entries.Count + 1;
            var path = photos.PhotoPath(melding.Reference, number);
            try
            {
                if (downloaders.FirstOrDefault(d => d.Kind == channel) is not { } downloader)
                    throw new InvalidOperationException($"no photo downloader for {channel}");
                // Without its EXIF (GPS position, camera) before it is stored or any sink sees it.
                await PhotoScrubber.DownloadCleanAsync(downloader, fileId, path, o.MaxPhotoBytes, ct);
                entries.Add(path);
            }
            catch (InvalidDataException)
            {
                MeldingPhotoStore.Delete([path]);
                log.LogWarning("Melding {Reference}: photo {Number} is larger than allowed and is left out", melding.Reference, number);
            }
            catch (UnreadablePhotoException ex)
            {
                MeldingPhotoStore.Delete([path]);
                log.LogWarning("Melding {Reference}: photo {Number} is not a readable image and is left out ({Reason})", melding.Reference, number, ex.Message);
            }
            catch (FileNotFoundException) when (attempt >= o.PhotoFetchAttempts || giveUp)
            {
                MeldingPhotoStore.Delete([path]);
                log.LogWarning("Melding {Reference}: photo {Number} no longer exists on {Channel} and is left out", melding.Reference, number, channel);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                MeldingPhotoStore.Delete([path]);
                if (giveUp)
                {
                    log.LogWarning("Melding {Reference}: photo {Number} could not be fetched from {Channel} in time and is left out: {Error}",
                        melding.Reference, number, channel, ex.GetType().Name);
                    continue;
                }
                // Kept as a reference; the forward fails and is retried with the usual backoff.
                error = $"photo download: {ex.GetType().Name}: {ex.Message}";
                entries.Add(entry);
            }
        }
        // Saved in the same SaveChanges as the forward's outcome.
        melding.PhotoPaths = entries;
        return error;
    }

    /// <summary>
    /// Why a sink failed, for the log and LastError. An SMTP server's answer may quote addresses and the subject, so only
    /// its status code is kept; Open311 errors already carry status and error codes only (see Open311Client).
    /// </summary>
    internal static string FailureReason(Exception ex) => ex switch
    {
        System.Net.Mail.SmtpException smtp => $"{ex.GetType().Name}: {smtp.StatusCode}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };

    private bool Apply(MeldingForward forward, SinkResult result, DateTimeOffset now)
    {
        forward.Attempts++;
        switch (result)
        {
            case SinkResult.Forwarded ok:
                forward.State = ForwardingState.Forwarded;
                forward.ForwardedAt = now;
                forward.ExternalId = ok.ExternalId;
                forward.ExternalToken = ok.ExternalToken;
                forward.LastError = null;
                log.LogInformation("Melding {Reference} forwarded to {Sink}", forward.Melding!.Reference, forward.Sink);
                return true;
            case SinkResult.Failed failed:
                forward.State = ForwardingState.Failed;
                forward.LastError = failed.Reason.Length > 500 ? failed.Reason[..500] : failed.Reason;
                forward.NextAttemptAt = now + Backoff(forward.Attempts);
                log.LogWarning("Melding {Reference}: forwarding to {Sink} failed (attempt {Attempts}): {Reason}; retrying at {Next:O}",
                    forward.Melding!.Reference, forward.Sink, forward.Attempts, forward.LastError, forward.NextAttemptAt);
                return false;
            default:
                throw new InvalidOperationException($"Unknown sink result {result}");
        }
    }

    /// <summary>FirstRetryDelay, doubled per failed attempt, capped at MaxRetryDelay.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var delay = o.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        return TimeSpan.FromMilliseconds(Math.Min(delay, o.MaxRetryDelay.TotalMilliseconds));
    }

    /// <summary>Name, e-mail and photos (files and pending references) go once a melding has been afgehandeld for the retention period.</summary>
    private async Task PurgePersonalDataAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var before = now - TimeSpan.FromDays(options.Value.PersonalDataRetentionDays);
        var old = await db.Meldingen.Where(m => m.Status == MeldingStatus.Afgehandeld && m.PersonalDataRemovedAt == null && m.UpdatedAt < before)
            .OrderBy(m => m.Id).Take(100).ToListAsync(ct);
        foreach (var melding in old)
        {
            MeldingPhotoStore.Delete(melding.PhotoPaths);
            melding.PhotoPaths = [];
            melding.ReporterName = null;
            melding.ReporterEmail = null;
            melding.PersonalDataRemovedAt = now;
        }
        if (old.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            log.LogInformation("Removed personal data of {Count} closed meldingen past retention", old.Count);
        }
    }
}

/// <summary>
/// Terugkoppeling: asks the Open311 server about forwarded meldingen and tells the resident in their chat when the
/// status or the status notes changed (open: in behandeling, closed: afgehandeld).
/// </summary>
[DisallowConcurrentExecution]
public sealed class MeldingStatusJob(
    BuurtkrachtDb db, IServiceProvider services, TimeProvider clock, OutboxSignal outboxSignal,
    IOptions<MeldingenOptions> options, ILogger<MeldingStatusJob> log) : IJob
{
    public static readonly JobKey Key = new("melding-status", "meldingen");
    private const int BatchSize = 100;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct) => await RunAsync(ct);

    /// <summary>Polls the forwards that are due; returns how many residents were told something.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (services.GetService<Open311Client>() is not { } client) return 0;
        var now = clock.GetUtcNow();
        var pollBefore = now - options.Value.Open311.StatusPollInterval;
        var due = await db.MeldingForwards.Include(f => f.Melding)
            .Where(f => f.Sink == Open311Sink.SinkName && f.State == ForwardingState.Forwarded && f.Melding!.Status != MeldingStatus.Afgehandeld)
            .Where(f => f.LastPolledAt == null || f.LastPolledAt <= pollBefore)
            .OrderBy(f => f.LastPolledAt).Take(BatchSize).ToListAsync(ct);
        var told = 0;
        foreach (var forward in due)
        {
            forward.LastPolledAt = now;
            try
            {
                if (forward.ExternalId is null && forward.ExternalToken is { } token)
                    forward.ExternalId = await client.ResolveTokenAsync(token, ct);
                if (forward.ExternalId is { } id && await client.GetRequestAsync(id, ct) is { } request && Apply(forward, request, now))
                    told++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning("Status of melding {Reference} could not be read: {Error}", forward.Melding!.Reference, ex.Message);
            }
            await db.SaveChangesAsync(ct);
        }
        if (told > 0) outboxSignal.Notify();
        return told;
    }

    /// <summary>Records what the server says; true when the resident was sent a message.</summary>
    private bool Apply(MeldingForward forward, Open311Request request, DateTimeOffset now)
    {
        var status = request.Status?.Trim().ToLowerInvariant();
        var notes = string.IsNullOrWhiteSpace(request.StatusNotes) ? null : request.StatusNotes.Trim();
        if (status == forward.RemoteStatus && notes == forward.RemoteStatusNotes) return false;
        forward.RemoteStatus = status;
        forward.RemoteStatusNotes = notes;

        var melding = forward.Melding!;
        var newStatus = status switch
        {
            "closed" => MeldingStatus.Afgehandeld,
            "open" => MeldingStatus.InBehandeling,
            _ => melding.Status,
        };
        var told = MeldingStatusUpdate.Apply(db, melding, newStatus, notes, now);
        if (told) log.LogInformation("Melding {Reference} is now {Status}; resident told", melding.Reference, newStatus);
        return told;
    }
}

/// <summary>A new status for a melding (from the Open311 server or a coördinator), told to the resident in their chat.</summary>
public static class MeldingStatusUpdate
{
    /// <summary>Sets status and notes; when either changed, queues a plain-language message to the resident. True when told.</summary>
    public static bool Apply(BuurtkrachtDb db, Melding melding, MeldingStatus status, string? notes, DateTimeOffset now)
    {
        var notesChanged = notes != null && notes != melding.StatusNotes;
        // SetStatus writes the history row too, in the caller's SaveChanges.
        var changed = melding.SetStatus(status, now) || notesChanged;
        melding.StatusNotes = notes;
        melding.UpdatedAt = now;
        if (!changed) return false;

        var told = false;
        // A resident who was forgotten (/vergeetmij) left no chat to tell.
        if (melding.ChatId.Length > 0)
        {
            Outbox.Enqueue(db, melding.Chat, ChatKind.Private, OutgoingMessage.Plain(Text(MeldingTexts.StatusChanged, melding, melding.Language, status, notes)), now);
            told = true;
        }
        // Followers hear the same news, each in their own language.
        if (melding.Id != 0)
            foreach (var follower in db.MeldingFollowers.Where(f => f.MeldingId == melding.Id).ToList())
            {
                Outbox.Enqueue(db, follower.Chat, ChatKind.Private,
                    OutgoingMessage.Plain(Text(MeldingTexts.StatusChangedFollower, melding, follower.Language, status, notes)), now);
                told = true;
            }
        return told;
    }

    private static string Text(TextKey template, Melding melding, string language, MeldingStatus status, string? notes)
    {
        var text = template.In(language, melding.Reference, melding.CategoryName.ToLowerInvariant(), MeldingTexts.StatusName(status).In(language));
        if (notes is not null) text += "\n" + MeldingTexts.StatusNotes.In(language, notes);
        return text;
    }
}

/// <summary>Triggers the forwarding job right after a melding was stored, instead of waiting for the minute trigger.</summary>
public sealed class MeldingForwardingKick(
    MeldingForwardSignal signal, ISchedulerFactory schedulers, ServiceReadiness readiness, ILogger<MeldingForwardingKick> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await readiness.WhenDatabaseReady.WaitAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(ct);
                var scheduler = await schedulers.GetScheduler(ct);
                // On SQLite, Quartz' write waits for the turn's transaction, so the job sees the committed melding.
                await scheduler.TriggerJob(MeldingForwardingJob.Key, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The minute trigger picks the melding up anyway.
                log.LogWarning(ex, "Could not trigger melding forwarding now");
            }
        }
    }
}
