using Buurtkracht.Core.Messaging;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Buurtkracht.Telegram;

/// <summary>Translates one Telegram update into the channel-neutral messages the engine understands.</summary>
public sealed class TelegramUpdateMapper(TelegramBotIdentity bot)
{
    // Message kinds a resident can send that the bot cannot use, with the Bot API's field name; service messages (pins,
    // title changes) are not here because nobody expects an answer to them. Telegram.Bot names an animation an
    // animation although it also carries a document.
    private static readonly Dictionary<MessageType, string> UnsupportedKinds = new()
    {
        [MessageType.Sticker] = "sticker", [MessageType.Voice] = "voice", [MessageType.Audio] = "audio",
        [MessageType.Video] = "video", [MessageType.VideoNote] = "video_note", [MessageType.Animation] = "animation",
        [MessageType.Document] = "document", [MessageType.Contact] = "contact", [MessageType.Poll] = "poll",
        [MessageType.Dice] = "dice", [MessageType.Game] = "game", [MessageType.Story] = "story",
        [MessageType.Invoice] = "invoice", [MessageType.PaidMedia] = "paid_media", [MessageType.Giveaway] = "giveaway",
    };

    internal IReadOnlyList<InboundMessage> Map(Update update)
    {
        var found = update switch
        {
            { Message: { } message } => FromMessage(message),
            { CallbackQuery: { } query } => FromCallbackQuery(query),
            { MyChatMember: { } change } => FromMyChatMember(change),
            { ChatMember: { } change } => FromChatMember(change),
            _ => null,
        };
        if (found is not { } source || Kind(source.Chat) is not { } kind)
            return [];

        var chat = new ChatAddress(ChannelKind.Telegram, source.Chat.Id.ToString());
        return source.Contents
            .Select((content, n) => new InboundMessage(
                n == 0 ? $"tg:{update.Id}" : $"tg:{update.Id}:{n}",
                chat, kind, source.Chat.Title, source.From, content)
            {
                // A callback query is answered with answerCallbackQuery: a pop-up, or a t.me link that opens the private chat.
                Press = content is ChoiceContent ? new ButtonPress() : null,
            })
            .ToList();
    }

    private sealed record Source(Chat Chat, Sender From, IReadOnlyList<InboundContent> Contents);

    private Source? FromMessage(Message message)
    {
        if (message.Chat is not { } chat)
            return null;
        var from = message.From is { } user ? ToSender(user) : new Sender((message.SenderChat ?? chat).Id.ToString(), chat.Title ?? "");
        var contents = MessageContents(chat, message);
        return contents.Count == 0 ? null : new Source(chat, from, contents);
    }

    private IReadOnlyList<InboundContent> MessageContents(Chat chat, Message message)
    {
        // An upgrade to a supergroup is told in both chats; either one re-addresses the street group.
        if (message.MigrateToChatId is { } newId)
            return [new GroupMovedContent(chat.Id.ToString(), newId.ToString())];
        if (message.MigrateFromChatId is { } oldId)
            return [new GroupMovedContent(oldId.ToString(), chat.Id.ToString())];
        if (message.Text is { } text)
            return TextOrCommand(text) is { } content ? [content] : [];
        if (message.Location is { } location)
            return [new LocationContent(location.Latitude, location.Longitude)];
        if (message.Photo is { Length: > 0 } sizes)
        {
            var largest = sizes.MaxBy(size => (long)size.Width * size.Height)!;
            return [new PhotoContent(largest.FileId, largest.FileSize, message.Caption)];
        }
        if (message.NewChatMembers is { Length: > 0 } joined)
        {
            var others = joined.Where(user => !IsMe(user)).Select(ToSender).ToList();
            List<InboundContent> contents = [];
            if (others.Count < joined.Length)
                contents.Add(new BotAddedContent());
            if (others.Count > 0)
                contents.Add(new MembersJoinedContent(others));
            return contents;
        }
        if (message.LeftChatMember is { } left)
            return [IsMe(left) ? new BotRemovedContent() : new MemberLeftContent(ToSender(left))];
        if (message.GroupChatCreated == true || message.SupergroupChatCreated == true)
            return [new BotAddedContent()];
        if (UnsupportedKinds.TryGetValue(message.Type, out var kind))
            return [new UnsupportedContent(kind)];
        return [];
    }

