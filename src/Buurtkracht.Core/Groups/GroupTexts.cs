using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Conversations;

namespace Buurtkracht.Core.Groups;

internal static class GroupTexts
{
    public static readonly TextKey Greeting = new("Groups.Greeting");

    public static readonly TextKey LinkDescription = new("Groups.LinkDescription");

    public static readonly TextKey OnlyAdmins = new("Groups.OnlyAdmins");

    public static readonly TextKey AdminCheckFailed = new("Groups.AdminCheckFailed");

    public static readonly TextKey ChooseBuurt = new("Groups.ChooseBuurt");

    public static readonly TextKey ChooseBuurtRelink = new("Groups.ChooseBuurtRelink");

    public static readonly TextKey OtherBuurt = new("Groups.OtherBuurt");

    public static readonly TextKey AskBuurtName = new("Groups.AskBuurtName");

    public static readonly TextKey BuurtNameInvalid = new("Groups.BuurtNameInvalid");

    public static readonly TextKey AskStreets = new("Groups.AskStreets");

    /// <summary>
    /// How to answer a question in a group: Telegram opens a reply box on the question; Teams passes a group message to
    /// the bot when it mentions the bot (the buttons on the card work without).
    /// </summary>
    public static TextKey ReplyHint(ChannelKind channel) => channel switch
    {
        ChannelKind.Telegram => ReplyHintTelegram,
        ChannelKind.Teams => ReplyHintTeams,
        _ => ReplyHintPlain,
    };

    private static readonly TextKey ReplyHintTelegram = new("Groups.ReplyHintTelegram");

    private static readonly TextKey ReplyHintTeams = new("Groups.ReplyHintTeams");

    private static readonly TextKey ReplyHintPlain = new("Groups.ReplyHintPlain");

    public static readonly TextKey Skip = new("Groups.Skip");

    public static readonly TextKey StreetsUnknown = new("Groups.StreetsUnknown");

    public static readonly TextKey StreetsInvalid = new("Groups.StreetsInvalid");

    public static readonly TextKey Linked = new("Groups.Linked");

    public static readonly TextKey AlreadyModerator = new("Groups.AlreadyModerator");

    public static readonly TextKey LinkedStreets = new("Groups.LinkedStreets");

    public static readonly TextKey BuurtNameReserved = new("Groups.BuurtNameReserved");

    public static readonly TextKey ProposalPending = new("Groups.ProposalPending");

    public static readonly TextKey ProposalRejected = new("Groups.ProposalRejected");

    public static readonly TextKey ProposalMerged = new("Groups.ProposalMerged");

    public static readonly TextKey DemoLinked = new("Groups.DemoLinked");
}
