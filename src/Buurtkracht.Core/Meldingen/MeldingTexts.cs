using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Meldingen;

/// <summary>Every text of the meldingen feature: plain Dutch (B1) with an English twin.</summary>
internal static class MeldingTexts
{
    public static readonly LocalText MeldingDescription = new("Meld iets wat kapot, vies of onveilig is", "Report something broken, dirty or unsafe");
    public static readonly LocalText MyMeldingenDescription = new("Bekijk je meldingen en hoe het ermee staat", "See your reports and their status");
    public static readonly LocalText GroupNoticeDescription = new(
        "Zet een korte melding in de groep aan of uit (voor beheerders)", "Turn short report notices in the group on or off (admins)");

    public static readonly LocalText AskTheme = new(
        "Waar gaat je melding over?\nSchoon: afval, vuil, onkruid.\nHeel: iets is kapot.\nVeilig: iets voelt onveilig.",
        "What is your report about?\nClean: rubbish, dirt, weeds.\nIntact: something is broken.\nSafe: something feels unsafe.");

    public static readonly LocalText Schoon = new("Schoon", "Clean");
    public static readonly LocalText Heel = new("Heel", "Intact");
    public static readonly LocalText Veilig = new("Veilig", "Safe");

    public static LocalText ThemeName(MeldingTheme theme) => theme switch
    {
        MeldingTheme.Schoon => Schoon,
        MeldingTheme.Heel => Heel,
        _ => Veilig,
    };

    public static readonly LocalText Safety = new(
        "Eerst even dit. Is er nu gevaar, brand of een ongeluk? Bel dan meteen 112.\n" +
        "Geen spoed, wel politie nodig? Bel 0900-8844.\n" +
        "Wil je anoniem iets over een misdaad vertellen? Bel Meld Misdaad Anoniem: 0800-7000.\n" +
        "Een melding hier wordt niet meteen gelezen.",
        "First this. Is there danger, a fire or an accident right now? Call 112 at once.\n" +
        "No emergency, but you need the police? Call 0900-8844.\n" +
        "Want to report a crime anonymously? Call Meld Misdaad Anoniem: 0800-7000.\n" +
        "A report here is not read straight away.");

    public static readonly LocalText AskCategory = new("Wat past het best?", "What fits best?");

    public static readonly LocalText AskLocationShare = new(
        "Waar is het? Tik op \"Deel mijn locatie\" als je er nu bent. Of typ de straat en het huisnummer, bijvoorbeeld: Kerkstraat 12.",
        "Where is it? Tap \"Deel mijn locatie\" (share my location) if you are there now. Or type the street and house number, for example: Kerkstraat 12.");

    public static readonly LocalText AskLocationTyped = new(
        "Waar is het? Typ de straat en het huisnummer, bijvoorbeeld: Kerkstraat 12.",
        "Where is it? Type the street and house number, for example: Kerkstraat 12.");

    public static readonly LocalText ShareLocationButton = new("Deel mijn locatie", "Share my location");

    public static readonly LocalText OutsideMunicipality = new(
        "Die plek ligt niet in {0}. Ik kan alleen meldingen in {0} doorgeven. " +
        "Is het ergens anders? Meld het dan bij die gemeente.",
        "That place is not in {0}. I can only pass on reports in {0}. " +
        "Is it somewhere else? Please report it to that municipality.");

    public static readonly LocalText InOtherMunicipality = new(
        "Die plek ligt in de gemeente {0}, niet in {1}. Ik kan alleen meldingen in {1} doorgeven. " +
        "Meld het bij de gemeente {0}. Is het toch in {1}? Deel de plek opnieuw of typ het adres.",
        "That place is in the municipality of {0}, not in {1}. I can only pass on reports in {1}. " +
        "Please report it to the municipality of {0}. Is it in {1} after all? Share the place again or type the address.");

