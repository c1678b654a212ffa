using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Meldingen;

/// <summary>Every text of the meldingen feature: plain Dutch (B1) with an English twin.</summary>
internal static class MeldingTexts
{
    public static readonly TextKey MeldingDescription = new("Meldingen.MeldingDescription");
    public static readonly TextKey MyMeldingenDescription = new("Meldingen.MyMeldingenDescription");
    public static readonly TextKey GroupNoticeDescription = new("Meldingen.GroupNoticeDescription");

    public static readonly TextKey AskTheme = new("Meldingen.AskTheme");

    public static readonly TextKey Schoon = new("Meldingen.Schoon");
    public static readonly TextKey Heel = new("Meldingen.Heel");
    public static readonly TextKey Veilig = new("Meldingen.Veilig");

    public static TextKey ThemeName(MeldingTheme theme) => theme switch
    {
        MeldingTheme.Schoon => Schoon,
        MeldingTheme.Heel => Heel,
        _ => Veilig,
    };

    public static readonly TextKey Safety = new("Meldingen.Safety");

    public static readonly TextKey AskCategory = new("Meldingen.AskCategory");

    public static readonly TextKey AskLocationShare = new("Meldingen.AskLocationShare");

    public static readonly TextKey AskLocationTyped = new("Meldingen.AskLocationTyped");

    public static readonly TextKey ShareLocationButton = new("Meldingen.ShareLocationButton");

    public static readonly TextKey OutsideAlblasserdam = new("Meldingen.OutsideAlblasserdam");

    public static readonly TextKey NoHouseNumber = new("Meldingen.NoHouseNumber");

    public static readonly TextKey UnknownStreet = new("Meldingen.UnknownStreet");

    public static readonly TextKey LocationExpected = new("Meldingen.LocationExpected");

    public static readonly TextKey LocationExpectedTyped = new("Meldingen.LocationExpectedTyped");

    public static readonly TextKey AskDescription = new("Meldingen.AskDescription");

    public static readonly TextKey DescriptionTooShort = new("Meldingen.DescriptionTooShort");

    public static readonly TextKey DescriptionTooLong = new("Meldingen.DescriptionTooLong");

    public static readonly TextKey DescriptionExpected = new("Meldingen.DescriptionExpected");

    public static readonly TextKey AskPhotos = new("Meldingen.AskPhotos");

    public static readonly TextKey AskMorePhotos = new("Meldingen.AskMorePhotos");

    public static readonly TextKey AskPhotosTyped = new("Meldingen.AskPhotosTyped");

    public static readonly TextKey PhotoReceived = new("Meldingen.PhotoReceived");

    public static readonly TextKey Skip = new("Meldingen.Skip");
    public static readonly TextKey Done = new("Meldingen.Done");

    public static readonly TextKey PhotoExpected = new("Meldingen.PhotoExpected");

    public static readonly TextKey PhotoTooLarge = new("Meldingen.PhotoTooLarge");

    public static readonly TextKey PhotoFailed = new("Meldingen.PhotoFailed");

    public static readonly TextKey PhotosUnsupported = new("Meldingen.PhotosUnsupported");

    public static readonly TextKey AskContact = new("Meldingen.AskContact");

    public static readonly TextKey Anonymous = new("Meldingen.Anonymous");
    public static readonly TextKey WithName = new("Meldingen.WithName");

    public static readonly TextKey AskName = new("Meldingen.AskName");

    public static readonly TextKey NameInvalid = new("Meldingen.NameInvalid");

    public static readonly TextKey AskEmail = new("Meldingen.AskEmail");

    public static readonly TextKey EmailInvalid = new("Meldingen.EmailInvalid");

    public static readonly TextKey Summary = new("Meldingen.Summary");

    public static readonly TextKey SharedLocation = new("Meldingen.SharedLocation");
    public static readonly TextKey AnonymousContact = new("Meldingen.AnonymousContact");

    public static readonly TextKey Send = new("Meldingen.Send");
    public static readonly TextKey Change = new("Meldingen.Change");
    public static readonly TextKey Cancel = new("Meldingen.Cancel");

    public static readonly TextKey AskWhatToChange = new("Meldingen.AskWhatToChange");
    public static readonly TextKey ChangeSubject = new("Meldingen.ChangeSubject");
    public static readonly TextKey ChangePlace = new("Meldingen.ChangePlace");
    public static readonly TextKey ChangeDescription = new("Meldingen.ChangeDescription");
    public static readonly TextKey ChangePhotos = new("Meldingen.ChangePhotos");
    public static readonly TextKey ChangeContact = new("Meldingen.ChangeContact");
    public static readonly TextKey BackToSummary = new("Meldingen.BackToSummary");

    public static readonly TextKey Cancelled = new("Meldingen.Cancelled");

    public static readonly TextKey Sent = new("Meldingen.Sent");

    public static readonly TextKey StatusChanged = new("Meldingen.StatusChanged");

    public static readonly TextKey StatusNotes = new("Meldingen.StatusNotes");

    public static TextKey StatusName(MeldingStatus status) => status switch
    {
        MeldingStatus.Ontvangen => new("Meldingen.StatusName.Ontvangen"),
        MeldingStatus.InBehandeling => new("Meldingen.StatusName.InBehandeling"),
        _ => new("Meldingen.StatusName.Other"),
    };

    public static readonly TextKey NoMeldingen = new("Meldingen.NoMeldingen");

    public static readonly TextKey MyMeldingenIntro = new("Meldingen.MyMeldingenIntro");
    public static readonly TextKey MyMeldingenLine = new("Meldingen.MyMeldingenLine");
    public static readonly TextKey MyMeldingenNote = new("Meldingen.MyMeldingenNote");
    public static readonly TextKey MyMeldingenUpdated = new("Meldingen.MyMeldingenUpdated");
    public static readonly TextKey SharedPlace = new("Meldingen.SharedPlace");

    public static readonly TextKey GroupNotice = new("Meldingen.GroupNotice");

    public static readonly TextKey NoticeOn = new("Meldingen.NoticeOn");

    public static readonly TextKey NoticeOff = new("Meldingen.NoticeOff");

    public static readonly TextKey NoticeUsage = new("Meldingen.NoticeUsage");

    public static readonly TextKey NoticeNeedsStreets = new("Meldingen.NoticeNeedsStreets");

    public static readonly TextKey On = new("Meldingen.On");
    public static readonly TextKey Off = new("Meldingen.Off");

    public static readonly TextKey OnlyModerators = new("Meldingen.OnlyModerators");

    public static readonly TextKey AdminCheckFailed = new("Meldingen.AdminCheckFailed");
}
