using System.Globalization;

namespace Buurtkracht.Core.Members;

/// <summary>A language the bot speaks: its code, its name in itself, the culture for dates and numbers, and its direction.</summary>
public sealed record Language(string Code, string OwnName, CultureInfo Culture, bool RightToLeft = false)
{
    public Language(string code, string ownName, string culture, bool rightToLeft = false)
        : this(code, ownName, Gregorian(culture), rightToLeft) { }

    /// <summary>"rtl" or "ltr", for the dir attribute of a page.</summary>
    public string Direction => RightToLeft ? "rtl" : "ltr";

    // Dates in the bot are the Dutch civil calendar whatever the language: a culture whose default calendar is another
    // one (Arabic cultures may use the Hijri calendar) gets the Gregorian calendar with its own month names.
    private static CultureInfo Gregorian(string name)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(name).Clone();
        if (culture.Calendar is not GregorianCalendar)
            culture.DateTimeFormat.Calendar = culture.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() ?? new GregorianCalendar();
        return CultureInfo.ReadOnly(culture);
    }
}

/// <summary>The shipped languages. Adding one is its catalogue Texts/{code}.po plus one line here (see docs/translating.md).</summary>
public static class Languages
{
    public const string Dutch = "nl";
    public const string English = "en";

    public static IReadOnlyList<Language> Shipped { get; } =
    [
        new("nl", "Nederlands", "nl-NL"),
        new("en", "English", "en-GB"),
        new("ar", "العربية", "ar", rightToLeft: true),
        new("tr", "Türkçe", "tr-TR"),
        new("uk", "Українська", "uk-UA"),
        new("pl", "Polski", "pl-PL"),
    ];

    public static Language Default => Shipped[0];

    public static Language? Find(string? code) => Shipped.FirstOrDefault(l => l.Code == code);

    /// <summary>The shipped language a platform's code or locale ("en-US", "ar", "pt-BR") names, or Dutch.</summary>
    public static string FromPlatform(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return Dutch;
        var primary = code.Split('-', '_')[0].Trim().ToLowerInvariant();
        return Find(primary)?.Code ?? Dutch;
    }

    public static CultureInfo CultureOf(string language) => (Find(language) ?? Default).Culture;

    public static bool IsRightToLeft(string language) => Find(language)?.RightToLeft == true;
}
