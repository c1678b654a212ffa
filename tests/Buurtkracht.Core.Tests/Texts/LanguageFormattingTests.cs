using System.Globalization;
using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Events;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Texts;

namespace Buurtkracht.Core.Tests.Texts;

/// <summary>Cultures (ICU must be on: DOTNET_SYSTEM_GLOBALIZATION_INVARIANT off, libicu present) and right-to-left text.</summary>
public sealed class LanguageFormattingTests
{
    private static readonly DateTimeOffset Saturday = new(2027, 3, 20, 9, 0, 0, TimeSpan.Zero); // 10:00 in Alblasserdam

    [Fact]
    public void Globalization_is_not_invariant_here()
    {
        Assert.NotEqual("Invariant Language (Invariant Country)", CultureInfo.GetCultureInfo("tr-TR").EnglishName);
        Assert.Equal("20 березня", new DateTime(2027, 3, 20).ToString("d MMMM", CultureInfo.GetCultureInfo("uk-UA")));
    }

    [Theory]
    [InlineData("nl", "za 20 maart 2027 10:00")]
    [InlineData("en", "Sat 20 March 2027 10:00")]
    [InlineData("tr", "Cmt 20 Mart 2027 10:00")]
    [InlineData("pl", "sob. 20 marca 2027 10:00")]
    [InlineData("uk", "сб 20 березня 2027 10:00")]
    public void Dates_are_written_in_the_culture_of_the_language(string language, string expected)
    {
        Assert.Equal(expected, EventTime.Format(Saturday, language));
    }

    [Fact]
    public void Arabic_dates_use_the_Gregorian_calendar_with_Arabic_month_names()
    {
        var text = EventTime.Format(Saturday, "ar");
        Assert.Contains("2027", text);
        Assert.Contains("مارس", text);
        Assert.Contains("10:00", text);
    }

    [Theory]
    [InlineData("nl", "1.234,5")]
    [InlineData("en", "1,234.5")]
    [InlineData("pl", "1 234,5")]
    [InlineData("tr", "1.234,5")]
    public void Numbers_are_written_in_the_culture_of_the_language(string language, string expected)
    {
        Assert.Equal(expected, 1234.5.ToString("N1", Languages.CultureOf(language)).Replace('\u00A0', ' ').Replace('\u202F', ' '));
    }

    [Fact]
    public void In_Arabic_every_filled_in_value_is_isolated_so_references_and_phone_numbers_keep_their_order()
    {
        var text = MeldingTexts.StatusChanged.In("ar", "BK-2026-000123", "lamp", "x");
        Assert.Contains("\u2068BK-2026-000123\u2069", text);
        Assert.False(MeldingTexts.StatusChanged.In("nl", "BK-2026-000123", "lamp", "x").Contains('\u2068', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("ar", "ar")]
    [InlineData("ar-SA", "ar")]
    [InlineData("uk", "uk")]
    [InlineData("pl_PL", "pl")]
    [InlineData("TR-tr", "tr")]
    [InlineData("pt-BR", "nl")]
    [InlineData("", "nl")]
    [InlineData(null, "nl")]
    public void A_platform_language_that_is_shipped_is_used_and_Dutch_otherwise(string? platform, string expected)
    {
        Assert.Equal(expected, Languages.FromPlatform(platform));
    }

    [Fact]
    public void A_key_a_language_lacks_reads_the_Dutch_and_an_unknown_key_reads_itself()
    {
        var catalog = new TextCatalog(new Dictionary<string, IReadOnlyList<PoEntry>>
        {
            ["nl"] = [new("A.B", "Hallo {0}", "Hallo {0}", false, [], [])],
            ["ar"] = [],
        });
        Assert.Equal("Hallo \u2068Sara\u2069", catalog.Format("ar", "A.B", ["Sara"]));
        Assert.Equal("A.C", catalog.Template("ar", "A.C"));
    }

    [Fact]
    public void Only_Arabic_is_right_to_left()
    {
        Assert.Equal(["ar"], Languages.Shipped.Where(l => l.RightToLeft).Select(l => l.Code));
        Assert.Equal("rtl", Languages.Find("ar")!.Direction);
        Assert.Equal("العربية", Languages.Find("ar")!.OwnName);
    }
}

public sealed class RightToLeftIsolationTests
{
    [Theory]
    [InlineData("اكتب /peilingen واضغط", "اكتب \u2068/peilingen\u2069 واضغط")]
    [InlineData("عبر www.alblasserdam.nl.", "عبر \u2068www.alblasserdam.nl\u2069.")]
    [InlineData("مثال: naam@voorbeeld.nl", "مثال: \u2068naam@voorbeeld.nl\u2069")]
    [InlineData("اكتب <b>/start</b> لتبدأ", "اكتب <b>\u2068/start\u2069</b> لتبدأ")]
    [InlineData("رقمه {0}. شكراً", "رقمه \u2068{0}\u2069. شكراً")]
    [InlineData("{{0}} و/أو", "{{0}} و/أو")]
    public void Commands_addresses_and_values_are_isolated_in_right_to_left_text(string template, string expected)
    {
        Assert.Equal(expected, Placeholders.Isolate(template));
    }
}
