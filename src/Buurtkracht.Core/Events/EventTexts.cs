using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Events;

internal static class EventTexts
{
    public static readonly LocalText Coming = new("Ik kom", "I'm coming");
    public static readonly LocalText Maybe = new("Misschien", "Maybe");
    public static readonly LocalText NotComing = new("Kan niet", "Can't come");
    public static readonly LocalText CantAfterAll = new("Kan toch niet", "Can't come after all");
    public static readonly LocalText AddToCalendar = new("Zet in mijn agenda", "Add to my calendar");

    public static readonly LocalText When = new("Wanneer: {0}", "When: {0}");
    public static readonly LocalText Where = new("Waar: {0}", "Where: {0}");
    public static readonly LocalText Organiser = new("Organisatie: {0}", "Organised by: {0}");
    public static readonly LocalText Counts = new("Ik kom: {0} · Misschien: {1} · Kan niet: {2}", "Coming: {0} · Maybe: {1} · Can't come: {2}");
    public static readonly LocalText Places = new("Er zijn {0} plaatsen. Nog vrij: {1}.", "There are {0} places. Still free: {1}.");
    public static readonly LocalText AskRsvp = new("Kom je ook? Kies hieronder.", "Will you come? Choose below.");

    public static readonly LocalText AnnouncementTitle = new("Nieuwe activiteit: {0}", "New activity: {0}");
    public static readonly LocalText ReminderTitle = new("Herinnering: {0}", "Reminder: {0}");
    public static readonly LocalText Cancelled = new("AFGELAST: {0}", "CANCELLED: {0}");
    public static readonly LocalText CancelledNotice = new(
        "{0} op {1} gaat niet door. Jammer! We laten het weten als er een nieuwe datum is.",
        "{0} on {1} is cancelled. Sorry! We will let you know when there is a new date.");
    public static readonly LocalText ChangedTitle = new("GEWIJZIGD: {0}", "CHANGED: {0}");
    public static readonly LocalText ChangedNotice = new(
        "Let op: {0} is gewijzigd.\nNieuwe tijd: {1}\nPlaats: {2}",
        "Please note: {0} has changed.\nNew time: {1}\nPlace: {2}");

    public static readonly LocalText YouAreComing = new("Genoteerd: je komt naar {0} ({1}). Fijn!", "Noted: you are coming to {0} ({1}). Great!");
    public static readonly LocalText YouMightCome = new("Genoteerd: je komt misschien naar {0} ({1}).", "Noted: you might come to {0} ({1}).");
    public static readonly LocalText YouAreNotComing = new("Genoteerd: je kunt niet komen naar {0}. Jammer!", "Noted: you can't come to {0}. Too bad!");
    public static readonly LocalText Full = new(
        "Sorry, {0} is vol. Je staat nu op Misschien. Als er plek vrijkomt, zie je dat in de groep.",
        "Sorry, {0} is full. You are down as Maybe. If a place comes free, you will see it in the group.");
    // A pop-up (Telegram shows at most 200 characters) for a press in a group by someone the bot has no private chat with.
    public static readonly LocalText CountedComing = new(
        "Genoteerd: je komt naar {0}. Wil je een herinnering? Stuur mij dan eerst een privébericht: tik op mijn naam en dan op Start.",
        "Noted: you are coming to {0}. Want a reminder? Send me a private message first: tap my name, then Start.");
    public static readonly LocalText CountedMaybe = new(
        "Genoteerd: je komt misschien naar {0}. Wil je een herinnering? Stuur mij dan eerst een privébericht: tik op mijn naam en dan op Start.",
        "Noted: you might come to {0}. Want a reminder? Send me a private message first: tap my name, then Start.");
    public static readonly LocalText CountedNotComing = new("Genoteerd: je kunt niet komen naar {0}.", "Noted: you can't come to {0}.");
    public static readonly LocalText CountedSeePrivateChat = new("Genoteerd. Meer staat in je privéchat met mij.", "Noted. More in your private chat with me.");
    public static readonly LocalText CalendarNeedsPrivateChat = new(
        "Om de agenda-afspraak te sturen, moet je eerst een privégesprek met mij beginnen: tik op mijn naam en dan op Start.",
        "To send the calendar file, please start a private chat with me first: tap my name, then Start.");
    public static readonly LocalText NoLongerOpen = new("Deze activiteit is voorbij of gaat niet door.", "This activity is over or cancelled.");
    public static readonly LocalText CalendarCaption = new("Open dit bestand om {0} in je agenda te zetten.", "Open this file to add {0} to your calendar.");
    public static readonly LocalText OpenPrivateChat = new(
        "Om de agenda-afspraak te sturen, moet je eerst een privégesprek met mij beginnen: {0}",
        "To send the calendar file, please start a private chat with me first: {0}");

