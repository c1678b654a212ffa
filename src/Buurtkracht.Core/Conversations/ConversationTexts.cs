namespace Buurtkracht.Core.Conversations;

/// <summary>What the engine itself says, for every dialog alike.</summary>
internal static class ConversationTexts
{
    public static readonly TextKey Stopped = new("Conversations.Stopped");

    public static readonly TextKey AlreadyFirstQuestion = new("Conversations.AlreadyFirstQuestion");

    public static readonly TextKey EmptyText = new("Conversations.EmptyText");

    public static readonly TextKey TooLong = new("Conversations.TooLong");

    public static readonly TextKey StaleButton = new("Conversations.StaleButton");

    public static readonly TextKey UseTheButtons = new("Conversations.UseTheButtons");

    public static readonly TextKey Unsupported = new("Conversations.Unsupported");

    public static readonly TextKey NotUnderstood = new("Conversations.NotUnderstood");

    public static readonly TextKey OfferCommand = new("Conversations.OfferCommand");

    public static readonly TextKey NothingToStop = new("Conversations.NothingToStop");

    public static readonly TextKey ActivitiesInTheGroup = new("Conversations.ActivitiesInTheGroup");

    public static readonly TextKey StoppedForCommand = new("Conversations.StoppedForCommand");

    public static readonly TextKey UnsupportedOutsideDialog = new("Conversations.UnsupportedOutsideDialog");

    public static readonly TextKey ButtonExpired = new("Conversations.ButtonExpired");

    public static readonly TextKey UnknownCommand = new("Conversations.UnknownCommand");

    public static readonly TextKey PrivateOnly = new("Conversations.PrivateOnly");

    public static readonly TextKey PrivateOnlyMelding = new("Conversations.PrivateOnlyMelding");

    public static readonly TextKey GroupOnly = new("Conversations.GroupOnly");

    public static readonly TextKey Expired = new("Conversations.Expired");

    public static readonly TextKey SomethingWentWrong = new("Conversations.SomethingWentWrong");

    /// <summary>Names of message kinds in a sentence like "Met een sticker kan ik niets".</summary>
    public static TextKey KindName(string kind) => kind switch
    {
        "sticker" => new("Conversations.KindName.Sticker"),
        "voice" => new("Conversations.KindName.Voice"),
        "audio" => new("Conversations.KindName.Audio"),
        "video" or "video_note" => new("Conversations.KindName.VideoNote"),
        "animation" => new("Conversations.KindName.Animation"),
        "document" => new("Conversations.KindName.Document"),
        "contact" => new("Conversations.KindName.Contact"),
        "poll" => new("Conversations.KindName.Poll"),
        "location" => new("Conversations.KindName.Location"),
        "photo" => new("Conversations.KindName.Photo"),
        _ => new("Conversations.KindName.Other"),
    };

    public static readonly string[] StopWords = ["stop", "stoppen", "annuleer", "annuleren", "cancel", "/stop", "/annuleer"];
    public static readonly string[] BackWords = ["terug", "vorige", "back", "/terug"];
}
