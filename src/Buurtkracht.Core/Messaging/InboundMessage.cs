namespace Buurtkracht.Core.Messaging;

/// <summary>
/// One platform update, translated by an adapter into the channel-neutral form the engine understands.
/// </summary>
/// <param name="UpdateId">
/// The platform's unique id of the update (Telegram update_id, Teams activity id), used to process it at most once.
/// </param>
public sealed record InboundMessage(
    string UpdateId,
    ChatAddress Chat,
    ChatKind ChatKind,
    string? ChatTitle,
    Sender From,
    InboundContent Content)
{
    /// <summary>Set by an adapter whose platform lets the bot answer this button press itself (Telegram callback queries).</summary>
    public ButtonPress? Press { get; init; }
}

/// <summary>
/// How the bot answers one button press on the platform itself, out of the chat: a short pop-up, or opening the private
/// chat with a deep link. The engine fills it in only once the turn committed; the adapter reads it after the handler returned.
/// </summary>
public sealed class ButtonPress
{
    private PressAnswer? _staged;

    /// <summary>The answer of the committed turn; null: the press is only acknowledged (the button stops spinning).</summary>
    public PressAnswer? Answer { get; private set; }

    internal void Stage(PressAnswer? answer) => _staged = answer;

    internal void Publish(bool committed) => Answer = committed ? _staged : null;
}

/// <param name="Notice">A short text (Telegram shows at most 200 characters) in a toast, or a dialog box when <paramref name="Alert"/>.</param>
/// <param name="OpensPrivately">A deep-link payload: the press opens the private chat and runs it there.</param>
public sealed record PressAnswer(string? Notice, bool Alert = false, string? OpensPrivately = null);

/// <summary>What an inbound update carries.</summary>
public abstract record InboundContent;

public sealed record TextContent(string Text) : InboundContent;

/// <summary>A slash command; <paramref name="Name"/> is lower case without the slash or @botname.</summary>
public sealed record CommandContent(string Name, string Argument) : InboundContent;

/// <summary>A button press carrying the <see cref="Choice.Data"/> of the pressed choice.</summary>
public sealed record ChoiceContent(string Data) : InboundContent;

public sealed record LocationContent(double Latitude, double Longitude) : InboundContent;

/// <summary>A photo; <paramref name="FileId"/> is the platform's handle to download it later.</summary>
public sealed record PhotoContent(string FileId, long? FileSize, string? Caption) : InboundContent;

public sealed record MembersJoinedContent(IReadOnlyList<Sender> Members) : InboundContent;

public sealed record MemberLeftContent(Sender Member) : InboundContent;

/// <summary>The bot itself was added to a group (or the group was created with it).</summary>
public sealed record BotAddedContent : InboundContent;

/// <summary>The bot was removed from a group or blocked in a private chat.</summary>
public sealed record BotRemovedContent : InboundContent;

/// <summary>
/// The group chat lives on under a new platform id (Telegram upgrades a group to a supergroup with a new chat id);
/// the street group follows it. Both ids are given, so it means the same whichever chat reported it.
/// </summary>
public sealed record GroupMovedContent(string FromChatId, string ToChatId) : InboundContent;

/// <summary>A message kind the bot cannot use (sticker, voice note, video, ...); <paramref name="Kind"/> names it.</summary>
public sealed record UnsupportedContent(string Kind) : InboundContent;