    public static readonly LocalText AddressInOtherMunicipality = new(
        "Dat adres ligt in de gemeente {0}, niet in {1}. Ik kan alleen meldingen in {1} doorgeven. " +
        "Meld het bij de gemeente {0}. Is het toch in {1}? Typ dan de straat en het huisnummer, zonder plaatsnaam.",
        "That address is in the municipality of {0}, not in {1}. I can only pass on reports in {1}. " +
        "Please report it to the municipality of {0}. Is it in {1} after all? Then type the street and house number, without a town.");

    public static readonly LocalText NoHouseNumber = new(
        "Ik mis het huisnummer. Typ de straat en een huisnummer dichtbij, bijvoorbeeld: Kerkstraat 12.",
        "I am missing the house number. Type the street and a house number close by, for example: Kerkstraat 12.");

    public static readonly LocalText AddressNotFound = new(
        "Dat adres kan ik niet vinden in {0}. Kijk of de straat goed gespeld is, of typ een huisnummer dichtbij.",
        "I cannot find that address in {0}. Check the spelling of the street, or type a house number close by.");

    public static readonly LocalText AddressKeptToCheck = new(
        "Ik kan het adres nu niet opzoeken. Ik neem het over zoals je het typte. Een medewerker kijkt het nog na.",
        "I cannot look up the address right now. I am keeping it as you typed it. Someone will check it later.");

    public static readonly LocalText ConfirmAddress = new("Bedoel je: {0}?", "Do you mean: {0}?");
    public static readonly LocalText ChooseAddress = new("Bedoel je een van deze adressen?", "Do you mean one of these addresses?");
    public static readonly LocalText YesThatOne = new("Ja, dat klopt", "Yes, that's right");
    public static readonly LocalText NoOther = new("Nee, anders", "No, something else");

    public static readonly LocalText NearAddress = new("bij {0} (gedeelde locatie)", "near {0} (shared location)");

    public static readonly LocalText LocationExpected = new(
        "Ik heb een plek nodig: deel je locatie, of typ de straat en het huisnummer.",
        "I need a place: share your location, or type the street and house number.");

    public static readonly LocalText LocationExpectedTyped = new(
        "Ik heb een plek nodig: typ de straat en het huisnummer.",
        "I need a place: type the street and house number.");

    public static readonly LocalText AskDescription = new(
        "Wat is er aan de hand? Schrijf het in een paar zinnen (10 tot 1000 tekens).",
        "What is the matter? Describe it in a few sentences (10 to 1000 characters).");

    public static readonly LocalText DescriptionTooShort = new(
        "Dat is wat kort. Schrijf iets meer, zodat de gemeente weet wat er is (minstens 10 tekens).",
        "That is a bit short. Write a little more, so the municipality knows what is wrong (at least 10 characters).");

    public static readonly LocalText DescriptionTooLong = new(
        "Dat is te lang ({0} tekens). Het mag hoogstens 1000 tekens zijn.",
        "That is too long ({0} characters). It may be at most 1000 characters.");

    public static readonly LocalText DescriptionExpected = new(
        "Schrijf in tekst wat er aan de hand is.",
        "Please describe in text what the matter is.");

    public static readonly LocalText AskPhotos = new(
        "Heb je een foto? Stuur er hoogstens 3. Geen foto? Kies Overslaan.",
        "Do you have a photo? Send up to 3. No photo? Choose Skip.");

    public static readonly LocalText AskMorePhotos = new(
        "Je hebt {0} van de 3 foto's gestuurd. Stuur nog een foto, of kies Klaar.",
        "You have sent {0} of 3 photos. Send another photo, or choose Done.");

    public static readonly LocalText AskPhotosTyped = new(
        "Foto's kan ik via dit kanaal niet ontvangen. Kies Overslaan om verder te gaan.",
        "I cannot receive photos on this channel. Choose Skip to go on.");

    public static readonly LocalText PhotoReceived = new("Dank je, de foto is binnen.", "Thank you, the photo is in.");

    public static readonly LocalText Skip = new("Overslaan", "Skip");
    public static readonly LocalText Done = new("Klaar", "Done");

