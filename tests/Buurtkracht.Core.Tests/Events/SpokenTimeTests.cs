using Buurtkracht.Core.Events;

namespace Buurtkracht.Core.Tests.Events;

/// <summary>Dates and times typed the way people type them in a chat.</summary>
public sealed class SpokenTimeTests
{
    // Wednesday 2 December 2026, 14:15 in Alblasserdam.
    private static readonly DateTime Now = new(2026, 12, 2, 14, 15, 0);

    [Theory]
    [InlineData("morgen 9 uur", "2026-12-03 09:00")]
    [InlineData("Morgen 9:00", "2026-12-03 09:00")]
    [InlineData("morgen om 9.30", "2026-12-03 09:30")]
    [InlineData("vanavond 19:30", "2026-12-02 19:30")]
    [InlineData("vanavond 7 uur", "2026-12-02 19:00")]
    [InlineData("vandaag 16:00", "2026-12-02 16:00")]
    [InlineData("16:00", "2026-12-02 16:00")]
    [InlineData("overmorgen 10u", "2026-12-04 10:00")]
    [InlineData("zaterdag 10:00", "2026-12-05 10:00")]
    [InlineData("woensdag 10:00", "2026-12-09 10:00")]
    [InlineData("5 december 19:30", "2026-12-05 19:30")]
    [InlineData("3 januari 11:00", "2027-01-03 11:00")]
    [InlineData("5-12 19.30", "2026-12-05 19:30")]
    [InlineData("5-12-2026 19:30", "2026-12-05 19:30")]
    [InlineData("2026-12-05 19:30", "2026-12-05 19:30")]
    [InlineData("tomorrow 9:00", "2026-12-03 09:00")]
    [InlineData("saturday 10:00", "2026-12-05 10:00")]
    public void Understands(string typed, string expected) =>
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Parse(typed));

    [Theory]
    [InlineData("")]
    [InlineData("morgen")]
    [InlineData("ergens volgende week")]
    [InlineData("morgen 25:00")]
    [InlineData("31-2 10:00")]
    [InlineData("vanavond 19:75")]
    public void Refuses(string typed) => Assert.False(SpokenTime.TryParse(typed, Now, out _));

    [Fact]
    public void The_example_date_is_a_week_ahead_and_parses_back()
    {
        var example = SpokenTime.ExampleDate(Now);
        Assert.Equal("9-12-2026", example);
        Assert.Equal(new DateTime(2026, 12, 9, 19, 30, 0), Parse(example + " 19:30"));
    }

    private static DateTime Parse(string typed)
    {
        Assert.True(SpokenTime.TryParse(typed, Now, out var local), $"'{typed}' was not understood");
        return local;
    }
}