    /// <summary>"/cmd@BotName arg" becomes a command; a command addressed to another bot becomes nothing.</summary>
    private InboundContent? TextOrCommand(string text)
    {
        if (!text.StartsWith('/'))
            return new TextContent(text);
        var end = text.IndexOfAny([' ', '\n', '\t']);
        var word = end < 0 ? text[1..] : text[1..end];
        var argument = end < 0 ? "" : text[(end + 1)..].Trim();
        var at = word.IndexOf('@');
        var name = at < 0 ? word : word[..at];
        if (name.Length is 0 or > 32 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            return new TextContent(text);
        // Until getMe has answered the bot cannot tell its own name from another's, so it takes the command.
        if (at >= 0 && bot.Username is { } me && !string.Equals(word[(at + 1)..], me, StringComparison.OrdinalIgnoreCase))
            return null;
        return new CommandContent(name.ToLowerInvariant(), argument);
    }

    private static Source? FromCallbackQuery(CallbackQuery query) =>
        query is { Message.Chat: { } chat, From: { } user, Data: { } data }
            ? new Source(chat, ToSender(user), [new ChoiceContent(data)])
            : null;

    private static Source? FromMyChatMember(ChatMemberUpdated change)
    {
        if (change is not { Chat: { } chat, From: { } user, NewChatMember: { } now })
            return null;
        var wasPresent = IsPresent(change.OldChatMember);
        InboundContent? content = now.Status switch
        {
            // In a private chat "kicked" means the user blocked the bot.
            ChatMemberStatus.Left or ChatMemberStatus.Kicked => new BotRemovedContent(),
            // A promotion (member -> administrator) is not an addition.
            ChatMemberStatus.Member or ChatMemberStatus.Administrator when chat.Type != ChatType.Private && !wasPresent => new BotAddedContent(),
            _ => null,
        };
        return content is null ? null : new Source(chat, ToSender(user), [content]);
    }

    private static Source? FromChatMember(ChatMemberUpdated change)
    {
        if (change is not { Chat: { } chat, From: { } actor, NewChatMember: { User: { } member } now })
            return null;
        var wasPresent = IsPresent(change.OldChatMember);
        InboundContent? content = (wasPresent, IsPresent(now)) switch
        {
            (false, true) => new MembersJoinedContent([ToSender(member)]),
            (true, false) => new MemberLeftContent(ToSender(member)),
            _ => null,
        };
        return content is null ? null : new Source(chat, ToSender(actor), [content]);
    }

    /// <summary>Whether this status means "in the chat" (creator, administrator, member, or restricted but still a member).</summary>
    internal static bool IsPresent(ChatMember? member) => member switch
    {
        null => false,
        ChatMemberRestricted restricted => restricted.IsMember,
        _ => member.Status is ChatMemberStatus.Creator or ChatMemberStatus.Administrator or ChatMemberStatus.Member,
    };

    private bool IsMe(User user) =>
        user.Id == bot.BotId
        || (user.IsBot && bot.Username is { } me && string.Equals(user.Username, me, StringComparison.OrdinalIgnoreCase));

    private static ChatKind? Kind(Chat chat) => chat.Type switch
    {
        ChatType.Private => ChatKind.Private,
        ChatType.Group or ChatType.Supergroup => ChatKind.Group,
        _ => null, // channels, and chat types Telegram may invent later (Telegram.Bot reads those as 0)
    };

    internal static Sender ToSender(User user)
    {
        var name = $"{user.FirstName} {user.LastName}".Trim();
        if (name.Length == 0)
            name = user.Username ?? user.Id.ToString();
        return new Sender(user.Id.ToString(), name, user.LanguageCode, user.IsBot);
    }
}
