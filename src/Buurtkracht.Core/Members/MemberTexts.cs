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
}
