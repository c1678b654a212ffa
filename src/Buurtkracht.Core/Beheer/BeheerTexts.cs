using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Beheer;

/// <summary>What the bot says about the dashboard.</summary>
public static class BeheerTexts
{
    public static readonly LocalText Description = new(
        "Open het beheer op internet (voor beheerders en coördinatoren)",
        "Open the dashboard on the web (moderators and coordinators)");

    public static readonly LocalText YourLink = new(
        "Hier is je persoonlijke link naar het beheer. De link werkt één keer en {0} minuten lang. Geef hem aan niemand door.",
        "Here is your personal link to the dashboard. It works once, for {0} minutes. Do not pass it on.");

    public static readonly LocalText OpenButton = new("Open het beheer", "Open the dashboard");

    public static readonly LocalText NotForYou = new(
        "Het beheer is voor beheerders van een straatgroep en voor de coördinatoren van SWA. Wil je meehelpen? Vraag het de beheerder van je straatgroep.",
        "The dashboard is for moderators of a street group and for SWA's coordinators. Would you like to help? Ask the moderator of your street group.");
}