    public static readonly LocalText PhotoExpected = new(
        "Stuur een foto, of kies een knop.",
        "Send a photo, or choose a button.");

    public static readonly LocalText PhotoTooLarge = new(
        "Die foto is te groot voor mij. Stuur een kleinere foto (als foto, niet als bestand), of kies een knop.",
        "That photo is too large for me. Send a smaller photo (as a photo, not as a file), or choose a button.");

    public static readonly LocalText PhotoFailed = new(
        "Het lukte niet om die foto op te halen. Probeer het nog eens, of kies een knop.",
        "I could not fetch that photo. Try again, or choose a button.");

    public static readonly LocalText PhotosUnsupported = new(
        "Foto's kan ik via dit kanaal niet ontvangen.",
        "I cannot receive photos on this channel.");

    public static readonly LocalText AskContact = new(
        "Wil je anoniem melden, of met je naam en e-mailadres? Met e-mail kan de gemeente je op de hoogte houden. " +
        "Updates krijg je altijd ook hier.\n\n" +
        "Wat we bewaren: je melding, de plek, de foto's en (als je ze geeft) je naam en e-mailadres. We geven dit alleen " +
        "door aan de gemeente voor deze melding. Naam, e-mail en foto's wissen we {0} dagen nadat de melding is afgehandeld.",
        "Do you want to report anonymously, or with your name and e-mail address? With e-mail the municipality can keep " +
        "you informed. You always get updates here too.\n\n" +
        "What we keep: your report, the place, the photos and (if you give them) your name and e-mail address. We only pass " +
        "this on to the municipality for this report. Name, e-mail and photos are deleted {0} days after the report is closed.");

    public static readonly LocalText Anonymous = new("Anoniem melden", "Report anonymously");
    public static readonly LocalText WithName = new("Met naam en e-mail", "With name and e-mail");

    public static readonly LocalText AskName = new("Wat is je naam?", "What is your name?");

    public static readonly LocalText NameInvalid = new(
        "Een naam heeft 2 tot 100 tekens.",
        "A name has 2 to 100 characters.");

    public static readonly LocalText AskEmail = new(
        "Wat is je e-mailadres? Bijvoorbeeld: naam@voorbeeld.nl",
        "What is your e-mail address? For example: name@example.com");

    public static readonly LocalText EmailInvalid = new(
        "Dat is geen geldig e-mailadres. Kijk of er een @ en een punt in staan, zoals naam@voorbeeld.nl.",
        "That is not a valid e-mail address. Check that it has an @ and a dot, like name@example.com.");

    public static readonly LocalText Summary = new(
        "Kijk of alles klopt:\n\nOnderwerp: {0}\nPlek: {1}\nWat er is: {2}\nFoto's: {3}\nContact: {4}",
        "Please check:\n\nSubject: {0}\nPlace: {1}\nWhat is wrong: {2}\nPhotos: {3}\nContact: {4}");

    public static readonly LocalText SharedLocation = new("gedeelde locatie ({0:F5}, {1:F5})", "shared location ({0:F5}, {1:F5})");
    public static readonly LocalText AnonymousContact = new("anoniem", "anonymous");

    public static readonly LocalText Send = new("Versturen", "Send");
    public static readonly LocalText Change = new("Wijzigen", "Change");
    public static readonly LocalText Cancel = new("Annuleren", "Cancel");

    public static readonly LocalText AskWhatToChange = new("Wat wil je veranderen?", "What do you want to change?");
    public static readonly LocalText ChangeSubject = new("Onderwerp", "Subject");
    public static readonly LocalText ChangePlace = new("Plek", "Place");
    public static readonly LocalText ChangeDescription = new("Omschrijving", "Description");
    public static readonly LocalText ChangePhotos = new("Foto's", "Photos");
    public static readonly LocalText ChangeContact = new("Contact", "Contact");
    public static readonly LocalText BackToSummary = new("Terug naar overzicht", "Back to the summary");

