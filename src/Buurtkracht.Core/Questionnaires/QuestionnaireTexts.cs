using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Questionnaires;

internal static class QuestionnaireTexts
{
    public static readonly LocalText Description = new("Vul een vragenlijst in, of ga verder waar je was", "Fill in a questionnaire, or continue where you left off");
    public static readonly LocalText Progress = new("Vraag {0} van {1}", "Question {0} of {1}");
    public static readonly LocalText ScaleEnds = new("1 = {0}, 5 = {1}", "1 = {0}, 5 = {1}");
    public static readonly LocalText NumberHint = new("Typ een getal van {0} tot en met {1}.", "Type a number from {0} to {1}.");
    public static readonly LocalText NumberHintAny = new("Typ een getal.", "Type a number.");
    public static readonly LocalText TextHint = new("Typ je antwoord.", "Type your answer.");
    public static readonly LocalText MultipleHint = new("Kies wat past (meer mag), druk daarna op Klaar.", "Choose what fits (more is fine), then press Done.");
    public static readonly LocalText PreviousAnswer = new("Je antwoord was: {0}", "Your answer was: {0}");
    public static readonly LocalText Skipped = new("(overgeslagen)", "(skipped)");
    public static readonly LocalText Yes = new("Ja", "Yes");
    public static readonly LocalText No = new("Nee", "No");
    public static readonly LocalText Done = new("Klaar", "Done");
    public static readonly LocalText Skip = new("Overslaan", "Skip");
    public static readonly LocalText Later = new("Later verder", "Continue later");
    public static readonly LocalText Start = new("Invullen", "Fill in");
    public static readonly LocalText ChosenSoFar = new("Gekozen: {0}. Kies meer of druk op Klaar.", "Chosen: {0}. Choose more or press Done.");
    public static readonly LocalText NothingChosen = new("Je hebt nog niets gekozen. Kies minstens één, of druk op Overslaan.", "You have not chosen anything yet. Choose at least one, or press Skip.");
    public static readonly LocalText NothingChosenRequired = new("Je hebt nog niets gekozen. Kies minstens één.", "You have not chosen anything yet. Choose at least one.");
    public static readonly LocalText NotANumber = new("Dat is geen getal. Typ alleen cijfers, bijvoorbeeld 3.", "That is not a number. Type digits only, for example 3.");
    public static readonly LocalText OutOfRange = new("Dat getal kan niet. Kies een getal van {0} tot en met {1}.", "That number is not possible. Choose a number from {0} to {1}.");
    public static readonly LocalText UseButtons = new("Kies een van de knoppen hieronder.", "Please choose one of the buttons below.");
    public static readonly LocalText Required = new("Deze vraag moet je beantwoorden.", "This question needs an answer.");
    public static readonly LocalText AskStop = new(
        "Wil je stoppen? Je antwoorden tot nu toe zijn nog bewaard. Wat wil je?",
        "Do you want to stop? Your answers so far are still saved. What would you like?");

    public static readonly LocalText Discard = new("Antwoorden weggooien", "Throw my answers away");
    public static readonly LocalText GoOn = new("Toch doorgaan", "Go on after all");

    public static readonly LocalText Discarded = new(
        "Je antwoorden zijn weggegooid. Er is niets ingestuurd. Met /vragenlijst begin je opnieuw.",
        "Your answers are thrown away. Nothing was sent in. With /vragenlijst you start again.");

    public static readonly LocalText Paused = new("Je antwoorden zijn bewaard. Typ /vragenlijst als je verder wilt gaan.", "Your answers are saved. Type /vragenlijst when you want to continue.");
    public static readonly LocalText Resumed = new("Welkom terug! We gaan verder waar je was.", "Welcome back! Let's continue where you left off.");
    public static readonly LocalText Thanks = new("Klaar! Dank je wel voor het invullen.", "Done! Thank you for filling this in.");
    public static readonly LocalText ThanksAnonymous = new("Klaar! Dank je wel. Je antwoorden zijn anoniem bewaard.", "Done! Thank you. Your answers were saved anonymously.");
    public static readonly LocalText AlreadyDone = new("Je hebt deze vragenlijst al ingevuld. Dank je wel!", "You have already filled in this questionnaire. Thank you!");
    public static readonly LocalText NotFound = new("Deze vragenlijst bestaat niet (meer).", "This questionnaire does not exist (any more).");
    public static readonly LocalText NotOpenYet = new("Deze vragenlijst is nog niet open.", "This questionnaire is not open yet.");
    public static readonly LocalText Closed = new("Deze vragenlijst is gesloten. Dank je wel voor je interesse.", "This questionnaire is closed. Thank you for your interest.");
    public static readonly LocalText OnlyGroupMembers = new(
        "Deze vragenlijst is voor de leden van één straatgroep. Jij zit niet in die groep, dus je kunt hem niet invullen. Bedankt voor je interesse!",
        "This questionnaire is for the members of one street group. You are not in that group, so you can't fill it in. Thanks for your interest!");
    public static readonly LocalText NotForYou = new("Deze vragenlijst is voor een andere groep mensen.", "This questionnaire is meant for other people.");
    public static readonly LocalText NoneWaiting = new("Er staat nu geen vragenlijst voor je klaar.", "There is no questionnaire waiting for you now.");
    public static readonly LocalText Intro = new("{0}\n{1}\nAnoniem: {2}.", "{0}\n{1}\nAnonymous: {2}.");
    public static readonly LocalText GroupInvite = new("Vragenlijst: {0}\n{1}\nDruk op Invullen of open: {2}", "Questionnaire: {0}\n{1}\nPress Fill in or open: {2}");
    public static readonly LocalText PrivateInvite = new("Vragenlijst: {0}\n{1}\nOpen tot {2}.", "Questionnaire: {0}\n{1}\nOpen until {2}.");
    public static readonly LocalText Reminder = new("Herinnering: de vragenlijst \"{0}\" is nog open tot {1}. Wil je hem afmaken?", "Reminder: the questionnaire \"{0}\" is open until {1}. Would you like to finish it?");
    public static readonly LocalText StartHere = new("Druk op Invullen om de vragenlijst te beginnen.", "Press Fill in to start the questionnaire.");
    public static readonly LocalText OpenPrivately = new("Open de chat met de bot om de vragenlijst in te vullen: {0}", "Open the chat with the bot to fill in the questionnaire: {0}");
    public static readonly LocalText SentPrivately = new("Ik heb je een bericht gestuurd in de chat met de bot.", "I have sent you a message in the chat with the bot.");

