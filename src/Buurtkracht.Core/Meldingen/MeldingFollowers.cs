using System.Globalization;
using System.Text.RegularExpressions;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Meldingen;

/// <summary>
/// A resident who said "Ja, deze" to a neighbour's open melding instead of making a new one: they get the same status
/// messages (and the "is het opgelost?" question) as the reporter. Holds a chat link, so /vergeetmij removes it.
/// </summary>
public sealed class MeldingFollower
{
    public int Id { get; set; }
    public int MeldingId { get; set; }
    public Melding? Melding { get; set; }
    public int MemberId { get; set; }
    public Member? Member { get; set; }

    /// <summary>The private chat the follower was in; the status messages go there.</summary>
    public ChannelKind Channel { get; set; }
    public string ChatId { get; set; } = "";
    public string Language { get; set; } = Languages.Dutch;
    public DateTimeOffset CreatedAt { get; set; }

    public ChatAddress Chat => new(Channel, ChatId);
}

/// <summary>An open melding near a new one, as the resident is shown it: no name, no contact, a description without personal data.</summary>
public sealed record NearbyMelding(int Id, string Reference, DateTimeOffset CreatedAt, string Category, string Summary, int DistanceMeters);

/// <summary>
/// Open meldingen of the same category close to a place and recent (Meldingen:Nearby), for "Is het een van deze?". The
/// distance is computed on the stored latitude and longitude, so it works for shared locations and geocoded addresses alike.
/// </summary>
public static partial class NearbyMeldingen
{
    private const double EarthRadiusMeters = 6_371_000;

    /// <param name="memberId">The resident asking: their own meldingen are not shown (they hear about those already).</param>
    public static async Task<IReadOnlyList<NearbyMelding>> FindAsync(
        BuurtkrachtDb db, int categoryId, double latitude, double longitude, int memberId, DateTimeOffset now, NearbyOptions options, bool demo,
        CancellationToken ct = default)
    {
        var since = now - options.Window;
        // A box around the point in SQL (indexable and provider-neutral), the exact distance in memory.
        var dLat = options.RadiusMeters / EarthRadiusMeters * 180 / Math.PI;
        var dLon = dLat / Math.Cos(latitude * Math.PI / 180);
        var (minLat, maxLat, minLon, maxLon) = (latitude - dLat, latitude + dLat, longitude - dLon, longitude + dLon);
        var candidates = await db.Meldingen.AsNoTracking()
            .Where(m => m.CategoryId == categoryId && m.Status != MeldingStatus.Afgehandeld && m.CreatedAt >= since && m.IsDemo == demo
                && (m.MemberId == null || m.MemberId != memberId)
                && m.Latitude != null && m.Longitude != null
                && m.Latitude >= minLat && m.Latitude <= maxLat && m.Longitude >= minLon && m.Longitude <= maxLon)
            .Select(m => new { m.Id, m.Reference, m.CreatedAt, m.CategoryName, m.Description, m.Latitude, m.Longitude })
            .ToListAsync(ct);
        return candidates
            .Select(m => new NearbyMelding(m.Id, m.Reference, m.CreatedAt, m.CategoryName, Summarise(m.Description),
                (int)Math.Round(DistanceMeters(latitude, longitude, m.Latitude!.Value, m.Longitude!.Value))))
            .Where(m => m.DistanceMeters <= options.RadiusMeters)
            .OrderBy(m => m.DistanceMeters).ThenByDescending(m => m.CreatedAt)
            .Take(options.MaxShown).ToList();
    }

    /// <summary>Great-circle distance (haversine).</summary>
    public static double DistanceMeters(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lon2 - lon1) / 2), 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public const int SummaryWords = 10;

    /// <summary>
    /// The first words of a description as another resident may see them: e-mail addresses, phone numbers and long digit
    /// runs go, and so does every capitalised word that does not start a sentence, because those are where names are.
    /// </summary>
    public static string Summarise(string description)
    {
        var text = Email().Replace(description, "…");
        text = Phone().Replace(text, "…");
        var words = Spaces().Split(text.Trim()).Where(w => w.Length > 0).ToList();
        var kept = new List<string>();
        var sentenceStart = true;
        foreach (var word in words)
        {
            var letters = word.TrimStart('"', '\'', '(');
            var capitalised = letters.Length > 0 && char.IsUpper(letters[0]);
            kept.Add(capitalised && !sentenceStart ? "…" : word);
            sentenceStart = word.EndsWith('.') || word.EndsWith('!') || word.EndsWith('?');
            if (kept.Count == SummaryWords) break;
        }
        // "… …" reads as one gap.
        var summary = string.Join(' ', kept).Replace("… …", "…", StringComparison.Ordinal);
        return words.Count > SummaryWords ? summary.TrimEnd('.', ',', ';', ':') + " …" : summary;
    }

    /// <summary>Makes the resident a follower of the melding; false when they already follow it or made it themselves.</summary>
    public static async Task<bool> FollowAsync(BuurtkrachtDb db, Melding melding, Member member, ChatAddress chat, DateTimeOffset now, CancellationToken ct = default)
    {
        if (melding.MemberId == member.Id) return false;
        if (await db.MeldingFollowers.AnyAsync(f => f.MeldingId == melding.Id && f.MemberId == member.Id, ct)) return false;
        db.MeldingFollowers.Add(new MeldingFollower
        {
            MeldingId = melding.Id, Member = member, Channel = chat.Channel, ChatId = chat.ChatId, Language = member.Language, CreatedAt = now,
        });
        return true;
    }

    public static string Day(DateTimeOffset at) => Scheduling.Amsterdam.ToLocal(at).ToString("d-M-yyyy", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\S+@\S+")]
    private static partial Regex Email();

    [GeneratedRegex(@"(\+?\d[\d\s\-]{5,}\d)")]
    private static partial Regex Phone();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
