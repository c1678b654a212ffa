namespace Buurtkracht.Core.Conversations;

/// <summary>What the engine itself says, for every dialog alike.</summary>
internal static class ConversationTexts
{
    public static readonly LocalText Stopped = new(
        "Oké, ik ben gestopt. Er is niets verstuurd. Typ /help als je iets anders wilt doen.",
        "OK, I stopped. Nothing was sent. Type /help if you want to do something else.");

    public static readonly LocalText AlreadyFirstQuestion = new(
        "Dit is de eerste vraag, verder terug kan niet.",
        "This is the first question, you cannot go back further.");

    public static readonly LocalText EmptyText = new(
        "Ik heb geen tekst ontvangen.",
        "I did not receive any text.");

    public static readonly LocalText TooLong = new(
        "Dat bericht is te lang voor mij ({0} tekens). Kun je het korter zeggen?",
        "That message is too long for me ({0} characters). Could you say it shorter?");

    public static readonly LocalText StaleButton = new(
        "Die knop hoort bij een eerdere vraag. Kies een knop onder de laatste vraag.",
        "That button belongs to an earlier question. Please choose a button under the last question.");

    public static readonly LocalText UseTheButtons = new(
        "Kies een van de knoppen, of typ wat er op de knop staat.",
        "Please choose one of the buttons, or type what the button says.");

    public static readonly LocalText Unsupported = new(
        "Met een {0} kan ik hier niets, sorry.",
        "I can't use a {0} here, sorry.");

    public static readonly LocalText NotUnderstood = new(
        "Dat begrijp ik niet helemaal. Typ /help om te zien wat ik kan.",
        "I don't quite understand that. Type /help to see what I can do.");

    public static readonly LocalText OfferCommand = new(
        "Bedoel je {0}? Tik op de knop.",
        "Do you mean {0}? Tap the button.");

    public static readonly LocalText NothingToStop = new(
        "Er loopt nu niets, dus er is niets om te stoppen. Typ /help om te zien wat ik kan.",
        "Nothing is running, so there is nothing to stop. Type /help to see what I can do.");

    public static readonly LocalText ActivitiesInTheGroup = new(
        "Activiteiten in je buurt zie ik in je straatgroep aankomen. Daar kun je ook zeggen of je komt.",
        "Activities in your buurt are announced in your street group. You can say there whether you will come.");

    public static readonly LocalText StoppedForCommand = new(
        "Ik ben gestopt met de vorige vragen.",
        "I stopped the previous questions.");

    public static readonly LocalText UnsupportedOutsideDialog = new(
        "Met een {0} kan ik niets, sorry. Typ /help om te zien wat ik kan.",
        "I can't do anything with a {0}, sorry. Type /help to see what I can do.");

    public static readonly LocalText ButtonExpired = new(
        "Deze knop werkt niet meer. Typ /help om opnieuw te beginnen.",
        "This button no longer works. Type /help to start again.");

    public static readonly LocalText UnknownCommand = new(
        "Die opdracht ken ik niet. Typ /help voor de lijst met opdrachten.",
        "I don't know that command. Type /help for the list of commands.");

    public static readonly LocalText PrivateOnly = new(
        "Dit doen we liever onder vier ogen. Tik hier om mij een privébericht te sturen: {0}",
        "Let's do this in private. Tap here to message me privately: {0}");

    public static readonly LocalText GroupOnly = new(
        "Dit werkt alleen in een straatgroep. Voeg mij toe aan je groep en typ daar /{0}.",
        "This only works in a street group. Add me to your group and type /{0} there.");

    public static readonly LocalText Expired = new(
        "Ons gesprek is gestopt, omdat het een tijd stil was. Je kunt altijd opnieuw beginnen; typ /help.",
        "Our conversation stopped because it was quiet for a while. You can always start again; type /help.");

    public static readonly LocalText SomethingWentWrong = new(
        "Er ging bij mij iets mis. Probeer het over een paar minuten nog eens.",
        "Something went wrong on my side. Please try again in a few minutes.");

    /// <summary>Names of message kinds in a sentence like "Met een sticker kan ik niets".</summary>
    public static LocalText KindName(string kind) => kind switch
    {
        "sticker" => new("sticker", "sticker"),
        "voice" => new("spraakbericht", "voice message"),
        "audio" => new("geluidsbestand", "audio file"),
        "video" or "video_note" => new("video", "video"),
        "animation" => new("GIF", "GIF"),
        "document" => new("bestand", "file"),
        "contact" => new("contactkaart", "contact card"),
        "poll" => new("peiling", "poll"),
        "location" => new("locatie", "location"),
        "photo" => new("foto", "photo"),
        _ => new("bericht van deze soort", "message of this kind"),
    };

    public static readonly string[] StopWords = ["stop", "stoppen", "annuleer", "annuleren", "cancel", "/stop", "/annuleer"];
    public static readonly string[] BackWords = ["terug", "vorige", "back", "/terug"];
}
