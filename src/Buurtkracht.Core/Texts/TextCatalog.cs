using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Buurtkracht.Core.Members;

namespace Buurtkracht.Core.Texts;

/// <summary>
/// Every user-facing text, per shipped language, read once from the embedded gettext catalogues (Texts/{code}.po).
/// A key a language lacks falls back to Dutch; the catalogue tests make sure that never happens in a shipped build.
/// </summary>
public sealed class TextCatalog
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _texts;
    private readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<PoEntry>>> _entries;

    public TextCatalog(IReadOnlyDictionary<string, IReadOnlyList<PoEntry>> catalogues)
        : this(catalogues, () => catalogues) { }

    // The running service keeps only key → text (one key string shared by every language); the parsed entries, with
    // their Dutch sources and comments, are read again only when the tests ask for them.
    private TextCatalog(IReadOnlyDictionary<string, IReadOnlyList<PoEntry>> catalogues, Func<IReadOnlyDictionary<string, IReadOnlyList<PoEntry>>> entries)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string key) => keys.TryGetValue(key, out var k) ? k : keys[key] = key;
        _texts = catalogues.ToFrozenDictionary(
            c => c.Key, c => c.Value.ToFrozenDictionary(e => Shared(e.Key), e => e.Text, StringComparer.Ordinal), StringComparer.Ordinal);
        _entries = new Lazy<IReadOnlyDictionary<string, IReadOnlyList<PoEntry>>>(entries);
    }

    /// <summary>The catalogues shipped inside this assembly, one per language in <see cref="Languages.Shipped"/>.</summary>
    public static TextCatalog Shared { get; } = new(ReadEmbedded(), ReadEmbedded);

    /// <summary>Every entry as the catalogue files hold it (key, Dutch source, text, draft flag, comments).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<PoEntry>> Catalogues => _entries.Value;

    public bool Has(string language, string key) => _texts.TryGetValue(language, out var texts) && texts.ContainsKey(key);

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/> (Dutch when the language lacks it; the key itself when Dutch does too).</summary>
    public string Template(string language, string key) =>
        _texts.TryGetValue(language, out var texts) && texts.TryGetValue(key, out var text) ? text
        : _texts[Languages.Dutch].TryGetValue(key, out var dutch) ? dutch : key;

    /// <summary>
    /// The text with its placeholders filled in the person's culture. In a right-to-left language every value is wrapped
    /// in Unicode first-strong isolates (U+2068 … U+2069), so a reference, a date or a phone number keeps its own order.
    /// </summary>
    public string Format(string language, string key, object?[] args)
    {
        var template = Template(language, key);
        var info = Languages.Find(language) ?? Languages.Default;
        if (info.RightToLeft) template = Placeholders.Isolate(template);
        return args.Length == 0 ? template : string.Format(info.Culture, template, args);
    }

    /// <summary>
    /// A text without values, as a page shows it: in a right-to-left language its commands and addresses
    /// ("/peilingen", "www.alblasserdam.nl") are isolated too, so their slash or dot stays on the right side.
    /// </summary>
    public string Text(string language, string key) => Format(language, key, []);

    private static IReadOnlyDictionary<string, IReadOnlyList<PoEntry>> ReadEmbedded()
    {
        var assembly = typeof(TextCatalog).Assembly;
        var catalogues = new Dictionary<string, IReadOnlyList<PoEntry>>(StringComparer.Ordinal);
        foreach (var language in Languages.Shipped)
        {
            var name = $"Texts.{language.Code}.po";
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The catalogue {name} is not embedded; every language in Languages.Shipped needs one.");
            using var reader = new StreamReader(stream);
            catalogues[language.Code] = PoFile.Parse(reader.ReadToEnd(), name);
        }
        return catalogues;
    }
}
