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

    public static readonly TextKey OutsideMunicipality = new("Meldingen.OutsideMunicipality");

    public static readonly TextKey InOtherMunicipality = new("Meldingen.InOtherMunicipality");

    public static readonly TextKey AddressInOtherMunicipality = new("Meldingen.AddressInOtherMunicipality");

    public static readonly TextKey NoHouseNumber = new("Meldingen.NoHouseNumber");

    public static readonly TextKey AddressNotFound = new("Meldingen.AddressNotFound");

    public static readonly TextKey AddressKeptToCheck = new("Meldingen.AddressKeptToCheck");

    public static readonly TextKey ConfirmAddress = new("Meldingen.ConfirmAddress");
    public static readonly TextKey ChooseAddress = new("Meldingen.ChooseAddress");
    public static readonly TextKey YesThatOne = new("Meldingen.YesThatOne");
    public static readonly TextKey NoOther = new("Meldingen.NoOther");

    public static readonly TextKey NearAddress = new("Meldingen.NearAddress");

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

    /// <summary>Said instead of <see cref="Sent"/> while no Open311 server or meldpunt mailbox is configured.</summary>
    public static readonly TextKey SentStoredOnly = new("Meldingen.SentStoredOnly");

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

    public static readonly TextKey StatusChangedFollower = new("Meldingen.StatusChangedFollower");

    // Neighbours' meldingen first.
    public static readonly TextKey AskNearby = new("Meldingen.AskNearby");

    public static readonly TextKey NearbyLine = new("Meldingen.NearbyLine");
    public static readonly TextKey NearbyYes = new("Meldingen.NearbyYes");
    public static readonly TextKey NearbyYesNumber = new("Meldingen.NearbyYesNumber");
    public static readonly TextKey NearbyNo = new("Meldingen.NearbyNo");

    public static readonly TextKey Following = new("Meldingen.Following");

    public static readonly TextKey MyFollowedIntro = new("Meldingen.MyFollowedIntro");
    public static readonly TextKey MyFollowedLine = new("Meldingen.MyFollowedLine");

    public static readonly TextKey AlreadyFollowing = new("Meldingen.AlreadyFollowing");

    // Extra questions of the municipality (Open311 attributes).
    public static readonly TextKey AskAttribute = new("Meldingen.AskAttribute");
    public static readonly TextKey AttributeTypeAnswer = new("Meldingen.AttributeTypeAnswer");
    public static readonly TextKey AttributeTypeNumber = new("Meldingen.AttributeTypeNumber");
    public static readonly TextKey AttributeNumberExpected = new("Meldingen.AttributeNumberExpected");
    public static readonly TextKey AttributeTextExpected = new("Meldingen.AttributeTextExpected");
    public static readonly TextKey AttributeTooLong = new("Meldingen.AttributeTooLong");
    public static readonly TextKey AttributeChooseMore = new("Meldingen.AttributeChooseMore");
    public static readonly TextKey AttributeChosen = new("Meldingen.AttributeChosen");
    public static readonly TextKey AttributeChooseOne = new("Meldingen.AttributeChooseOne");
    public static readonly TextKey SummaryExtra = new("Meldingen.SummaryExtra");

    // A category suggested from the description.
    public static readonly TextKey AskThemeWithSuggestion = new("Meldingen.AskThemeWithSuggestion");

    public static readonly TextKey SuggestionButton = new("Meldingen.SuggestionButton");

    public static readonly TextKey FreeTextStartsMelding = new("Meldingen.FreeTextStartsMelding");

    // "Is het opgelost?"
    public static readonly TextKey ResolvedQuestion = new("Meldingen.ResolvedQuestion");

    public static readonly TextKey ResolvedQuestionFollower = new("Meldingen.ResolvedQuestionFollower");

    public static readonly TextKey ResolvedYes = new("Meldingen.ResolvedYes");
    public static readonly TextKey ResolvedPartly = new("Meldingen.ResolvedPartly");
    public static readonly TextKey ResolvedNo = new("Meldingen.ResolvedNo");
    public static readonly TextKey ResolvedThanksYes = new("Meldingen.ResolvedThanksYes");

    public static readonly TextKey ResolvedThanksPartly = new("Meldingen.ResolvedThanksPartly");

    public static readonly TextKey ResolvedAlreadyAnswered = new("Meldingen.ResolvedAlreadyAnswered");

    public static readonly TextKey ResolvedClosed = new("Meldingen.ResolvedClosed");

    public static readonly TextKey ReopenAskWhy = new("Meldingen.ReopenAskWhy");
    public static readonly TextKey ReopenWhyExpected = new("Meldingen.ReopenWhyExpected");
    public static readonly TextKey ReopenWhyTooLong = new("Meldingen.ReopenWhyTooLong");

    public static readonly TextKey Reopened = new("Meldingen.Reopened");

    /// <summary>For the municipality, so always Dutch: the first line of a reopened melding's description.</summary>
    public const string ReopenedDescription = "Heropend: melding {0} is volgens een bewoner niet opgelost. De bewoner schrijft: {1}";
}
