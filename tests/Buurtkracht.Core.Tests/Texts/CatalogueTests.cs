using System.Text.RegularExpressions;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Texts;

namespace Buurtkracht.Core.Tests.Texts;

/// <summary>The shipped catalogues against each other and against the code that asks for their keys.</summary>
public sealed partial class CatalogueTests
{
    private static readonly TextCatalog Catalog = TextCatalog.Shared;
    private static IReadOnlyList<PoEntry> Dutch => Catalog.Catalogues[Languages.Dutch];

    public static TheoryData<string> OtherLanguages() => [.. Languages.Shipped.Skip(1).Select(l => l.Code)];

    public static TheoryData<string> AllLanguages() => [.. Languages.Shipped.Select(l => l.Code)];

    [Fact]
    public void Every_shipped_language_has_a_catalogue_and_Dutch_is_the_default()
    {
        Assert.Equal(Languages.Dutch, Languages.Default.Code);
        Assert.Equal(["nl", "en", "ar", "tr", "uk", "pl"], Languages.Shipped.Select(l => l.Code));
        Assert.All(Languages.Shipped, l => Assert.True(Catalog.Catalogues.ContainsKey(l.Code), l.Code));
        Assert.True(Dutch.Count > 500, "the Dutch catalogue holds every text");
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void Every_key_exists_in_every_shipped_language_and_no_other(string language)
    {
        var keys = Catalog.Catalogues[language].Select(e => e.Key).ToHashSet();
        var dutch = Dutch.Select(e => e.Key).ToHashSet();
        Assert.Empty(dutch.Except(keys));
        Assert.Empty(keys.Except(dutch));
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void Placeholders_match_the_Dutch_in_number_and_kind(string language)
    {
        var dutch = Dutch.ToDictionary(e => e.Key, e => Placeholders.Of(e.Text));
        var wrong = Catalog.Catalogues[language]
            .Where(e => !dutch[e.Key].SequenceEqual(Placeholders.Of(e.Text)))
            .Select(e => $"{e.Key}: {string.Join(" ", dutch[e.Key])} in Dutch, {string.Join(" ", Placeholders.Of(e.Text))} here").ToList();
        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public void No_text_is_empty_and_every_text_formats(string language)
    {
        Assert.Empty(Catalog.Catalogues[language].Where(e => string.IsNullOrWhiteSpace(e.Text)).Select(e => e.Key));
        foreach (var e in Catalog.Catalogues[language])
        {
            var args = Placeholders.Of(e.Text).Select(p => (object?)1).Concat(Enumerable.Repeat((object?)1, 10)).ToArray();
            var ex = Record.Exception(() => string.Format(Languages.CultureOf(language), e.Text, args));
            Assert.True(ex is null, $"{language} {e.Key}: {ex?.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void Each_translation_names_the_Dutch_text_it_translates(string language)
    {
        // msgid is the Dutch source: when the Dutch changes, convert.py updates it and marks the entry for translation.
        var dutch = Dutch.ToDictionary(e => e.Key, e => e.Text);
        Assert.Empty(Catalog.Catalogues[language].Where(e => e.Source != dutch[e.Key]).Select(e => e.Key));
    }

    [Fact]
    public void Dutch_and_English_are_reviewed_and_every_entry_of_the_other_languages_is_a_draft()
    {
        Assert.DoesNotContain(Dutch, e => e.Draft);
        Assert.DoesNotContain(Catalog.Catalogues[Languages.English], e => e.Draft);
        foreach (var language in new[] { "ar", "tr", "uk", "pl" })
            Assert.All(Catalog.Catalogues[language], e => Assert.True(e.Draft, $"{language} {e.Key} is not marked as draft (#, fuzzy)"));
    }

    [Fact]
    public void No_catalogue_has_a_key_the_code_no_longer_uses_and_the_code_asks_for_no_missing_key()
    {
        var source = SourceTexts();
        var used = KeyLiteral().Matches(source).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        // The seeded melding categories are named by their code (MeldingCategory.Name).
        used.UnionWith(Core.Meldingen.MeldingCategorySeed.Rows.Select(r => Core.Meldingen.MeldingCategory.CatalogueKey(r.Code)));
        var keys = Dutch.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(keys.Except(used));
        // Every literal shaped like a key of a feature that has texts must be in the catalogue.
        var prefixes = keys.Select(k => k[..k.IndexOf('.')]).ToHashSet();
        var missing = used.Where(k => prefixes.Contains(k[..k.IndexOf('.')]) && !keys.Contains(k) && KeyCall(source, k)).ToList();
        Assert.Empty(missing);
    }

    private static bool KeyCall(string source, string key) =>
        source.Contains($"new(\"{key}\")", StringComparison.Ordinal) || source.Contains($"TextKey(\"{key}\")", StringComparison.Ordinal)
        || source.Contains($"T(\"{key}\"", StringComparison.Ordinal) || source.Contains("{{" + key + "}}", StringComparison.Ordinal) || source.Contains("{{attr:" + key + "}}", StringComparison.Ordinal);

    private static string SourceTexts()
    {
        var src = Path.Combine(RepoRoot(), "src");
        return string.Join("\n", Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".html", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText));
    }

    internal static string RepoRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Buurtkracht.Bot.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new DirectoryNotFoundException("Buurtkracht.Bot.sln not found above the test folder");
    }

    // "Feature.Key" in C# and Razor, {{Feature.Key}} or {{attr:Feature.Key}} in the web chat page.
    [GeneratedRegex("(?:\"|\\{\\{(?:attr:)?)([A-Z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)+)(?:\"|\\}\\})")]
    private static partial Regex KeyLiteral();
}
