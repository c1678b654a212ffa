using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Questionnaires;

internal static class QuestionnaireTexts
{
    public static readonly TextKey Description = new("Questionnaires.Description");
    public static readonly TextKey Progress = new("Questionnaires.Progress");
    public static readonly TextKey ScaleEnds = new("Questionnaires.ScaleEnds");
    public static readonly TextKey NumberHint = new("Questionnaires.NumberHint");
    public static readonly TextKey NumberHintAny = new("Questionnaires.NumberHintAny");
    public static readonly TextKey TextHint = new("Questionnaires.TextHint");
    public static readonly TextKey MultipleHint = new("Questionnaires.MultipleHint");
    public static readonly TextKey PreviousAnswer = new("Questionnaires.PreviousAnswer");
    public static readonly TextKey Skipped = new("Questionnaires.Skipped");
    public static readonly TextKey Yes = new("Questionnaires.Yes");
    public static readonly TextKey No = new("Questionnaires.No");
    public static readonly TextKey Done = new("Questionnaires.Done");
    public static readonly TextKey Skip = new("Questionnaires.Skip");
    public static readonly TextKey Later = new("Questionnaires.Later");
    public static readonly TextKey Start = new("Questionnaires.Start");
    public static readonly TextKey ChosenSoFar = new("Questionnaires.ChosenSoFar");
    public static readonly TextKey NothingChosen = new("Questionnaires.NothingChosen");
    public static readonly TextKey NothingChosenRequired = new("Questionnaires.NothingChosenRequired");
    public static readonly TextKey NotANumber = new("Questionnaires.NotANumber");
    public static readonly TextKey OutOfRange = new("Questionnaires.OutOfRange");
    public static readonly TextKey UseButtons = new("Questionnaires.UseButtons");
    public static readonly TextKey Required = new("Questionnaires.Required");
    public static readonly TextKey AskStop = new("Questionnaires.AskStop");

    public static readonly TextKey Discard = new("Questionnaires.Discard");
    public static readonly TextKey GoOn = new("Questionnaires.GoOn");

    public static readonly TextKey Discarded = new("Questionnaires.Discarded");

    public static readonly TextKey AnswersAnonymous = new("Questionnaires.AnswersAnonymous");
    public static readonly TextKey AnswersNamed = new("Questionnaires.AnswersNamed");
    public static readonly TextKey Paused = new("Questionnaires.Paused");
    public static readonly TextKey Resumed = new("Questionnaires.Resumed");
    public static readonly TextKey Thanks = new("Questionnaires.Thanks");
    public static readonly TextKey ThanksAnonymous = new("Questionnaires.ThanksAnonymous");
    public static readonly TextKey AlreadyDone = new("Questionnaires.AlreadyDone");
    public static readonly TextKey NotFound = new("Questionnaires.NotFound");
    public static readonly TextKey NotOpenYet = new("Questionnaires.NotOpenYet");
    public static readonly TextKey Closed = new("Questionnaires.Closed");
    public static readonly TextKey OnlyGroupMembers = new("Questionnaires.OnlyGroupMembers");
    public static readonly TextKey NotForYou = new("Questionnaires.NotForYou");
    public static readonly TextKey NoneWaiting = new("Questionnaires.NoneWaiting");
    public static readonly TextKey Intro = new("Questionnaires.Intro");
    public static readonly TextKey GroupInvite = new("Questionnaires.GroupInvite");
    public static readonly TextKey PrivateInvite = new("Questionnaires.PrivateInvite");
    public static readonly TextKey Reminder = new("Questionnaires.Reminder");
    public static readonly TextKey StartHere = new("Questionnaires.StartHere");
    public static readonly TextKey OpenPrivately = new("Questionnaires.OpenPrivately");
    public static readonly TextKey SentPrivately = new("Questionnaires.SentPrivately");

    // The opt-in for buurtpeilingen (/peilingen).
    public static readonly TextKey OptInDescription = new("Questionnaires.OptInDescription");
    public static readonly TextKey OptInIntro = new("Questionnaires.OptInIntro");
    public static readonly TextKey OptInNone = new("Questionnaires.OptInNone");
    public static readonly TextKey OptInSome = new("Questionnaires.OptInSome");
    public static readonly TextKey OptInButton = new("Questionnaires.OptInButton");
    public static readonly TextKey OptOutButton = new("Questionnaires.OptOutButton");
    public static readonly TextKey OptedIn = new("Questionnaires.OptedIn");
    public static readonly TextKey OptedOut = new("Questionnaires.OptedOut");
    public static readonly TextKey AlreadyOptedIn = new("Questionnaires.AlreadyOptedIn");
    public static readonly TextKey AlreadyOptedOut = new("Questionnaires.AlreadyOptedOut");
    public static readonly TextKey OptInDone = new("Questionnaires.OptInDone");
    public static readonly TextKey OptInUseButtons = new("Questionnaires.OptInUseButtons");
    public static readonly TextKey OptInButtonExpired = new("Questionnaires.OptInButtonExpired");
}
