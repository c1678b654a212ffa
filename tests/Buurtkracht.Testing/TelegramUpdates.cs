using System.Text.Json.Nodes;

namespace Buurtkracht.Testing;

/// <summary>
/// Builders for Telegram updates shaped like the real ones, for <see cref="FakeTelegramServer.EnqueueUpdate(JsonObject)"/>.
/// A positive chat id is a private chat (with that user), a negative one a supergroup. The server adds update_id.
/// </summary>
public static class TelegramUpdates
{
    public const string GroupTitle = "Straatapp Kerkstraat";

    public static JsonObject User(long id, string firstName, string? lastName = null, bool isBot = false, string? username = null,
        string? languageCode = null) =>
        Compact(new JsonObject
        {
            ["id"] = id,
            ["is_bot"] = isBot,
            ["first_name"] = firstName,
            ["last_name"] = lastName,
            ["username"] = username,
            ["language_code"] = languageCode,
        });

    public static JsonObject Chat(long id, string title = GroupTitle) =>
        id > 0
            ? new JsonObject { ["id"] = id, ["type"] = "private", ["first_name"] = $"User{id}" }
            : new JsonObject { ["id"] = id, ["type"] = "supergroup", ["title"] = title };

    /// <summary>A message update from <paramref name="userId"/> ("Jan Jansen") in the chat, with the given content fields.</summary>
    public static JsonObject Message(long chatId, long userId, JsonObject content, long messageId = 1) =>
        new()
        {
            ["message"] = Merge(new JsonObject
            {
                ["message_id"] = messageId,
                ["from"] = User(userId, "Jan", "Jansen", languageCode: "nl"),
                ["chat"] = Chat(chatId),
                ["date"] = 1767225600,
            }, content),
        };

    public static JsonObject PrivateText(long userId, string text) => Text(userId, userId, text);

    public static JsonObject GroupText(long groupId, long userId, string text) => Text(groupId, userId, text);

    public static JsonObject Text(long chatId, long userId, string text) => Message(chatId, userId, new JsonObject { ["text"] = text });

    /// <summary>A command as clients send it: the text plus a bot_command entity over "/name[@bot]".</summary>
    public static JsonObject Command(long chatId, long userId, string commandText)
    {
        var length = commandText.IndexOf(' ') is var space and >= 0 ? space : commandText.Length;
        return Message(chatId, userId, new JsonObject
        {
            ["text"] = commandText,
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length }),
        });
    }

    public static JsonObject CallbackQuery(long chatId, long userId, string data, long messageId = 1, string? queryId = null) =>
        new()
        {
            ["callback_query"] = new JsonObject
            {
                ["id"] = queryId ?? $"cbq-{chatId}-{messageId}-{data}",
                ["from"] = User(userId, "Jan", "Jansen", languageCode: "nl"),
                ["message"] = new JsonObject
                {
                    ["message_id"] = messageId,
                    ["chat"] = Chat(chatId),
                    ["date"] = 1767225600,
                    ["text"] = "Kom je?",
                },
                ["chat_instance"] = "-4242",
                ["data"] = data,
            },
        };

    public static JsonObject Location(long chatId, long userId, double latitude, double longitude) =>
        Message(chatId, userId, new JsonObject
        {
            ["location"] = new JsonObject { ["latitude"] = latitude, ["longitude"] = longitude },
        });

    /// <summary>A photo in three sizes, as Telegram sends it; the largest has <paramref name="fileId"/>.</summary>
    public static JsonObject Photo(long chatId, long userId, string fileId, long fileSize = 120_000, string? caption = null) =>
        Message(chatId, userId, Compact(new JsonObject
        {
            ["photo"] = new JsonArray(
                new JsonObject { ["file_id"] = $"{fileId}-s", ["file_unique_id"] = "s", ["width"] = 90, ["height"] = 67, ["file_size"] = 1_200 },
                new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "l", ["width"] = 1280, ["height"] = 960, ["file_size"] = fileSize },
                new JsonObject { ["file_id"] = $"{fileId}-m", ["file_unique_id"] = "m", ["width"] = 320, ["height"] = 240, ["file_size"] = 15_000 }),
            ["caption"] = caption,
        }));

    public static JsonObject Sticker(long chatId, long userId) =>
        Message(chatId, userId, new JsonObject
        {
            ["sticker"] = new JsonObject
            {
                ["file_id"] = "sticker-1", ["file_unique_id"] = "st", ["type"] = "regular", ["width"] = 512, ["height"] = 512,
                ["is_animated"] = false, ["is_video"] = false, ["emoji"] = "👍",
            },
        });

    /// <summary>A new_chat_members message: the bot (and optionally others) added to a group by <paramref name="userId"/>.</summary>
    public static JsonObject BotAddedToGroup(long groupId, long userId, long botId, string botUsername, params (long Id, string FirstName)[] others)
    {
        var members = new JsonArray(User(botId, "Buurtkracht", isBot: true, username: botUsername));
        foreach (var (id, firstName) in others)
            members.Add(User(id, firstName));
        return Message(groupId, userId, new JsonObject { ["new_chat_members"] = members });
    }

    /// <summary>
    /// The two service messages of a group's upgrade to a supergroup: migrate_to_chat_id in the old group (a basic
    /// "group"), and migrate_from_chat_id in the new supergroup.
    /// </summary>
    public static (JsonObject InOldGroup, JsonObject InSupergroup) GroupUpgraded(long oldGroupId, long supergroupId, long userId)
    {
        var inOld = Message(oldGroupId, userId, new JsonObject { ["migrate_to_chat_id"] = supergroupId });
        inOld["message"]!["chat"] = new JsonObject { ["id"] = oldGroupId, ["type"] = "group", ["title"] = GroupTitle };
        var inNew = Message(supergroupId, userId, new JsonObject { ["migrate_from_chat_id"] = oldGroupId });
        return (inOld, inNew);
    }

    /// <summary>A my_chat_member update: the bot's own status in the chat changed, by <paramref name="userId"/>.</summary>
    public static JsonObject MyChatMember(long chatId, long userId, long botId, string oldStatus, string newStatus) =>
        new()
        {
            ["my_chat_member"] = new JsonObject
            {
                ["chat"] = Chat(chatId),
                ["from"] = User(userId, "Jan", "Jansen"),
                ["date"] = 1767225600,
                ["old_chat_member"] = new JsonObject { ["status"] = oldStatus, ["user"] = User(botId, "Buurtkracht", isBot: true) },
                ["new_chat_member"] = new JsonObject { ["status"] = newStatus, ["user"] = User(botId, "Buurtkracht", isBot: true) },
            },
        };

    private static JsonObject Merge(JsonObject target, JsonObject extra)
    {
        foreach (var (name, value) in extra.ToList())
        {
            extra.Remove(name);
            target[name] = value;
        }
        return target;
    }

    // Telegram leaves absent optional fields out rather than sending null.
    private static JsonObject Compact(JsonObject node)
    {
        foreach (var name in node.Where(pair => pair.Value is null).Select(pair => pair.Key).ToList())
            node.Remove(name);
        return node;
    }
}