    public static readonly LocalText Cancelled = new(
        "Oké, je melding is niet verstuurd. Typ /melding als je opnieuw wilt beginnen.",
        "OK, your report was not sent. Type /melding if you want to start again.");

    public static readonly LocalText Sent = new(
        "Dank je wel! Je melding is ontvangen. Het nummer is {0}. Noem dat nummer als je contact opneemt.\n\n" +
        "Wat nu? We sturen je melding door naar de gemeente. Verandert er iets, dan hoor je het hier. " +
        "Typ /mijnmeldingen om je meldingen te zien.",
        "Thank you! Your report has been received. Its number is {0}. Please quote it if you get in touch.\n\n" +
        "What next? We pass your report on to the municipality. When something changes, you will hear it here. " +
        "Type /mijnmeldingen to see your reports.");

    /// <summary>Said instead of <see cref="Sent"/> while no Open311 server or meldpunt mailbox is configured.</summary>
    public static readonly LocalText SentStoredOnly = new(
        "Dank je wel! Je melding is ontvangen. Het nummer is {0}. Noem dat nummer als je contact opneemt.\n\n" +
        "Wat nu? We bewaren je melding. Een coördinator van Buurtkracht geeft hem door aan de gemeente. " +
        "Verandert er iets, dan hoor je het hier. Typ /mijnmeldingen om je meldingen te zien.",
        "Thank you! Your report has been received. Its number is {0}. Please quote it if you get in touch.\n\n" +
        "What next? We keep your report. A Buurtkracht coordinator passes it on to the municipality. " +
        "When something changes, you will hear it here. Type /mijnmeldingen to see your reports.");

    public static readonly LocalText StatusChanged = new(
        "Nieuws over je melding {0} ({1}): {2}.",
        "News about your report {0} ({1}): {2}.");

    public static readonly LocalText StatusNotes = new("De gemeente schrijft: {0}", "The municipality writes: {0}");

    public static LocalText StatusName(MeldingStatus status) => status switch
    {
        MeldingStatus.Ontvangen => new("ontvangen", "received"),
        MeldingStatus.InBehandeling => new("in behandeling", "being handled"),
        _ => new("afgehandeld", "closed"),
    };

    public static readonly LocalText NoMeldingen = new(
        "Je hebt nog geen meldingen gedaan. Typ /melding om iets te melden.",
        "You have not made any reports yet. Type /melding to report something.");

    public static readonly LocalText MyMeldingenIntro = new("Je meldingen:", "Your reports:");
    public static readonly LocalText MyMeldingenLine = new("{0} – {1}\nPlek: {2}\nGemeld op {3}. Status: {4}.", "{0} – {1}\nPlace: {2}\nReported on {3}. Status: {4}.");
    public static readonly LocalText MyMeldingenNote = new("Laatste bericht ({0}): {1}", "Latest news ({0}): {1}");
    public static readonly LocalText MyMeldingenUpdated = new("Bijgewerkt op {0}.", "Updated on {0}.");
    public static readonly LocalText SharedPlace = new("de plek die je op de kaart deelde", "the place you shared on the map");

    public static readonly LocalText GroupNotice = new(
        "Er is een melding gedaan over {0} in de {1}. Zie jij ook iets wat kapot, vies of onveilig is? Meld het via {2}",
        "A report was made about {0} in {1}. Do you also see something broken, dirty or unsafe? Report it via {2}");

    public static readonly LocalText NoticeOn = new(
        "Aan: als iemand iets meldt in de straten van deze groep, zet ik hier een korte regel zonder naam.",
        "On: when someone reports something in this group's streets, I post a short line here without a name.");

    public static readonly LocalText NoticeOff = new(
        "Uit: ik zet geen meldingen meer in deze groep.",
        "Off: I no longer post reports in this group.");

