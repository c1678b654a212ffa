using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Broadcasts;

internal static class BroadcastTexts
{
    public static readonly TextKey Description = new("Broadcasts.Description");

    public static readonly TextKey OnlyCoordinators = new("Broadcasts.OnlyCoordinators");

    public static readonly TextKey AskAudience = new("Broadcasts.AskAudience");
    public static readonly TextKey AudienceAll = new("Broadcasts.AudienceAll");
    public static readonly TextKey AudienceBuurt = new("Broadcasts.AudienceBuurt");
    public static readonly TextKey AudienceGroups = new("Broadcasts.AudienceGroups");
    public static readonly TextKey AudienceModerators = new("Broadcasts.AudienceModerators");
    public static readonly TextKey AskBuurt = new("Broadcasts.AskBuurt");

    public static readonly TextKey AskGroups = new("Broadcasts.AskGroups");
    public static readonly TextKey NoGroups = new("Broadcasts.NoGroups");
    public static readonly TextKey GroupsInvalid = new("Broadcasts.GroupsInvalid");

    public static readonly TextKey AskText = new("Broadcasts.AskText");
    public static readonly TextKey TextInvalid = new("Broadcasts.TextInvalid");

    public static readonly TextKey AskPhoto = new("Broadcasts.AskPhoto");
    public static readonly TextKey NoPhoto = new("Broadcasts.NoPhoto");
    public static readonly TextKey PhotoInvalid = new("Broadcasts.PhotoInvalid");
    public static readonly TextKey PhotoFailed = new("Broadcasts.PhotoFailed");

    public static readonly TextKey AskLink = new("Broadcasts.AskLink");
    public static readonly TextKey NoLink = new("Broadcasts.NoLink");
    public static readonly TextKey LinkInvalid = new("Broadcasts.LinkInvalid");

    public static readonly TextKey PreviewIntro = new("Broadcasts.PreviewIntro");
    public static readonly TextKey AskWhen = new("Broadcasts.AskWhen");
    public static readonly TextKey Now = new("Broadcasts.Now");
    public static readonly TextKey Later = new("Broadcasts.Later");

    public static readonly TextKey AskTime = new("Broadcasts.AskTime");
    public static readonly TextKey TimeInvalid = new("Broadcasts.TimeInvalid");

    public static readonly TextKey ConfirmNow = new("Broadcasts.ConfirmNow");
    public static readonly TextKey ConfirmLater = new("Broadcasts.ConfirmLater");
    public static readonly TextKey Yes = new("Broadcasts.Yes");
    public static readonly TextKey No = new("Broadcasts.No");
    public static readonly TextKey Stopped = new("Broadcasts.Stopped");

    public static readonly TextKey Sent = new("Broadcasts.Sent");

    private static readonly TextKey OneChat = new("Broadcasts.OneChat");
    private static readonly TextKey SeveralChats = new("Broadcasts.SeveralChats");

    /// <summary>"1 chat" or "5 chats": a count of chats inside a sentence.</summary>
    public static string Chats(int count, string language) => (count == 1 ? OneChat : SeveralChats).In(language, count);
    public static readonly TextKey Scheduled = new("Broadcasts.Scheduled");
    public static readonly TextKey CancelButton = new("Broadcasts.CancelButton");
    public static readonly TextKey Cancelled = new("Broadcasts.Cancelled");
    public static readonly TextKey CannotCancel = new("Broadcasts.CannotCancel");

    public static readonly TextKey Report = new("Broadcasts.Report");
}
