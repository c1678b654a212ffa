using Buurtkracht.Core.Members;

namespace Buurtkracht.Core.Questionnaires;

/// <summary>A questionnaire text from YAML in each language it was written in ({ nl: …, en: …, ar: … }); a missing language reads the Dutch.</summary>
public sealed record Translated(IReadOnlyDictionary<string, string> Texts)
{
    public static Translated Dutch(string text) => new(new Dictionary<string, string> { [Languages.Dutch] = text });

    public string In(string language) =>
        Texts.TryGetValue(language, out var text) && text.Length > 0 ? text
        : Texts.TryGetValue(Languages.Dutch, out var dutch) ? dutch
        : Texts.Values.FirstOrDefault() ?? "";

    /// <summary>The Dutch text: what groups, exports and results by default show.</summary>
    public string Nl => In(Languages.Dutch);
}
