using System.Text.RegularExpressions;

namespace Buurtkracht.Core.Texts;

/// <summary>The string.Format placeholders of a text ("{0}", "{1:N0}"), without the escaped "{{" and "}}".</summary>
public static partial class Placeholders
{
    /// <summary>Each placeholder as "index" or "index:format", sorted, so two texts can be compared.</summary>
    public static IReadOnlyList<string> Of(string text) =>
        Placeholder().Matches(text.Replace("{{", "").Replace("}}", ""))
            .Select(m => m.Groups["format"].Success ? $"{m.Groups["index"].Value}:{m.Groups["format"].Value}" : m.Groups["index"].Value)
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Wraps every placeholder, and every command, web address and e-mail address written in the text, in U+2068 …
    /// U+2069 (first-strong isolate … pop directional isolate), for right-to-left languages.
    /// </summary>
    public static string Isolate(string template)
    {
        var placeholders = Placeholder().Replace(template, m => IsEscaped(template, m.Index) ? m.Value : "\u2068" + m.Value + "\u2069");
        return LatinToken().Replace(placeholders, m => "\u2068" + m.Value + "\u2069");
    }

    // "/peilingen", "https://…", "www.alblasserdam.nl", "naam@voorbeeld.nl": a trailing full stop stays outside.
    [GeneratedRegex(@"(?<![\w/\u2068])(?:/[a-z]+|https?://[^\s\u2069]+?|www\.[^\s\u2069]+?|[\w.]+@[\w.]+?)(?=[.,;:!?)]?(?:\s|$|\u2069|[\""'”»<]))")]
    private static partial Regex LatinToken();

    // "{{0}}" is the literal text "{0}", not a placeholder.
    private static bool IsEscaped(string text, int index)
    {
        var braces = 0;
        for (var i = index - 1; i >= 0 && text[i] == '{'; i--) braces++;
        return braces % 2 == 1;
    }

    [GeneratedRegex(@"\{(?<index>\d+)(,-?\d+)?(:(?<format>[^}]*))?\}")]
    private static partial Regex Placeholder();
}
