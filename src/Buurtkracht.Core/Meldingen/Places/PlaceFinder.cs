using System.Globalization;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Meldingen.Places;

/// <summary>What looking up a typed address gave.</summary>
public abstract record AddressSearch
{
    private AddressSearch() { }

    /// <summary>Up to three addresses in the municipality, best first; the one chosen is looked up.</summary>
    public sealed record Found(IReadOnlyList<Suggestion> Matches) : AddressSearch;

    /// <summary>The address the resident means lies in another municipality (named in the text, or found only there).</summary>
    public sealed record Elsewhere(string Municipality) : AddressSearch;

    /// <summary>No such address anywhere.</summary>
    public sealed record NotFound : AddressSearch;
}

/// <summary>The address nearest to a shared point; Address is null when PDOK knows none near it.</summary>
public sealed record NearestAddress(BagAddress? Address, double Metres);

/// <summary>The address behind an id; Address is null when PDOK no longer knows the id.</summary>
public sealed record LookedUpAddress(BagAddress? Address);

/// <summary>Per typed street name: the BAG's spelling of it in the municipality, or null when it has no such street.</summary>
public sealed record StreetCheck(IReadOnlyDictionary<string, string?> Streets);

/// <summary>
/// The rules on top of the Locatieserver: which typed address is in the municipality (Meldingen:Municipality), which
/// names another town, which streets exist. An unreachable geocoder throws; the dialog and the forwarding job decide
/// what that means (the resident is never refused because of it).
/// </summary>
public sealed class PlaceFinder(LocatieserverClient geocoder, IOptions<MeldingenOptions> options)
{
    public const int MaxMatches = 3;

    private string Municipality => options.Value.Municipality;

    public async Task<AddressSearch> FindAsync(string typed, CancellationToken ct)
    {
        // Two questions at once: the best matches here, and the best match anywhere (to hear a town the resident named).
        var ours = geocoder.SuggestAsync(typed, "adres", Municipality, MaxMatches, ct);
        var anywhere = geocoder.FreeAsync(typed, 1, ct);
        await Task.WhenAll(ours, anywhere);
        var top = anywhere.Result.FirstOrDefault();
        if (top is not null && !IsOurs(top) && Names(typed, top)) return new AddressSearch.Elsewhere(top.Municipality);
        if (ours.Result.Count > 0) return new AddressSearch.Found(ours.Result);
        return top is not null && !IsOurs(top) ? new AddressSearch.Elsewhere(top.Municipality) : new AddressSearch.NotFound();
    }

    public async Task<NearestAddress> NearestAsync(double latitude, double longitude, CancellationToken ct) =>
        await geocoder.ReverseAsync(latitude, longitude, ct) is var (address, metres) ? new NearestAddress(address, metres) : new NearestAddress(null, 0);

    public async Task<LookedUpAddress> LookupAsync(string id, CancellationToken ct)
    {
        var address = await geocoder.LookupAsync(id, ct);
        return new LookedUpAddress(address is not null && IsOurs(address) ? address : null);
    }

    /// <summary>
    /// The forwarding job's second look at an address kept as typed: the best match in the municipality, or why there is
    /// none. Throws while the geocoder is still unreachable.
    /// </summary>
    public async Task<(BagAddress? Address, AddressSearch Search)> RecheckAsync(string typed, CancellationToken ct)
    {
        var search = await FindAsync(typed, ct);
        if (search is not AddressSearch.Found { Matches: [var best, ..] }) return (null, search);
        return ((await LookupAsync(best.Id, ct)).Address, search);
    }

    public async Task<StreetCheck> CheckStreetsAsync(IReadOnlyList<string> streets, CancellationToken ct)
    {
        var checks = streets.Select(async typed =>
        {
            var wanted = TypedAddress.Normalize(typed);
            var found = await geocoder.SuggestAsync(typed, "weg", Municipality, 5, ct);
            // A street's display name is "Damstraat, Alblasserdam".
            var names = found.Select(s => s.DisplayName.Split(',')[0].Trim());
            return (typed, Name: names.FirstOrDefault(n => TypedAddress.Normalize(n) == wanted));
        });
        return new StreetCheck((await Task.WhenAll(checks)).ToDictionary(c => c.typed, c => c.Name));
    }

    public bool IsOurs(BagAddress address) => string.Equals(address.Municipality, Municipality, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the typed text names the address's town or municipality as a word ("Kerkstraat 12 Dordrecht").</summary>
    private static bool Names(string typed, BagAddress address)
    {
        var words = Words(typed);
        return Contains(words, Words(address.Town)) || Contains(words, Words(address.Municipality));
    }

    private static bool Contains(List<string> words, List<string> name) =>
        name.Count > 0 && Enumerable.Range(0, Math.Max(0, words.Count - name.Count + 1)).Any(i => words.Skip(i).Take(name.Count).SequenceEqual(name));

    private static List<string> Words(string text) =>
        text.ToLower(CultureInfo.GetCultureInfo("nl-NL")).Split([' ', ',', '.', ';', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).ToList();
}
