using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Broadcasts;

internal static class BroadcastTexts
{
    public static readonly LocalText Description = new("Stuur een bericht naar alle straatgroepen (coördinatoren)", "Send a message to all street groups (coordinators)");

    public static readonly LocalText OnlyCoordinators = new(
        "Sorry, alleen de coördinatoren van SWA kunnen een bericht naar alle groepen sturen. Wil je iets delen met de buurt? Vraag het aan je coördinator.",
        "Sorry, only the SWA coordinators can send a message to all groups. Want to share something with the neighbourhood? Ask your coordinator.");

    public static readonly LocalText AskAudience = new("Naar wie stuur je het bericht?", "Who should get the message?");
    public static readonly LocalText AudienceAll = new("Alle groepen", "All groups");
    public static readonly LocalText AudienceBuurt = new("Eén buurt", "One buurt");
    public static readonly LocalText AudienceGroups = new("Gekozen groepen", "Chosen groups");
    public static readonly LocalText AudienceModerators = new("Alleen beheerders", "Moderators only");
    public static readonly LocalText AskBuurt = new("Welke buurt?", "Which buurt?");

    public static readonly LocalText AskGroups = new(
        "Typ de nummers van de groepen, met komma's ertussen. Bijvoorbeeld: 1, 3\n\n{0}",
        "Type the numbers of the groups, separated by commas. For example: 1, 3\n\n{0}");
    public static readonly LocalText NoGroups = new("Er zijn nog geen straatgroepen.", "There are no street groups yet.");
    public static readonly LocalText GroupsInvalid = new("Die nummers ken ik niet. Typ nummers uit de lijst, bijvoorbeeld: 1, 3", "I don't know those numbers. Type numbers from the list, for example: 1, 3");

    public static readonly LocalText AskText = new("Typ het bericht. Kort en duidelijk werkt het best.", "Type the message. Short and clear works best.");
    public static readonly LocalText TextInvalid = new("Typ een bericht van 3 tot 1000 tekens.", "Type a message of 3 to 1000 characters.");

    public static readonly LocalText AskPhoto = new("Wil je er een foto bij? Stuur de foto, of kies Geen foto.", "Add a photo? Send it, or choose No photo.");
    public static readonly LocalText NoPhoto = new("Geen foto", "No photo");
    public static readonly LocalText PhotoInvalid = new("Stuur een foto, of kies Geen foto.", "Send a photo, or choose No photo.");
    public static readonly LocalText PhotoFailed = new("Die foto kon ik niet ophalen. Probeer een andere, of kies Geen foto.", "I could not fetch that photo. Try another, or choose No photo.");

    public static readonly LocalText AskLink = new("Wil je er een link bij? Typ de link (https://...), of kies Geen link.", "Add a link? Type it (https://...), or choose No link.");
    public static readonly LocalText NoLink = new("Geen link", "No link");
    public static readonly LocalText LinkInvalid = new("Een link begint met https:// of http://. Typ de link, of kies Geen link.", "A link starts with https:// or http://. Type it, or choose No link.");

    public static readonly LocalText PreviewIntro = new("Zo zien de bewoners je bericht:", "This is how residents will see your message:");
    public static readonly LocalText AskWhen = new("Wanneer wil je het versturen?", "When do you want to send it?");
    public static readonly LocalText Now = new("Nu versturen", "Send now");
    public static readonly LocalText Later = new("Op een tijdstip", "At a set time");

    public static readonly LocalText AskTime = new(
        "Wanneer moet het bericht weg? Typ bijvoorbeeld: morgen 9:00, vanavond 19:30 of {0} 19:30.",
        "When should the message go? Type for example: tomorrow 9:00, tonight 19:30 or {0} 19:30.");
    public static readonly LocalText TimeInvalid = new(
        "Dat begrijp ik niet, of dat tijdstip is al voorbij. Typ bijvoorbeeld: morgen 9:00 of {0} 19:30.",
        "I don't understand that, or that time has passed. Type for example: tomorrow 9:00 or {0} 19:30.");

    public static readonly LocalText ConfirmNow = new("Je stuurt het bericht nu naar {0}. Klopt dat?", "You are sending the message now to {0}. Is that right?");
    public static readonly LocalText ConfirmLater = new("Je stuurt het bericht op {1} naar {0}. Klopt dat?", "You are sending the message on {1} to {0}. Is that right?");
    public static readonly LocalText Yes = new("Ja, versturen", "Yes, send");
    public static readonly LocalText No = new("Nee, stoppen", "No, stop");
    public static readonly LocalText Stopped = new("Oké, ik verstuur niets.", "OK, I won't send anything.");

    public static readonly LocalText Sent = new(
        "Je bericht (nummer {0}) gaat nu naar {1}. Als alles verstuurd is, krijg je een overzicht.",
        "Your message (number {0}) is on its way to {1}. When everything is sent, you get a report.");

    private static readonly LocalText OneChat = new("1 chat", "1 chat");
    private static readonly LocalText SeveralChats = new("{0} chats", "{0} chats");

    /// <summary>"1 chat" or "5 chats": a count of chats inside a sentence.</summary>
    public static string Chats(int count, string language) => (count == 1 ? OneChat : SeveralChats).In(language, count);
    public static readonly LocalText Scheduled = new(
        "Je bericht (nummer {0}) gaat op {1} weg. Tot dan kun je het intrekken met de knop hieronder.",
        "Your message (number {0}) goes out on {1}. Until then you can cancel it with the button below.");
    public static readonly LocalText CancelButton = new("Intrekken", "Cancel");
    public static readonly LocalText Cancelled = new("Bericht {0} is ingetrokken. Het wordt niet verstuurd.", "Message {0} is cancelled. It will not be sent.");
    public static readonly LocalText CannotCancel = new(
        "Dit bericht kan niet meer worden ingetrokken: het is al verstuurd of al ingetrokken.",
        "This message can no longer be cancelled: it has been sent or cancelled already.");

    public static readonly LocalText Report = new(
        "Overzicht van je bericht {0} naar {1} chats:\n✅ aangekomen: {2}\n❌ mislukt: {3}\n🚫 niet bereikbaar: {4}",
        "Report of your message {0} to {1} chats:\n✅ delivered: {2}\n❌ failed: {3}\n🚫 unreachable: {4}");
}
