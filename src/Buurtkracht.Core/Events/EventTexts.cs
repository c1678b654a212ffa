using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Events;

internal static class EventTexts
{
    public static readonly TextKey Coming = new("Events.Coming");
    public static readonly TextKey Maybe = new("Events.Maybe");
    public static readonly TextKey NotComing = new("Events.NotComing");
    public static readonly TextKey CantAfterAll = new("Events.CantAfterAll");
    public static readonly TextKey AddToCalendar = new("Events.AddToCalendar");

    public static readonly TextKey When = new("Events.When");
    public static readonly TextKey Where = new("Events.Where");
    public static readonly TextKey Organiser = new("Events.Organiser");
    public static readonly TextKey Counts = new("Events.Counts");
    public static readonly TextKey Places = new("Events.Places");
    public static readonly TextKey AskRsvp = new("Events.AskRsvp");

    public static readonly TextKey AnnouncementTitle = new("Events.AnnouncementTitle");
    public static readonly TextKey ReminderTitle = new("Events.ReminderTitle");
    public static readonly TextKey Cancelled = new("Events.Cancelled");
    public static readonly TextKey CancelledNotice = new("Events.CancelledNotice");
    public static readonly TextKey ChangedTitle = new("Events.ChangedTitle");
    public static readonly TextKey ChangedNotice = new("Events.ChangedNotice");

    public static readonly TextKey YouAreComing = new("Events.YouAreComing");
    public static readonly TextKey YouMightCome = new("Events.YouMightCome");
    public static readonly TextKey YouAreNotComing = new("Events.YouAreNotComing");
    public static readonly TextKey Full = new("Events.Full");
    // A pop-up (Telegram shows at most 200 characters) for a press in a group by someone the bot has no private chat with.
    public static readonly TextKey CountedComing = new("Events.CountedComing");
    public static readonly TextKey CountedMaybe = new("Events.CountedMaybe");
    public static readonly TextKey CountedNotComing = new("Events.CountedNotComing");
    public static readonly TextKey CountedSeePrivateChat = new("Events.CountedSeePrivateChat");
    public static readonly TextKey CalendarNeedsPrivateChat = new("Events.CalendarNeedsPrivateChat");
    public static readonly TextKey NoLongerOpen = new("Events.NoLongerOpen");
    public static readonly TextKey CalendarCaption = new("Events.CalendarCaption");
    public static readonly TextKey OpenPrivateChat = new("Events.OpenPrivateChat");

    public static readonly TextKey ActivityDescription = new("Events.ActivityDescription");
    public static readonly TextKey OnlyCoordinators = new("Events.OnlyCoordinators");
    public static readonly TextKey AskTitle = new("Events.AskTitle");
    public static readonly TextKey TitleInvalid = new("Events.TitleInvalid");
    public static readonly TextKey AskKind = new("Events.AskKind");
    public static readonly TextKey AskStart = new("Events.AskStart");
    public static readonly TextKey StartInvalid = new("Events.StartInvalid");
    public static readonly TextKey StartInPast = new("Events.StartInPast");
    public static readonly TextKey AskDuration = new("Events.AskDuration");
    public static readonly TextKey Hours = new("Events.Hours");
    public static readonly TextKey AskLocation = new("Events.AskLocation");
    public static readonly TextKey LocationInvalid = new("Events.LocationInvalid");
    public static readonly TextKey AskAudience = new("Events.AskAudience");
    public static readonly TextKey AllGroups = new("Events.AllGroups");
    public static readonly TextKey Summary = new("Events.Summary");
    public static readonly TextKey Save = new("Events.Save");
    public static readonly TextKey Stop = new("Events.Stop");
    public static readonly TextKey Saved = new("Events.Saved");
    public static readonly TextKey SavedQuiet = new("Events.SavedQuiet");
    public static readonly TextKey NotSaved = new("Events.NotSaved");

    public static readonly TextKey AskAttendance = new("Events.AskAttendance");
    public static readonly TextKey AttendancePrompt = new("Events.AttendancePrompt");
    public static readonly TextKey EnterAttendance = new("Events.EnterAttendance");
    public static readonly TextKey AttendanceInvalid = new("Events.AttendanceInvalid");
    public static readonly TextKey AttendanceSaved = new("Events.AttendanceSaved");
    public static readonly TextKey NotAllowed = new("Events.NotAllowed");

    public static TextKey KindName(EventKind kind) => kind switch
    {
        EventKind.Opruimactie => new("Events.KindName.Opruimactie"),
        EventKind.Tegelwippen => new("Events.KindName.Tegelwippen"),
        EventKind.Schouw => new("Events.KindName.Schouw"),
        EventKind.Workshop => new("Events.KindName.Workshop"),
        EventKind.Informatiebijeenkomst => new("Events.KindName.Informatiebijeenkomst"),
        EventKind.Buurtbarbecue => new("Events.KindName.Buurtbarbecue"),
        _ => new("Events.KindName.Other"),
    };
}
