namespace Buurtkracht.Core.Meldingen;

/// <summary>
/// The subcategories the migration seeds once, modelled on the FIXI categories of Dutch municipalities. After that the
/// table is the truth: edit, add or deactivate rows there; nothing overwrites them.
/// </summary>
public static class MeldingCategorySeed
{
    public sealed record Row(string Code, MeldingTheme Theme, string NameNl, string NameEn);

    public static readonly IReadOnlyList<Row> Rows =
    [
        new("afval", MeldingTheme.Schoon, "Afval en zwerfafval", "Litter and rubbish"),
        new("grofvuil", MeldingTheme.Schoon, "Vuilniszakken naast de container, grofvuil", "Rubbish bags next to the container, bulky waste"),
        new("containers", MeldingTheme.Schoon, "Containers", "Waste containers"),
        new("onkruid", MeldingTheme.Schoon, "Onkruid", "Weeds"),
        new("dieren", MeldingTheme.Schoon, "Dieren (overlast, dode dieren)", "Animals (nuisance, dead animals)"),
        new("schoon-overig", MeldingTheme.Schoon, "Overig", "Other"),
        new("groen", MeldingTheme.Heel, "Openbaar groen en bomen", "Public green and trees"),
        new("wegen", MeldingTheme.Heel, "Wegen, trottoirs en fietspaden", "Roads, pavements and cycle paths"),
        new("verlichting", MeldingTheme.Heel, "Openbare verlichting", "Street lighting"),
        new("verkeersborden", MeldingTheme.Heel, "Verkeersborden en verkeerslichten", "Traffic signs and lights"),
        new("speelplaatsen", MeldingTheme.Heel, "Speelplaatsen", "Playgrounds"),
        new("bruggen", MeldingTheme.Heel, "Bruggen", "Bridges"),
        new("water", MeldingTheme.Heel, "Water en beschoeiing", "Water and banks"),
        new("riolering", MeldingTheme.Heel, "Riolering en putten", "Sewers and drains"),
        new("graffiti", MeldingTheme.Heel, "Graffiti en vernieling", "Graffiti and vandalism"),
        new("heel-overig", MeldingTheme.Heel, "Overig", "Other"),
        new("parkeren", MeldingTheme.Veilig, "Parkeren", "Parking"),
        new("overlast", MeldingTheme.Veilig, "Overlast (geluid, hangplekken)", "Nuisance (noise, loitering)"),
        new("veilig-overig", MeldingTheme.Veilig, "Overig", "Other"),
    ];
}
