using System.Collections.Concurrent;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Meldingen.Places;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// Answers the platform questions of turns, outside the engine's writer loop: every call has a short timeout
/// (Conversations:PlatformCallTimeout) and yes/no facts and admin lists are kept for Conversations:PlatformCacheFor, so a
/// hanging platform costs the one person waiting for it a few seconds and everyone else nothing.
/// </summary>
public sealed class PlatformFactFetcher(
    Channels channels, IEnumerable<IPhotoDownloader> downloaders, MeldingPhotoStore photos, PlaceFinder places, IOptions<ConversationOptions> options,
    TimeProvider clock, ILogger<PlatformFactFetcher> log)
{
    private const int MaxCached = 2000;
    private readonly ConcurrentDictionary<PlatformQuery, (PlatformAnswer Answer, DateTimeOffset Until)> _cache = new();

    public async Task<PlatformAnswer> FetchAsync(PlatformQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cacheable = query is not PhotoQuery;
        if (cacheable && _cache.TryGetValue(query, out var hit) && hit.Until > now) return hit.Answer;

        var timeout = query is PhotoQuery ? options.Value.PhotoDownloadTimeout : options.Value.PlatformCallTimeout;
        using var timer = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            // WaitAsync as well: a channel that ignores its token must not keep the turn waiting either.
            var answer = PlatformAnswer.Of(await AskAsync(query, linked.Token).WaitAsync(timeout, clock, ct));
            if (cacheable) Remember(query, answer, now);
            return answer;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("Platform call {Query} on {Channel} failed: {Error}", query.GetType().Name, query.Channel, ex.GetType().Name);
            return PlatformAnswer.Failed(ex.GetType().Name);
        }
    }

    private async Task<object> AskAsync(PlatformQuery query, CancellationToken ct)
    {
        if (query is PhotoQuery photo) return await DownloadAsync(photo, ct);
        if (query is GeocoderQuery geocoder) return await PlaceFacts.AnswerAsync(places, geocoder, ct);
        if (!channels.TryGet(query.Channel, out var channel)) throw new InvalidOperationException($"Channel {query.Channel} is not configured.");
        return query switch
        {
            GroupAdminQuery q => await channel.IsGroupAdminAsync(q.ChatId, q.UserId, ct),
            GroupAdminsQuery q => await channel.GetGroupAdminsAsync(q.ChatId, ct),
            GroupMemberQuery q => await channel.IsGroupMemberAsync(q.ChatId, q.UserId, ct),
            _ => throw new NotSupportedException(query.GetType().Name),
        };
    }

    private async Task<DownloadedPhoto> DownloadAsync(PhotoQuery query, CancellationToken ct)
    {
        var downloader = downloaders.FirstOrDefault(d => d.Kind == query.Channel)
            ?? throw new InvalidOperationException($"Channel {query.Channel} has no photos.");
        // A concept file: the dialog moves it where it belongs, and one nobody took is tidied with the other stale concepts.
        var path = photos.NewConceptPath();
        try
        {
            // Cleaned of EXIF and the like on the way in: the original, GPS position and all, never reaches the disk.
            var size = await PhotoScrubber.DownloadCleanAsync(downloader, query.FileId, path, long.MaxValue, ct);
            return new DownloadedPhoto(path, size, TooLarge: false);
        }
        catch (InvalidDataException)
        {
            MeldingPhotoStore.Delete([path]);
            return new DownloadedPhoto(null, 0, TooLarge: true);
        }
        catch
        {
            MeldingPhotoStore.Delete([path]);
            throw;
        }
    }

    private void Remember(PlatformQuery query, PlatformAnswer answer, DateTimeOffset now)
    {
        if (_cache.Count >= MaxCached)
            foreach (var old in _cache.Where(e => e.Value.Until <= now).Select(e => e.Key).ToList()) _cache.TryRemove(old, out _);
        if (_cache.Count >= MaxCached) _cache.Clear();
        _cache[query] = (answer, now + options.Value.PlatformCacheFor);
    }
}