    public static readonly LocalText ActivityDescription = new("Plan een activiteit (voor coördinatoren)", "Plan an activity (coordinators)");
    public static readonly LocalText OnlyCoordinators = new(
        "Alleen coördinatoren van Buurtkracht kunnen activiteiten plannen. Heb je een idee voor een activiteit? Vertel het aan de beheerder van je groep.",
        "Only Buurtkracht coordinators can plan activities. Do you have an idea for an activity? Tell the admin of your group.");
    public static readonly LocalText AskTitle = new("Hoe heet de activiteit? Stuur de naam.", "What is the activity called? Send the name.");
    public static readonly LocalText TitleInvalid = new("Een naam heeft 3 tot 100 tekens.", "A name has 3 to 100 characters.");
    public static readonly LocalText AskKind = new("Wat voor activiteit is het?", "What kind of activity is it?");
    public static readonly LocalText AskStart = new(
        "Wanneer begint het? Typ bijvoorbeeld: zaterdag 10:00 of {0} 10:00.",
        "When does it start? Type for example: saturday 10:00 or {0} 10:00.");
    public static readonly LocalText StartInvalid = new(
        "Dat kan ik niet lezen. Typ bijvoorbeeld: zaterdag 10:00 of {0} 10:00.",
        "I can't read that. Type for example: saturday 10:00 or {0} 10:00.");
    public static readonly LocalText StartInPast = new("Die tijd is al voorbij. Kies een moment in de toekomst.", "That time has passed. Choose a moment in the future.");
    public static readonly LocalText AskDuration = new("Hoe lang duurt het?", "How long does it take?");
    public static readonly LocalText Hours = new("{0} uur", "{0} h");
    public static readonly LocalText AskLocation = new("Waar is het? Stuur de plek of het adres.", "Where is it? Send the place or address.");
    public static readonly LocalText LocationInvalid = new("Een plek heeft 2 tot 200 tekens.", "A place has 2 to 200 characters.");
    public static readonly LocalText AskAudience = new("Voor wie is het?", "Who is it for?");
    public static readonly LocalText AllGroups = new("Alle groepen", "All groups");
    public static readonly LocalText Summary = new(
        "Klopt dit?\n\n{0}\nSoort: {1}\nWanneer: {2}\nWaar: {3}\nVoor: {4}",
        "Is this right?\n\n{0}\nKind: {1}\nWhen: {2}\nWhere: {3}\nFor: {4}");
    public static readonly LocalText Save = new("Opslaan", "Save");
    public static readonly LocalText Stop = new("Stoppen", "Stop");
    public static readonly LocalText Saved = new(
        "De activiteit staat erin (nummer {0}). De groepen krijgen binnen een paar minuten een aankondiging.",
        "The activity is saved (number {0}). The groups get an announcement within a few minutes.");
    public static readonly LocalText SavedQuiet = new(
        "De activiteit staat erin (nummer {0}). Het is nu stil-tijd, dus de groepen krijgen de aankondiging op {1}.",
        "The activity is saved (number {0}). It is quiet time now, so the groups get the announcement on {1}.");
    public static readonly LocalText NotSaved = new("Oké, ik heb niets opgeslagen.", "OK, I saved nothing.");

    public static readonly LocalText AskAttendance = new(
        "{0} ({1}) is voorbij. Hoeveel mensen deden mee? Stuur het aantal.",
        "{0} ({1}) is over. How many people took part? Send the number.");
    public static readonly LocalText AttendancePrompt = new(
        "{0} ({1}) is voorbij. Wil je invullen hoeveel mensen er meededen?",
        "{0} ({1}) is over. Would you enter how many people took part?");
    public static readonly LocalText EnterAttendance = new("Aantal deelnemers invullen", "Enter number of participants");
    public static readonly LocalText AttendanceInvalid = new("Stuur een getal van 0 tot 10000.", "Send a number from 0 to 10000.");
    public static readonly LocalText AttendanceSaved = new("Dank je! {0} deelnemers genoteerd.", "Thank you! {0} participants noted.");
    public static readonly LocalText NotAllowed = new("Dat mag alleen de organisator of een coördinator.", "Only the organiser or a coordinator may do that.");

    public static LocalText KindName(EventKind kind) => kind switch
    {
        EventKind.Opruimactie => new("Opruimactie", "Clean-up"),
        EventKind.Tegelwippen => new("Tegelwippen", "Tile removal (tegelwippen)"),
        EventKind.Schouw => new("Schouw", "Neighbourhood inspection (schouw)"),
        EventKind.Workshop => new("Workshop", "Workshop"),
        EventKind.Informatiebijeenkomst => new("Informatiebijeenkomst", "Information meeting"),
        EventKind.Buurtbarbecue => new("Buurtbarbecue", "Neighbourhood barbecue"),
        _ => new("Activiteit", "Activity"),
    };
}
