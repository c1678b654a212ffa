using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Privacy;

internal static class PrivacyTexts
{
    public static readonly TextKey MyDataDescription = new("Privacy.MyDataDescription");
    public static readonly TextKey ForgetDescription = new("Privacy.ForgetDescription");

    /// <summary>{0} days before name, e-mail and photos of a closed melding go; {1} months of quiet; {2} days for message texts; {3} how to reach SWA.</summary>
    public static readonly TextKey Overview = new("Privacy.Overview");

    public static readonly TextKey DefaultContact = new("Privacy.DefaultContact");

    public static readonly TextKey MyDataSent = new("Privacy.MyDataSent");

    public static readonly TextKey ReadableCaption = new("Privacy.ReadableCaption");
    public static readonly TextKey JsonCaption = new("Privacy.JsonCaption");

    public static readonly TextKey AskForget = new("Privacy.AskForget");

    public static readonly TextKey ForgetYes = new("Privacy.ForgetYes");
    public static readonly TextKey ForgetNo = new("Privacy.ForgetNo");

    public static readonly TextKey Forgotten = new("Privacy.Forgotten");

    public static readonly TextKey NotForgotten = new("Privacy.NotForgotten");
}
