using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Members;

internal static class MemberTexts
{
    public static readonly LocalText Welcome = new(
        "Hoi {0}! Welkom bij de bot van Buurtkracht Alblasserdam.\n\n" +
        "Ik help je om mee te doen in je buurt: ik herinner je aan activiteiten, je kunt bij mij melden wat kapot, " +
        "vies of onveilig is, en ik stel soms een paar korte vragen.\n\n" +
        "Typ /help om te zien wat ik kan. Prefer English? Type /taal.",
        "Hi {0}! Welcome to the Buurtkracht Alblasserdam bot.\n\n" +
        "I help you take part in your neighbourhood: I remind you of activities, you can report things that are " +
        "broken, dirty or unsafe, and sometimes I ask a few short questions.\n\n" +
        "Type /help to see what I can do. Liever Nederlands? Typ /taal.");

    public static readonly LocalText StartDescription = new("Begin hier", "Start here");
    public static readonly LocalText HelpDescription = new("Wat kan deze bot?", "What can this bot do?");
    public static readonly LocalText LanguageDescription = new("Kies je taal: Nederlands of English", "Choose your language: Dutch or English");
    public static readonly LocalText PrivacyDescription = new("Wat bewaart de bot over mij?", "What does the bot keep about me?");

    public static readonly LocalText HelpIntro = new("Dit kan ik voor je doen:", "This is what I can do for you:");

    public static readonly LocalText HelpDialogs = new(
        "Tijdens een vraag kun je altijd \"terug\" typen voor de vorige vraag, of \"stop\" om te stoppen.",
        "While I ask you something, you can always type \"back\" (terug) for the previous question, or \"stop\" to stop.");

    public static readonly LocalText HelpGroupPrivate = new(
        "Persoonlijke dingen doen we in een privégesprek: {0}",
        "Personal things are done in a private chat: {0}");

    public static readonly LocalText AskLanguage = new(
        "In welke taal wil je dat ik schrijf? / Which language would you like me to use?",
        "Which language would you like me to use? / In welke taal wil je dat ik schrijf?");

    public static readonly LocalText LanguageSet = new(
        "Prima, ik schrijf je voortaan in het Nederlands.",
        "Fine, from now on I will write to you in English.");

    public static readonly LocalText Privacy = new(
        "Wat ik over je bewaar: je naam zoals die in je app staat, je taalkeuze en in welke straatgroepen je zit. " +
        "Wat je in een groep schrijft, bewaar ik niet: ik tel alleen hoeveel berichten er per dag in de groep komen, " +
        "niet van wie. Antwoorden op mijn vragen bewaar ik alleen zolang dat nodig is. " +
        "Bij een anonieme vragenlijst bewaar ik niet wie welk antwoord gaf, alleen dat je hem hebt ingevuld. " +
        "Heb je je met /peilingen aangemeld voor buurtpeilingen? Dan bewaar ik voor welke buurt en sinds wanneer. " +
        "Stoppen kan altijd: typ /peilingen en druk op Afmelden, dan wis ik je aanmelding. " +
        "Wil je weten wat er over jou bewaard is, of wil je dat het gewist wordt? Vraag het aan Stichting Welzijn Alblasserdam.",
        "What I keep about you: your name as your app shows it, your language choice and which street groups you are in. " +
        "I do not keep what you write in a group: I only count how many messages the group gets per day, not from whom. " +
        "Answers to my questions are kept only as long as needed. " +
        "For an anonymous questionnaire I do not keep who gave which answer, only that you filled it in. " +
        "Did you sign up for neighbourhood polls with /peilingen? Then I keep for which neighbourhood and since when. " +
        "You can stop at any time: type /peilingen and press Stop, and I delete your sign-up. " +
        "Want to know what is stored about you, or have it deleted? Ask Stichting Welzijn Alblasserdam.");
}
