using System.Text.RegularExpressions;

namespace Buurtkracht.Core.Meldingen;

/// <summary>Whether a description reads like an emergency, so the 112 / police numbers are shown first. Errs on the side of showing them.</summary>
public static partial class Emergency
{
    // Word starts, so "brandweer", "rookt", "bedreigd" and "gewonde" count; "brandgang" (an alley) does not.
    [GeneratedRegex(
        @"\b(brand(?!gang)|vuur|rook|gewond|bloed|ongeluk|aanrijding|inbra|inbrek|overval|gaslucht|gaslek|gas\b|bedreig|dreig|wapen|mes\b|messen|pistool|vuurwapen|steekpartij|schiet|mishandel|vecht|fire|smoke|injur|accident|burglar|robbery|gas leak|threat|weapon|knife|gun)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    public static bool LooksUrgent(string text) => Words().IsMatch(text);
}