    public static readonly LocalText NoticeUsage = new(
        "Meldingen in de groep staan nu {0}. Typ /meldingmelden aan of /meldingmelden uit.",
        "Report notices in this group are now {0}. Type /meldingmelden aan (on) or /meldingmelden uit (off).");

    public static readonly LocalText NoticeNeedsStreets = new(
        "Let op: deze groep heeft nog geen straten. Een beheerder kan ze toevoegen met /koppel.",
        "Note: this group has no streets yet. An admin can add them with /koppel.");

    public static readonly LocalText On = new("aan", "on");
    public static readonly LocalText Off = new("uit", "off");

    public static readonly LocalText OnlyModerators = new(
        "Alleen een beheerder van deze groep kan dit aan- of uitzetten.",
        "Only an admin of this group can turn this on or off.");

    public static readonly LocalText AdminCheckFailed = new(
        "Ik kan nu niet nagaan of je beheerder bent. Probeer het over een paar minuten nog eens.",
        "I can't check right now whether you are an admin. Please try again in a few minutes.");

    public static readonly LocalText StatusChangedFollower = new(
        "Nieuws over de melding {0} die je volgt ({1}): {2}.",
        "News about the report {0} you follow ({1}): {2}.");

    // Neighbours' meldingen first.
    public static readonly LocalText AskNearby = new(
        "Er is vlakbij al iets gemeld wat hierop lijkt. Is het een van deze?\n\n{0}\n\nIs het hetzelfde? Dan volg je die melding en krijg je dezelfde berichten. Er komt dan geen nieuwe melding.",
        "Something like this was already reported close by. Is it one of these?\n\n{0}\n\nIs it the same? Then you follow that report and get the same messages. No new report is made.");

    public static readonly LocalText NearbyLine = new("{0}. {1}, ongeveer {2} meter hiervandaan: \"{3}\"", "{0}. {1}, about {2} metres from here: \"{3}\"");
    public static readonly LocalText NearbyYes = new("Ja, deze", "Yes, this one");
    public static readonly LocalText NearbyYesNumber = new("Ja, nummer {0}", "Yes, number {0}");
    public static readonly LocalText NearbyNo = new("Nee, iets anders", "No, something else");

    public static readonly LocalText Following = new(
        "Fijn, dan maken we geen nieuwe melding. Je volgt nu melding {0}. Verandert er iets, dan hoor je het hier.",
        "Good, then no new report is made. You now follow report {0}. When something changes, you will hear it here.");

    public static readonly LocalText MyFollowedIntro = new("Meldingen die je volgt:", "Reports you follow:");
    public static readonly LocalText MyFollowedLine = new("{0} – {1}. Status: {2}.", "{0} – {1}. Status: {2}.");

    public static readonly LocalText AlreadyFollowing = new(
        "Die melding volg je al, of je hebt hem zelf gedaan. Verandert er iets, dan hoor je het hier.",
        "You already follow that report, or you made it yourself. When something changes, you will hear it here.");

    // Extra questions of the municipality (Open311 attributes).
    public static readonly LocalText AskAttribute = new("De gemeente wil nog iets weten (vraag {0} van {1}):\n{2}", "The municipality wants to know something more (question {0} of {1}):\n{2}");
    public static readonly LocalText AttributeTypeAnswer = new("Typ je antwoord.", "Type your answer.");
    public static readonly LocalText AttributeTypeNumber = new("Typ een getal, bijvoorbeeld 12.", "Type a number, for example 12.");
    public static readonly LocalText AttributeNumberExpected = new("Dat is geen getal. Typ alleen cijfers, bijvoorbeeld 12.", "That is not a number. Type digits only, for example 12.");
    public static readonly LocalText AttributeTextExpected = new("Typ je antwoord in tekst.", "Please type your answer.");
    public static readonly LocalText AttributeTooLong = new("Dat is te lang. Houd het kort: hoogstens 200 tekens.", "That is too long. Keep it short: at most 200 characters.");
    public static readonly LocalText AttributeChooseMore = new("Je kunt meer dan één ding kiezen. Tik op Klaar als je alles hebt.", "You can choose more than one. Tap Done when you have everything.");
    public static readonly LocalText AttributeChosen = new("Gekozen: {0}.", "Chosen: {0}.");
    public static readonly LocalText AttributeChooseOne = new("Kies minstens één ding, en tik dan op Klaar.", "Choose at least one, then tap Done.");
    public static readonly LocalText SummaryExtra = new("\nExtra: {0}", "\nExtra: {0}");

