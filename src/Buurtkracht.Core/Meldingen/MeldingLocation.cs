using System.Globalization;
using System.Text.RegularExpressions;

namespace Buurtkracht.Core.Meldingen;

/// <summary>
/// Whether a point lies in the gemeente Alblasserdam. The polygon follows the municipal border roughly (to within a few
/// hundred metres): the Noord in the west, the Lek in the north, the Nederwaard polder in the east and the A15 /
/// Papendrecht in the south. Points in Hendrik-Ido-Ambacht, Ridderkerk, Papendrecht, Dordrecht and Molenlanden's
/// villages fall outside; a point right on the border may land on the wrong side. Replace it with the real border
/// (CBS/PDOK gemeentegrenzen) when that data is at hand.
/// </summary>
public static class AlblasserdamArea
{
    /// <summary>(latitude, longitude) corners, clockwise from Kinderdijk.</summary>
    public static readonly IReadOnlyList<(double Lat, double Lon)> Polygon =
    [
        (51.8905, 4.6330), (51.8895, 4.6700), (51.8720, 4.7100), (51.8460, 4.7150),
        (51.8400, 4.6800), (51.8470, 4.6520), (51.8650, 4.6430), (51.8800, 4.6330),
    ];

    public static bool Contains(double latitude, double longitude)
    {
        // Ray casting; at this scale the earth is flat enough.
        var inside = false;
        for (int i = 0, j = Polygon.Count - 1; i < Polygon.Count; j = i++)
        {
            var (yi, xi) = Polygon[i];
            var (yj, xj) = Polygon[j];
            if ((yi > latitude) != (yj > latitude) && longitude < (xj - xi) * (latitude - yi) / (yj - yi) + xi)
                inside = !inside;
        }
        return inside;
    }
}

/// <summary>A typed address placed on a known street: "Kerkstraat 12a".</summary>
public sealed record PlacedAddress(string Street, string HouseNumber)
{
    public override string ToString() => $"{Street} {HouseNumber}";
}

/// <summary>
/// Places a typed address without a geocoding service (none is reachable from here): the street must be one of a known
/// list of Alblasserdam streets (built in, plus Meldingen:ExtraStreets, plus the streets groups named) and a house
/// number must follow. The built-in list is a sample, not the full BAG register: an existing street that is missing is
/// refused until it is added to Meldingen:ExtraStreets or a group names it. No coordinates are derived.
/// </summary>
public static partial class AddressMatcher
{
    /// <summary>Streets of Alblasserdam known without configuration (a sample; extend with Meldingen:ExtraStreets).</summary>
    public static readonly IReadOnlyList<string> BuiltInStreets =
    [
        "Dam", "Kerkstraat", "Cortgene", "Oost-Kinderdijk", "West-Kinderdijk", "Polderweg", "Blokweerweg", "Ieplaan",
        "Edisonweg", "Haven", "Nieuwe Haven", "Molenstraat", "Souburghlaan", "Kinderdijkseweg", "Hof van Alblas",
        "Pieter de Hooghstraat", "Rembrandtstraat", "Vermeerstraat", "Frans Halsstraat", "Jan Steenstraat",
        "Thorbeckestraat", "Groen van Prinstererstraat", "Kuyperstraat", "Oranjestraat", "Julianastraat",
        "Prins Bernhardstraat", "Wilhelminastraat", "Emmastraat", "Willem de Zwijgerstraat", "Graaf Willemstraat",
        "Plantageweg", "Lijnbaan", "Makkerstraat", "Scheepswerfweg", "Van Hogendorplaan",
    ];

    [GeneratedRegex(@"^(?<street>.*?[^\d\s])\s*(?<number>\d{1,5})\s*(?<suffix>[a-zA-Z]{0,2}(?:\s*-\s*\d{1,4})?)$")]
    private static partial Regex StreetAndNumber();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    public enum Outcome { Placed, NoHouseNumber, UnknownStreet }

    public static (Outcome Outcome, PlacedAddress? Address) Match(string typed, IEnumerable<string> knownStreets)
    {
        var text = typed.Trim();
        // "Kerkstraat 12, 2951 AB Alblasserdam": keep what comes before the first comma.
        var comma = text.IndexOf(',');
        if (comma > 0) text = text[..comma];
        text = Regex.Replace(text, @"\s+Alblasserdam$", "", RegexOptions.IgnoreCase).Trim();
        var match = StreetAndNumber().Match(text);
        if (!match.Success) return (Outcome.NoHouseNumber, null);

        var wanted = Normalize(match.Groups["street"].Value);
        var street = knownStreets.FirstOrDefault(s => Normalize(s) == wanted);
        if (street is null) return (Outcome.UnknownStreet, null);
        var number = match.Groups["number"].Value + Spaces().Replace(match.Groups["suffix"].Value, "");
        return (Outcome.Placed, new PlacedAddress(street, number));
    }

    /// <summary>Case, dots, dashes and spacing do not matter, and "str" stands for "straat".</summary>
    public static string Normalize(string street)
    {
        var s = street.Trim().ToLower(CultureInfo.GetCultureInfo("nl-NL")).Replace('.', ' ').Replace('-', ' ');
        s = Spaces().Replace(s, " ").Trim();
        if (s.EndsWith("str", StringComparison.Ordinal)) s += "aat";
        return s.Replace(" ", "");
    }
}
