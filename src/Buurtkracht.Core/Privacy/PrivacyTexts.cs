using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Privacy;

internal static class PrivacyTexts
{
    public static readonly LocalText MyDataDescription = new("Wat weet de bot over mij? Krijg alles als bestand", "What does the bot know about me? Get it all as a file");
    public static readonly LocalText ForgetDescription = new("Wis mijn gegevens", "Delete my data");

    /// <summary>{0} days before name, e-mail and photos of a closed melding go; {1} months of quiet; {2} days for message texts; {3} how to reach SWA.</summary>
    public static readonly LocalText Overview = new(
        "Privacy bij de Buurtkracht-bot\n\n" +
        "Wat ik bewaar:\n" +
        "• Je naam zoals die in je app staat, je taal en in welke straatgroepen je zit.\n" +
        "• Wat je in een groep schrijft, bewaar ik niet. Ik tel alleen hoeveel berichten er zijn.\n" +
        "• Je meldingen: het soort, de plek, wat er aan de hand is en je foto's. Meld je met naam, dan ook je naam en e-mail.\n" +
        "• Je antwoord op een activiteit (ik kom, misschien, niet).\n" +
        "• Je antwoorden op vragenlijsten. Bij een anonieme vragenlijst bewaar ik niet wie welk antwoord gaf.\n" +
        "• Of je buurtpeilingen wilt krijgen. Stoppen kan altijd: typ /peilingen en druk op Afmelden.\n\n" +
        "Hoe lang:\n" +
        "• Naam, e-mail en foto's van een melding wis ik {0} dagen nadat de melding klaar is.\n" +
        "• Foto's bewaar ik zonder de plek en de camera waarmee ze gemaakt zijn.\n" +
        "• Zit je in geen groep meer en schrijf je {1} maanden niets? Dan wis ik je naam en gegevens.\n" +
        "• De tekst van mijn berichten aan jou wis ik {2} dagen nadat ze zijn aangekomen.\n\n" +
        "Wat je zelf kunt doen:\n" +
        "• /mijngegevens: je krijgt alles wat ik over je weet, als bestand.\n" +
        "• /vergeetmij: ik wis je naam en gegevens.\n\n" +
        "Een melding die al naar de gemeente is gegaan, staat ook bij de gemeente Alblasserdam. " +
        "Daarvoor ga je naar de gemeente, via www.alblasserdam.nl.\n" +
        "Vragen? {3}",
        "Privacy and the Buurtkracht bot\n\n" +
        "What I keep:\n" +
        "• Your name as your app shows it, your language and which street groups you are in.\n" +
        "• I do not keep what you write in a group. I only count how many messages there are.\n" +
        "• Your reports: the kind, the place, what is wrong and your photos. If you report with your name, also your name and e-mail.\n" +
        "• Your answer to an activity (coming, maybe, not coming).\n" +
        "• Your answers to questionnaires. For an anonymous questionnaire I do not keep who gave which answer.\n" +
        "• Whether you want to get neighbourhood polls. You can stop at any time: type /peilingen and press Stop.\n\n" +
        "How long:\n" +
        "• Name, e-mail and photos of a report are deleted {0} days after the report is closed.\n" +
        "• Photos are kept without the place and the camera they were taken with.\n" +
        "• Are you in no group any more and do you write nothing for {1} months? Then I delete your name and data.\n" +
        "• The text of my messages to you is deleted {2} days after they arrived.\n\n" +
        "What you can do yourself:\n" +
        "• /mijngegevens: you get everything I know about you, as a file.\n" +
        "• /vergeetmij: I delete your name and data.\n\n" +
        "A report that has already gone to the municipality is also kept by the municipality of Alblasserdam. " +
        "For that, contact the municipality via www.alblasserdam.nl.\n" +
        "Questions? {3}");

    public static readonly LocalText DefaultContact = new(
        "Vraag het aan je dorpsmakelaar van Stichting Welzijn Alblasserdam (SWA).",
        "Ask your dorpsmakelaar at Stichting Welzijn Alblasserdam (SWA).");

    public static readonly LocalText MyDataSent = new(
        "Hier is alles wat ik over je weet: {0} meldingen, {1} groepen, {2} antwoorden op activiteiten, {3} vragenlijsten. " +
        "In de bestanden staat alles precies: één om te lezen en één voor de computer (JSON). " +
        "Wil je dat ik het wis? Typ /vergeetmij.",
        "Here is everything I know about you: {0} reports, {1} groups, {2} answers to activities, {3} questionnaires. " +
        "The files have all the details: one to read and one for computers (JSON). " +
        "Want me to delete it? Type /vergeetmij.");

    public static readonly LocalText ReadableCaption = new("Alles wat de bot over je weet (om te lezen).", "Everything the bot knows about you (to read).");
    public static readonly LocalText JsonCaption = new("Alles wat de bot over je weet (JSON).", "Everything the bot knows about you (JSON).");

    public static readonly LocalText AskForget = new(
        "Weet je het zeker? Ik wis dan je naam en alles wat bij jou hoort: je rollen, je antwoorden, je aanmeldingen. " +
        "Je meldingen blijven bestaan, maar zonder je naam, e-mail en foto's. Dit kan niet terug.",
        "Are you sure? I will delete your name and everything that belongs to you: your roles, your answers, your sign-ups. " +
        "Your reports stay, but without your name, e-mail and photos. This cannot be undone.");

    public static readonly LocalText ForgetYes = new("Ja, wis alles", "Yes, delete it all");
    public static readonly LocalText ForgetNo = new("Nee, toch niet", "No, keep it");

    public static readonly LocalText Forgotten = new(
        "Klaar. Ik heb je naam en gegevens gewist. Schrijf je me weer, dan ben je voor mij een nieuw iemand.\n" +
        "Een melding die al naar de gemeente is gegaan, staat ook bij de gemeente Alblasserdam. " +
        "Wil je die daar laten wissen? Neem contact op met de gemeente, via www.alblasserdam.nl.",
        "Done. I have deleted your name and data. If you write to me again, you are someone new to me.\n" +
        "A report that has already gone to the municipality is also kept by the municipality of Alblasserdam. " +
        "Want it deleted there? Contact the municipality via www.alblasserdam.nl.");

    public static readonly LocalText NotForgotten = new("Goed, ik wis niets.", "Fine, I delete nothing.");
}