    // A category suggested from the description.
    public static readonly LocalText AskThemeWithSuggestion = new(
        "Ik denk dat je melding gaat over: {0}. Klopt dat? Tik dan op de eerste knop.\nKlopt het niet? Kies dan zelf: Schoon, Heel of Veilig.",
        "I think your report is about: {0}. Is that right? Then tap the first button.\nNot right? Then choose yourself: Clean, Intact or Safe.");

    public static readonly LocalText SuggestionButton = new("Ja, {0}", "Yes, {0}");

    public static readonly LocalText FreeTextStartsMelding = new(
        "Dat klinkt als iets om te melden bij de gemeente. Ik help je stap voor stap. Wil je dat niet? Typ dan stop.",
        "That sounds like something to report to the municipality. I will help you step by step. Don't want that? Then type stop.");

    // "Is het opgelost?"
    public static readonly LocalText ResolvedQuestion = new(
        "Je melding {0} ({1}) is afgehandeld. Is het nu opgelost?",
        "Your report {0} ({1}) has been closed. Is it solved now?");

    public static readonly LocalText ResolvedQuestionFollower = new(
        "De melding {0} die je volgt ({1}) is afgehandeld. Is het nu opgelost?",
        "The report {0} you follow ({1}) has been closed. Is it solved now?");

    public static readonly LocalText ResolvedYes = new("Ja", "Yes");
    public static readonly LocalText ResolvedPartly = new("Een beetje", "Partly");
    public static readonly LocalText ResolvedNo = new("Nee", "No");
    public static readonly LocalText ResolvedThanksYes = new("Fijn om te horen. Dank je wel!", "Good to hear. Thank you!");

    public static readonly LocalText ResolvedThanksPartly = new(
        "Dank je voor je antwoord. De gemeente ziet het. Is het later toch niet goed? Doe dan een nieuwe melding met /melding.",
        "Thank you for your answer. The municipality will see it. Is it still not right later? Then make a new report with /melding.");

    public static readonly LocalText ResolvedAlreadyAnswered = new("Je hebt deze vraag al beantwoord. Dank je!", "You have already answered this question. Thank you!");

    public static readonly LocalText ResolvedClosed = new(
        "Deze vraag is gesloten. Is er nog iets mis? Doe dan een nieuwe melding met /melding.",
        "This question is closed. Is something still wrong? Then make a new report with /melding.");

    public static readonly LocalText ReopenAskWhy = new("Jammer. Wat is er nog niet goed? Schrijf het in één korte zin.", "Too bad. What is still not right? Write it in one short sentence.");
    public static readonly LocalText ReopenWhyExpected = new("Schrijf in een paar woorden wat er nog mis is.", "Write in a few words what is still wrong.");
    public static readonly LocalText ReopenWhyTooLong = new("Dat is te lang ({0} tekens). Het mag hoogstens 500 tekens zijn.", "That is too long ({0} characters). It may be at most 500 characters.");

    public static readonly LocalText Reopened = new(
        "Dank je. We geven het opnieuw door aan de gemeente, met het nummer {0}. Het oude nummer was {1}. Verandert er iets, dan hoor je het hier.",
        "Thank you. We pass it on to the municipality again, with number {0}. The old number was {1}. When something changes, you will hear it here.");

    /// <summary>For the municipality, so always Dutch: the first line of a reopened melding's description.</summary>
    public const string ReopenedDescription = "Heropend: melding {0} is volgens een bewoner niet opgelost. De bewoner schrijft: {1}";
}
