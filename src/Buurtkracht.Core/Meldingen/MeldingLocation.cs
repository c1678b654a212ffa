using System.Globalization;
using System.Text.RegularExpressions;

namespace Buurtkracht.Core.Meldingen;

/// <summary>A typed address read without the geocoder: "Kerkstraat 12a", whatever follows (postcode, town) aside.</summary>
public sealed record PlacedAddress(string Street, string HouseNumber)
{
    public override string ToString() => $"{Street} {HouseNumber}";
}

/// <summary>
/// Reads street and house number from what a resident typed. Only the shape is checked here (a street, then a number);
/// whether the address exists, and where, is the geocoder's answer (<see cref="Places.PlaceFinder"/>). While the
/// geocoder cannot be reached this is what the melding keeps, marked "adres nog controleren".
/// </summary>
public static partial class TypedAddress
{
    // Street, house number with an optional letter or addition, then optionally a postcode and/or a town
    // ("Kerkstraat 12, 2951 AB Alblasserdam", "Kerkstraat 12 Dordrecht").
    [GeneratedRegex(@"^(?<street>[^\d,]*?[^\d\s,])\s*(?<number>\d{1,5})\s*(?<suffix>[a-zA-Z]{0,2}(?![a-zA-Z])(?:\s*-\s*\d{1,4})?)\s*(?:,?\s*(?<rest>.*))?$")]
    private static partial Regex StreetAndNumber();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>Street and number, or null when no house number follows a street name.</summary>
    public static PlacedAddress? Parse(string typed)
    {
        var match = StreetAndNumber().Match(typed.Trim());
        if (!match.Success) return null;
        var street = Spaces().Replace(match.Groups["street"].Value.Trim(), " ");
        var number = match.Groups["number"].Value + Spaces().Replace(match.Groups["suffix"].Value, "");
        return new PlacedAddress(street, number);
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
