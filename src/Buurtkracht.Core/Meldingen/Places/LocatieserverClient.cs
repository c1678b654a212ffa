using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Meldingen.Places;

/// <summary>An address of the BAG as PDOK's Locatieserver gives it.</summary>
public sealed record BagAddress(
    string Id, string Street, string HouseNumber, string? Postcode, string Town, string Municipality, double Latitude, double Longitude)
{
    /// <summary>"Kerkstraat 12": what the melding stores as its address.</summary>
    public string ShortName => $"{Street} {HouseNumber}";

    /// <summary>"Kerkstraat 12, 2951 AB Alblasserdam": what the resident is asked to confirm.</summary>
    public string FullName => Format(ShortName, Postcode, Town);

    public static string Format(string shortName, string? postcode, string town) =>
        postcode is { Length: 6 } pc ? $"{shortName}, {pc[..4]} {pc[4..]} {town}" : $"{shortName}, {town}";
}

/// <summary>What /suggest gives: an id to look up and the display name ("Kerkstraat 12, 2951AB Alblasserdam").</summary>
public sealed record Suggestion(string Id, string DisplayName)
{
    /// <summary>PDOK writes the postcode without its space; residents read "2951 AB".</summary>
    public string Label => System.Text.RegularExpressions.Regex.Replace(DisplayName, @"\b(\d{4})([A-Z]{2})\b", "$1 $2");
}

/// <summary>
/// PDOK Locatieserver search v3_1 (free, no key), used as PDOK advises: /suggest for what someone types (addresses,
/// street names), /lookup for the one they chose, /free where the municipality of the best match anywhere is needed,
/// /reverse for a point. Thrown <see cref="HttpRequestException"/> or a timeout means "unreachable"; the callers decide.
/// </summary>
public sealed class LocatieserverClient(IHttpClientFactory http, IOptions<MeldingenOptions> options)
{
    public const string HttpClientName = "locatieserver";

    private string BaseUrl => options.Value.Geocoder.BaseUrl.TrimEnd('/');

    /// <summary>Addresses anywhere in the country matching <paramref name="q"/>, best first.</summary>
    public async Task<IReadOnlyList<BagAddress>> FreeAsync(string q, int rows, CancellationToken ct)
    {
        var url = $"{BaseUrl}/free?q={Uri.EscapeDataString(q)}&fq=type:adres&rows={rows}";
        return (await GetAsync(url, ct)).Select(ToAddress).OfType<BagAddress>().ToList();
    }

    /// <summary>Suggestions of <paramref name="type"/> ("adres", "weg") for <paramref name="q"/> in <paramref name="municipality"/>, best first.</summary>
    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string q, string type, string municipality, int rows, CancellationToken ct)
    {
        var url = $"{BaseUrl}/suggest?q={Uri.EscapeDataString(q)}&fq=type:{type}&rows={rows}" + MunicipalityFilter(municipality);
        return (await GetAsync(url, ct)).Where(d => d.Id is not null && d.Weergavenaam is not null && d.Type == type)
            .Select(d => new Suggestion(d.Id!, d.Weergavenaam!)).ToList();
    }

    /// <summary>The full address behind an id from /free or /suggest; null when PDOK no longer knows it.</summary>
    public async Task<BagAddress?> LookupAsync(string id, CancellationToken ct) =>
        (await GetAsync($"{BaseUrl}/lookup?id={Uri.EscapeDataString(id)}", ct)).Select(ToAddress).FirstOrDefault(a => a is not null);

    /// <summary>The address nearest to the point, with its distance in metres.</summary>
    public async Task<(BagAddress Address, double Metres)?> ReverseAsync(double latitude, double longitude, CancellationToken ct)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"{BaseUrl}/reverse?lat={latitude}&lon={longitude}&type=adres&rows=1");
        var doc = (await GetAsync(url, ct)).FirstOrDefault();
        return doc is not null && ToAddress(doc) is { } address ? (address, doc.Afstand ?? 0) : null;
    }

    /// <summary>Quoted, so a name with a space or a dash ("Hendrik-Ido-Ambacht") is one value.</summary>
    private static string MunicipalityFilter(string municipality) =>
        "&fq=" + Uri.EscapeDataString($"gemeentenaam:\"{municipality}\"");

    private async Task<List<Doc>> GetAsync(string url, CancellationToken ct)
    {
        using var client = http.CreateClient(HttpClientName);
        using var response = await client.GetAsync(url, ct);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        var answer = await JsonSerializer.DeserializeAsync<Answer>(body, cancellationToken: ct);
        return answer?.Response?.Docs ?? [];
    }

    private static BagAddress? ToAddress(Doc d)
    {
        if (d.Type != "adres" || d.Id is null || d.Straatnaam is null || d.Gemeentenaam is null || Point(d.CentroideLl) is not var (lat, lon))
            return null;
        var number = d.HuisNlt ?? d.Huisnummer?.ToString(CultureInfo.InvariantCulture);
        if (number is null) return null;
        return new BagAddress(d.Id, d.Straatnaam, number, d.Postcode, d.Woonplaatsnaam ?? d.Gemeentenaam, d.Gemeentenaam, lat, lon);
    }

    /// <summary>"POINT(4.66241 51.86548)": longitude first.</summary>
    private static (double Lat, double Lon)? Point(string? wkt)
    {
        if (wkt is null || !wkt.StartsWith("POINT(", StringComparison.Ordinal) || !wkt.EndsWith(')')) return null;
        var parts = wkt[6..^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var lon)
            && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var lat) ? (lat, lon) : null;
    }

    private sealed record Answer([property: JsonPropertyName("response")] Response? Response);

    private sealed record Response([property: JsonPropertyName("docs")] List<Doc>? Docs);

    private sealed record Doc(
        [property: JsonPropertyName("id")] string? Id,
        [property: JsonPropertyName("type")] string? Type,
        [property: JsonPropertyName("weergavenaam")] string? Weergavenaam,
        [property: JsonPropertyName("straatnaam")] string? Straatnaam,
        [property: JsonPropertyName("huisnummer")] int? Huisnummer,
        [property: JsonPropertyName("huis_nlt")] string? HuisNlt,
        [property: JsonPropertyName("postcode")] string? Postcode,
        [property: JsonPropertyName("woonplaatsnaam")] string? Woonplaatsnaam,
        [property: JsonPropertyName("gemeentenaam")] string? Gemeentenaam,
        [property: JsonPropertyName("centroide_ll")] string? CentroideLl,
        [property: JsonPropertyName("afstand")] double? Afstand);
}
