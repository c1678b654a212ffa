using System.Text.Json;
using System.Text.Json.Serialization;

namespace Buurtkracht.Telegram;

// The slice of the Bot API types the adapter reads. Every field the adapter can live without is nullable, and
// unknown fields are ignored, because Telegram adds fields all the time.

/// <summary>The JSON settings of the Bot API: snake_case names, nulls left out.</summary>
public static class TelegramJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

public sealed record TgResponse<T>
{
    public bool Ok { get; init; }
    public T? Result { get; init; }
    public int? ErrorCode { get; init; }
    public string? Description { get; init; }
    public TgResponseParameters? Parameters { get; init; }
}

public sealed record TgResponseParameters
{
    public int? RetryAfter { get; init; }
    public long? MigrateToChatId { get; init; }
}

public sealed record TgUpdate
{
    public long UpdateId { get; init; }
    public TgMessage? Message { get; init; }
    public TgCallbackQuery? CallbackQuery { get; init; }
    public TgChatMemberUpdated? MyChatMember { get; init; }
    public TgChatMemberUpdated? ChatMember { get; init; }
}

public sealed record TgUser
{
    public long Id { get; init; }
    public bool IsBot { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Username { get; init; }
    public string? LanguageCode { get; init; }
}

public sealed record TgChat
{
    public long Id { get; init; }
    public string? Type { get; init; }
    public string? Title { get; init; }
}

public sealed record TgMessage
{
    public long MessageId { get; init; }
    public TgUser? From { get; init; }
    public TgChat? SenderChat { get; init; }
    public TgChat? Chat { get; init; }
    public string? Text { get; init; }
    public string? Caption { get; init; }
    public TgLocation? Location { get; init; }
    public IReadOnlyList<TgPhotoSize>? Photo { get; init; }
    public IReadOnlyList<TgUser>? NewChatMembers { get; init; }
    public TgUser? LeftChatMember { get; init; }
    public bool GroupChatCreated { get; init; }
    public bool SupergroupChatCreated { get; init; }

    /// <summary>In the old group: it became a supergroup with this id (the old id is dead from now on).</summary>
    public long? MigrateToChatId { get; init; }

    /// <summary>In the new supergroup: it was the group with this id.</summary>
    public long? MigrateFromChatId { get; init; }

    /// <summary>Every field not named above: where stickers, voice notes and the like show up.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Other { get; init; }
}

public sealed record TgLocation(double Latitude, double Longitude);

public sealed record TgPhotoSize
{
    public string FileId { get; init; } = "";
    public int Width { get; init; }
    public int Height { get; init; }
    public long? FileSize { get; init; }
}

public sealed record TgCallbackQuery
{
    public string Id { get; init; } = "";
    public TgUser? From { get; init; }
    public TgMessage? Message { get; init; }
    public string? Data { get; init; }
}

public sealed record TgChatMemberUpdated
{
    public TgChat? Chat { get; init; }
    public TgUser? From { get; init; }
    public TgChatMember? OldChatMember { get; init; }
    public TgChatMember? NewChatMember { get; init; }
}

public sealed record TgChatMember
{
    public string? Status { get; init; }
    public TgUser? User { get; init; }
    public bool? IsMember { get; init; }

    /// <summary>Whether this status means "in the chat" (creator, administrator, member, or restricted but still a member).</summary>
    [JsonIgnore]
    public bool IsPresent => Status switch
    {
        "creator" or "administrator" or "member" => true,
        "restricted" => IsMember ?? true,
        _ => false,
    };
}

public sealed record TgFile
{
    public string FileId { get; init; } = "";
    public long? FileSize { get; init; }
    public string? FilePath { get; init; }
}

public sealed record TgBotCommand(string Command, string Description);

public sealed record TgInlineKeyboardMarkup(IReadOnlyList<IReadOnlyList<TgInlineKeyboardButton>> InlineKeyboard);

public sealed record TgInlineKeyboardButton(string Text, string? CallbackData = null, string? Url = null);

public sealed record TgReplyKeyboardMarkup(IReadOnlyList<IReadOnlyList<TgKeyboardButton>> Keyboard)
{
    public bool OneTimeKeyboard => true;
    public bool ResizeKeyboard => true;
}

public sealed record TgKeyboardButton(string Text, bool? RequestLocation = null);

public sealed record TgForceReply
{
    public bool ForceReply => true;
    // Not selective: that would show the reply box only to people the message @mentions or replies to, which is
    // nobody here, so a group admin would have to find "reply" by hand.
}
