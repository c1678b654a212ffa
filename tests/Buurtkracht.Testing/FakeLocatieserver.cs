using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Testing;

/// <summary>One BAG address the fake knows, with its place.</summary>
public sealed record FakeBagAddress(
    string Street, int Number, string? Letter, string Postcode, string Town, string Municipality, double Lat, double Lon)
{
    public string HouseNumber => Number.ToString(CultureInfo.InvariantCulture) + (Letter ?? "");
    public string Id => $"adr-{Street.ToLowerInvariant().Replace(' ', '-')}-{HouseNumber}-{Postcode}".ToLowerInvariant();

    /// <summary>As PDOK writes it: "Kerkstraat 12, 2951AB Alblasserdam".</summary>
    public string DisplayName => $"{Street} {HouseNumber}, {Postcode} {Town}";
}

/// <summary>
/// An in-process PDOK Locatieserver (search v3_1) on loopback, real HTTP: /free, /suggest, /lookup and /reverse answer
/// <c>{"response":{"numFound","start","maxScore","docs":[...]}}</c> with the documented fields (id, type, weergavenaam,
/// straatnaam, huisnummer, huisletter, huis_nlt, postcode, woonplaatsnaam, gemeentenaam, centroide_ll "POINT(lon lat)",
/// score; reverse adds afstand; suggest adds highlighting). fq=gemeentenaam:… and fq=type:adres|weg filter. Matching is
/// simple on purpose: every word of a street name must be in q, and a number in q must be the house number; words that
/// name the town or municipality raise the score. A test can take it down (503) and add latency.
/// </summary>
public sealed class FakeLocatieserver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private FakeLocatieserver(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    public static async Task<FakeLocatieserver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FakeLocatieserver(builder.Build());
        await server._app.StartAsync();
        server.BaseUrl = server._app.Urls.First() + "/bzk/locatieserver/search/v3_1";
        return server;
    }

    /// <summary>Goes in Meldingen:Geocoder:BaseUrl.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// Kerkstraat 12 exists in Alblasserdam and in Dordrecht; Dam 1, 1a and 1b give several matches; Damstraat is not in
    /// the old built-in street list; Coolsingel is in Rotterdam only.
    /// </summary>
    public List<FakeBagAddress> Addresses { get; } =
    [
        new("Kerkstraat", 12, null, "2951AB", "Alblasserdam", "Alblasserdam", 51.86548, 4.66241),
        new("Damstraat", 5, null, "2951BC", "Alblasserdam", "Alblasserdam", 51.86420, 4.66880),
        new("Dam", 1, null, "2952AB", "Alblasserdam", "Alblasserdam", 51.86330, 4.66100),
        new("Dam", 1, "a", "2952AB", "Alblasserdam", "Alblasserdam", 51.86332, 4.66105),
        new("Dam", 1, "b", "2952AB", "Alblasserdam", "Alblasserdam", 51.86334, 4.66110),
        new("Kerkstraat", 12, null, "3311XR", "Dordrecht", "Dordrecht", 51.81380, 4.66920),
        new("Coolsingel", 40, null, "3011AD", "Rotterdam", "Rotterdam", 51.92250, 4.47920),
        new("Rijksstraatweg", 2, null, "3341AA", "Hendrik-Ido-Ambacht", "Hendrik-Ido-Ambacht", 51.84500, 4.64300),
    ];

    /// <summary>While true every request gets 503, as when PDOK is down.</summary>
    public bool Down { get; set; }

    /// <summary>Added before every answer (the benchmark uses 20 ms).</summary>
    public TimeSpan Latency { get; set; }

    public int RequestCount => Volatile.Read(ref _requests);

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency);
        if (Down)
        {
            context.Response.StatusCode = 503;
            return;
        }
        var path = context.Request.Path.Value ?? "";
        var query = context.Request.Query;
        var rows = int.TryParse(query["rows"], out var r) ? r : 10;
        var filters = query["fq"].Select(f => f ?? "").ToList();
        string? municipality = null, type = null;
        foreach (var filter in filters)
        {
            var colon = filter.IndexOf(':');
            if (colon < 0) continue;
            var value = filter[(colon + 1)..].Trim('"');
            if (filter.StartsWith("gemeentenaam:", StringComparison.Ordinal)) municipality = value;
            if (filter.StartsWith("type:", StringComparison.Ordinal)) type = value;
        }

        JsonObject body;
        if (path.EndsWith("/free", StringComparison.Ordinal) || path.EndsWith("/suggest", StringComparison.Ordinal))
        {
            var suggest = path.EndsWith("/suggest", StringComparison.Ordinal);
            var q = query["q"].ToString();
            var found = type == "weg" ? SearchStreets(q, municipality) : SearchAddresses(q, municipality);
            var docs = found.Take(rows).Select(d => suggest ? Brief(d.Doc, d.Score) : Full(d.Doc, d.Score)).ToList();
            body = Answer(docs, found.Count);
            if (suggest)
            {
                var highlighting = new JsonObject();
                foreach (var doc in docs) highlighting[doc!["id"]!.GetValue<string>()] = new JsonObject { ["suggest"] = new JsonArray(doc["weergavenaam"]!.GetValue<string>()) };
                body["highlighting"] = highlighting;
            }
        }
        else if (path.EndsWith("/lookup", StringComparison.Ordinal))
        {
            var id = query["id"].ToString();
            var doc = Addresses.FirstOrDefault(a => a.Id == id);
            body = Answer(doc is null ? [] : [Full(AddressDoc(doc), 1)], doc is null ? 0 : 1);
        }
        else if (path.EndsWith("/reverse", StringComparison.Ordinal)
                 && double.TryParse(query["lat"], CultureInfo.InvariantCulture, out var lat)
                 && double.TryParse(query["lon"], CultureInfo.InvariantCulture, out var lon))
        {
            var nearest = Addresses.Select(a => (Address: a, Distance: Metres(lat, lon, a.Lat, a.Lon))).OrderBy(x => x.Distance).Take(rows)
                .Select(x =>
                {
                    var doc = Full(AddressDoc(x.Address), 1);
                    doc["afstand"] = Math.Round(x.Distance, 1);
                    return doc;
                }).ToList();
            body = Answer(nearest, nearest.Count);
        }
        else
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsJsonAsync(new { error = "unknown request" });
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static JsonObject Answer(IEnumerable<JsonObject> docs, int numFound)
    {
        var list = docs.ToList();
        return new JsonObject
        {
            ["response"] = new JsonObject
            {
                ["numFound"] = numFound,
                ["start"] = 0,
                ["maxScore"] = list.Count == 0 ? 0 : list.Max(d => d["score"]!.GetValue<double>()),
                ["numFoundExact"] = true,
                ["docs"] = new JsonArray(list.Cast<JsonNode>().ToArray()),
            },
        };
    }

    private sealed record Doc(string Type, string Id, string DisplayName, FakeBagAddress? Address, string Street, string Town, string Municipality, double Lat, double Lon);

    private static Doc AddressDoc(FakeBagAddress a) => new("adres", a.Id, a.DisplayName, a, a.Street, a.Town, a.Municipality, a.Lat, a.Lon);

    private List<(Doc Doc, double Score)> SearchAddresses(string q, string? municipality)
    {
        var words = Words(q);
        var results = new List<(Doc, double)>();
        foreach (var a in Addresses.Where(a => municipality is null || a.Municipality == municipality))
        {
            if (!Words(a.Street).All(words.Contains)) continue;
            var numbers = words.Where(w => char.IsDigit(w[0])).ToList();
            if (numbers.Count > 0 && !numbers.Any(n => a.HouseNumber.Equals(n, StringComparison.OrdinalIgnoreCase)
                    || (n.All(char.IsDigit) && a.Number.ToString(CultureInfo.InvariantCulture) == n))) continue;
            var score = 10.0 + (numbers.Contains(a.HouseNumber, StringComparer.OrdinalIgnoreCase) ? 2 : 0)
                + (Words(a.Town).All(words.Contains) ? 5 : 0) + (Words(a.Municipality).All(words.Contains) ? 5 : 0);
            results.Add((AddressDoc(a), score));
        }
        return results.OrderByDescending(x => x.Item2).ToList();
    }

    private List<(Doc Doc, double Score)> SearchStreets(string q, string? municipality)
    {
        var words = Words(q);
        return Addresses.Where(a => municipality is null || a.Municipality == municipality)
            .GroupBy(a => (a.Street, a.Town, a.Municipality)).Select(g => g.First())
            .Where(a => Words(a.Street).SequenceEqual(words.Where(w => !Words(a.Town).Contains(w))))
            .Select(a => (new Doc("weg", $"wgd-{a.Street.ToLowerInvariant()}-{a.Town.ToLowerInvariant()}", $"{a.Street}, {a.Town}", null,
                a.Street, a.Town, a.Municipality, a.Lat, a.Lon), 10.0)).ToList();
    }

    private static JsonObject Brief(Doc d, double score) => new()
    {
        ["type"] = d.Type, ["weergavenaam"] = d.DisplayName, ["id"] = d.Id, ["score"] = score,
    };

    private static JsonObject Full(Doc d, double score)
    {
        var doc = new JsonObject
        {
            ["bron"] = "BAG",
            ["woonplaatscode"] = "1234",
            ["type"] = d.Type,
            ["woonplaatsnaam"] = d.Town,
            ["openbareruimtetype"] = "Weg",
            ["gemeentecode"] = d.Municipality == "Alblasserdam" ? "0482" : "0000",
            ["weergavenaam"] = d.DisplayName,
            ["straatnaam_verkort"] = d.Street,
            ["id"] = d.Id,
            ["gemeentenaam"] = d.Municipality,
            ["centroide_ll"] = string.Create(CultureInfo.InvariantCulture, $"POINT({d.Lon} {d.Lat})"),
            ["provincienaam"] = "Zuid-Holland",
            ["straatnaam"] = d.Street,
            ["score"] = score,
            // Fields PDOK sends that a client must ignore.
            ["centroide_rd"] = "POINT(104000 425000)",
            ["provinciecode"] = "PV28",
        };
        if (d.Address is { } a)
        {
            doc["huisnummer"] = a.Number;
            if (a.Letter is { } letter) doc["huisletter"] = letter;
            doc["huis_nlt"] = a.HouseNumber;
            doc["postcode"] = a.Postcode;
            doc["nummeraanduiding_id"] = "0482200000" + Math.Abs(a.Id.GetHashCode() % 100000).ToString("D5", CultureInfo.InvariantCulture);
        }
        return doc;
    }

    private static List<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', ';', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();

    private static double Metres(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6_371_000;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Sqrt(h));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
