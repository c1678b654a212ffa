using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Meldingen.Places;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Tests.Meldingen;

public sealed class MeldingRulesTests
{
    private static readonly MunicipalityBoundary Border = new(Options.Create(new MeldingenOptions()));

    [Theory]
    [InlineData(51.8655, 4.6600, true)]   // centre, Dam
    [InlineData(51.8550, 4.6750, true)]   // Blokweer / Souburgh
    [InlineData(51.8760, 4.6400, true)]   // Kinderdijk, the Alblasserdam side
    [InlineData(51.8133, 4.6901, false)]  // Dordrecht
    [InlineData(51.8317, 4.6872, false)]  // Papendrecht
    [InlineData(51.8440, 4.6380, false)]  // Hendrik-Ido-Ambacht
    [InlineData(51.8720, 4.6000, false)]  // Ridderkerk
    [InlineData(52.3676, 4.9041, false)]  // Amsterdam
    public void The_shipped_border_holds_Alblasserdam_and_not_its_neighbours(double lat, double lon, bool inside) =>
        Assert.Equal(inside, Border.Contains(lat, lon));

    [Theory]
    [InlineData(51.8133, 4.6901, "Dordrecht")]
    [InlineData(51.8317, 4.6872, "Papendrecht")]
    [InlineData(51.8440, 4.6380, "Hendrik-Ido-Ambacht")]
    [InlineData(51.8720, 4.6000, "Ridderkerk")]
    [InlineData(51.9000, 4.7500, "Molenlanden")]
    [InlineData(52.3676, 4.9041, null)]
    [InlineData(51.8655, 4.6600, null)]
    public void The_neighbour_holding_a_point_is_named(double lat, double lon, string? municipality) =>
        Assert.Equal(municipality, Border.OtherMunicipalityAt(lat, lon));

    [Fact]
    public void Another_border_file_and_municipality_replace_the_shipped_one()
    {
        var file = Path.Combine(Path.GetTempPath(), $"grens-{Guid.NewGuid():N}.geojson");
        File.WriteAllText(file, """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"statnaam":"Proefdorp"},
             "geometry":{"type":"Polygon","coordinates":[[[5.0,52.0],[5.1,52.0],[5.1,52.1],[5.0,52.1],[5.0,52.0]]]}}]}
            """);
        try
        {
            var border = new MunicipalityBoundary(Options.Create(new MeldingenOptions { Municipality = "Proefdorp", BoundaryFile = file }));
            Assert.True(border.Contains(52.05, 5.05));
            Assert.False(border.Contains(51.8655, 4.6600));
            Assert.Throws<InvalidDataException>(() => new MunicipalityBoundary(Options.Create(new MeldingenOptions { Municipality = "Elders", BoundaryFile = file })));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Kerkstraat 12", "Kerkstraat 12")]
    [InlineData("  kerkstraat   12 ", "kerkstraat 12")]
    [InlineData("Kerkstraat 12a", "Kerkstraat 12a")]
    [InlineData("Kerkstraat 12 A, 2951 AB Alblasserdam", "Kerkstraat 12A")]
    [InlineData("Oost-Kinderdijk 200-2", "Oost-Kinderdijk 200-2")]
    [InlineData("Pieter de Hooghstraat 7 Alblasserdam", "Pieter de Hooghstraat 7")]
    // The town after the number is no reason to miss the number (it was "Ik mis het huisnummer").
    [InlineData("Kerkstraat 12 Dordrecht", "Kerkstraat 12")]
    [InlineData("Kerkstraat 12, Dordrecht", "Kerkstraat 12")]
    public void A_street_with_a_number_is_read_whatever_follows(string typed, string expected) =>
        Assert.Equal(expected, TypedAddress.Parse(typed)?.ToString());

    [Theory]
    [InlineData("Kerkstraat")]
    [InlineData("12")]
    [InlineData("Kerkstraat, Dordrecht")]
    public void Without_a_house_number_nothing_is_read(string typed) => Assert.Null(TypedAddress.Parse(typed));

    [Theory]
    [InlineData("Er is brand in de container", true)]
    [InlineData("Ik zie rook uit een put komen", true)]
    [InlineData("Iemand is gewond geraakt", true)]
    [InlineData("Er hangen jongeren met een mes", true)]
    [InlineData("De buurman bedreigde mij", true)]
    [InlineData("Ik ruik gas bij het trapportaal", true)]
    [InlineData("De brandgang ligt vol onkruid", false)]
    [InlineData("De lantaarnpaal is kapot", false)]
    [InlineData("Er staan veel gasten op de stoep geparkeerd", false)]
    public void Emergencies_are_recognised(string description, bool urgent) => Assert.Equal(urgent, Emergency.LooksUrgent(description));

    [Theory]
    [InlineData("anna@example.nl", true)]
    [InlineData("a.b-c+d@mail.example.co.uk", true)]
    [InlineData("anna@example", false)]
    [InlineData("anna@.nl", false)]
    [InlineData("Anna <anna@example.nl>", false)]
    [InlineData("anna example@x.nl", false)]
    [InlineData("", false)]
    public void E_mail_addresses_are_validated(string email, bool valid) => Assert.Equal(valid, MeldingDialog.IsValidEmail(email));
}
