using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Members;

internal static class MemberTexts
{
    public static readonly TextKey Welcome = new("Members.Welcome");

    public static readonly TextKey StartDescription = new("Members.StartDescription");
    public static readonly TextKey HelpDescription = new("Members.HelpDescription");
    public static readonly TextKey LanguageDescription = new("Members.LanguageDescription");
    public static readonly TextKey PrivacyDescription = new("Members.PrivacyDescription");

    public static readonly TextKey HelpIntro = new("Members.HelpIntro");

    public static readonly TextKey HelpDialogs = new("Members.HelpDialogs");

    public static readonly TextKey HelpGroupPrivate = new("Members.HelpGroupPrivate");

    public static readonly TextKey AskLanguage = new("Members.AskLanguage");

    public static readonly TextKey LanguageSet = new("Members.LanguageSet");
}
