using Buurtkracht.Core.Meldingen;

namespace Buurtkracht.Core.Tests.Meldingen;

public sealed class MeldingRulesTests
{
    [Theory]
    [InlineData(51.8655, 4.6600, true)]   // centre, Dam
    [InlineData(51.8840, 4.6400, true)]   // Kinderdijk
    [InlineData(51.8550, 4.6800, true)]   // Blokweer / Souburgh
    [InlineData(51.8133, 4.6901, false)]  // Dordrecht
    [InlineData(51.8317, 4.6872, false)]  // Papendrecht
    [InlineData(51.8440, 4.6380, false)]  // Hendrik-Ido-Ambacht
    [InlineData(51.8720, 4.6000, false)]  // Ridderkerk
    [InlineData(52.3676, 4.9041, false)]  // Amsterdam
    public void The_area_holds_Alblasserdam_and_not_its_neighbours(double lat, double lon, bool inside) =>
        Assert.Equal(inside, AlblasserdamArea.Contains(lat, lon));

    [Theory]
    [InlineData("Kerkstraat 12", "Kerkstraat 12")]
    [InlineData("  kerkstraat   12 ", "Kerkstraat 12")]
    [InlineData("Kerkstr. 12a", "Kerkstraat 12a")]
    [InlineData("Kerkstraat 12 A, 2951 AB Alblasserdam", "Kerkstraat 12A")]
    [InlineData("Oost Kinderdijk 200-2", "Oost-Kinderdijk 200-2")]
    [InlineData("Pieter de Hooghstraat 7 Alblasserdam", "Pieter de Hooghstraat 7")]
    public void Known_streets_with_a_number_are_placed(string typed, string expected)
    {
        var (outcome, address) = AddressMatcher.Match(typed, AddressMatcher.BuiltInStreets);
        Assert.Equal(AddressMatcher.Outcome.Placed, outcome);
        Assert.Equal(expected, address!.ToString());
    }

    [Theory]
    [InlineData("Kerkstraat", AddressMatcher.Outcome.NoHouseNumber)]
    [InlineData("12", AddressMatcher.Outcome.NoHouseNumber)]
    [InlineData("Coolsingel 40", AddressMatcher.Outcome.UnknownStreet)]
    [InlineData("Kerkstraatje 4", AddressMatcher.Outcome.UnknownStreet)]
    public void Other_addresses_are_not_placed(string typed, AddressMatcher.Outcome expected) =>
        Assert.Equal(expected, AddressMatcher.Match(typed, AddressMatcher.BuiltInStreets).Outcome);

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