    // The opt-in for buurtpeilingen (/peilingen).
    public static readonly LocalText OptInDescription = new("Krijg buurtpeilingen over je buurt, of stop ermee", "Get polls about your neighbourhood, or stop them");
    public static readonly LocalText OptInIntro = new(
        "Buurtpeilingen zijn korte vragenlijsten over je buurt. Bijvoorbeeld: voel je je veilig, en ken je je buren? " +
        "Met je antwoorden ziet Buurtkracht wat goed gaat en wat beter kan. Wil je ze krijgen? Meld je aan voor je buurt. " +
        "Dan stuur ik ze hier, in dit privégesprek.\n\n" +
        "Privacy: ik bewaar alleen voor welke buurt je je aanmeldt en sinds wanneer. Bij elke vragenlijst staat of hij anoniem is; " +
        "van een anonieme vragenlijst bewaar ik niet wie welk antwoord gaf. Stoppen kan altijd: typ /peilingen en druk op Afmelden. " +
        "Dan wis ik je aanmelding.",
        "Neighbourhood polls (buurtpeilingen) are short questionnaires about your neighbourhood. For example: do you feel safe, and do you know " +
        "your neighbours? Your answers show Buurtkracht what goes well and what could be better. Would you like to get them? " +
        "Sign up for your neighbourhood, and I will send them here, in this private chat.\n\n" +
        "Privacy: I only keep which neighbourhood you signed up for, and since when. Every questionnaire says whether it is anonymous; " +
        "for an anonymous one I do not keep who gave which answer. You can stop at any time: type /peilingen and press Stop. " +
        "Then I delete your sign-up.");
    public static readonly LocalText OptInNone = new(
        "Je krijgt nu geen buurtpeilingen. Kies je buurt om je aan te melden (meer buurten mag ook), of druk op Klaar.",
        "You do not get neighbourhood polls now. Choose your neighbourhood to sign up (more than one is fine), or press Done.");
    public static readonly LocalText OptInSome = new(
        "Je krijgt buurtpeilingen van: {0}.\nDruk op een knop om je aan of af te melden. Klaar? Druk op Klaar.",
        "You get neighbourhood polls for: {0}.\nPress a button to sign up or stop. Finished? Press Done.");
    public static readonly LocalText OptInButton = new("Aanmelden: {0}", "Sign up: {0}");
    public static readonly LocalText OptOutButton = new("Afmelden: {0}", "Stop: {0}");
    public static readonly LocalText OptedIn = new(
        "Je bent aangemeld voor {0}. Je krijgt de buurtpeilingen van {0} voortaan hier.",
        "You are signed up for {0}. From now on you will get the neighbourhood polls of {0} here.");
    public static readonly LocalText OptedOut = new(
        "Je bent afgemeld voor {0}. Je krijgt geen buurtpeilingen van {0} meer. Je aanmelding is gewist.",
        "You have stopped for {0}. You will not get neighbourhood polls of {0} any more. Your sign-up has been deleted.");
    public static readonly LocalText AlreadyOptedIn = new("Je was al aangemeld voor {0}.", "You were already signed up for {0}.");
    public static readonly LocalText AlreadyOptedOut = new("Je was al afgemeld voor {0}.", "You had already stopped for {0}.");
    public static readonly LocalText OptInDone = new("Oké. Wil je later iets veranderen? Typ dan weer /peilingen.", "OK. Want to change something later? Type /peilingen again.");
    public static readonly LocalText OptInUseButtons = new(
        "Kies een knop hieronder: Aanmelden of Afmelden bij een buurt, of Klaar.",
        "Please choose a button below: Sign up or Stop for a neighbourhood, or Done.");
    public static readonly LocalText OptInButtonExpired = new("Deze knop werkt niet meer. Typ /peilingen om opnieuw te kiezen.", "This button no longer works. Type /peilingen to choose again.");
}
