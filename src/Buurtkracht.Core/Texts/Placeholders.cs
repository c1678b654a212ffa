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

    /// <summary>Wraps every placeholder in U+2068 … U+2069 (first-strong isolate … pop directional isolate).</summary>
    public static string Isolate(string template) =>
        Placeholder().Replace(template, m => IsEscaped(template, m.Index) ? m.Value : "\u2068" + m.Value + "\u2069");

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
