using System.Text.Json;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Testing;

namespace Buurtkracht.Telegram.Tests;

public class TelegramUpdateMapperTests
{
    private const long BotId = 7000001;
    private const string BotName = "buurtkracht_test_bot";
    private const long Group = -1001234567890;

    private readonly TelegramUpdateMapper _mapper = new(new TelegramBotIdentity(BotId, BotName));

    private IReadOnlyList<InboundMessage> Map(string json) =>
        _mapper.Map(JsonSerializer.Deserialize<global::Telegram.Bot.Types.Update>(json, global::Telegram.Bot.JsonBotAPI.Options)!);

    private IReadOnlyList<InboundMessage> Map(System.Text.Json.Nodes.JsonObject update, long updateId = 1)
    {
        update["update_id"] = updateId;
        return Map(update.ToJsonString());
    }

    [Fact]
    public void Private_text_with_unknown_fields_becomes_text_from_the_sender()
    {
        var messages = Map("""
            {"update_id": 815,
             "message": {"message_id": 12, "message_thread_id": 3,
               "from": {"id": 4242, "is_bot": false, "first_name": "Fatima", "last_name": "el Amrani", "username": "fatima_ea",
                        "language_code": "nl", "is_premium": true, "added_to_attachment_menu": false},
               "chat": {"id": 4242, "first_name": "Fatima", "last_name": "el Amrani", "type": "private"},
               "date": 1767225600, "text": "Hoi <buurt> & zo",
               "link_preview_options": {"is_disabled": true}, "some_future_field": {"nested": [1, 2, 3]}},
             "another_future_field": 7}
            """);

        var message = Assert.Single(messages);
        Assert.Equal("tg:815", message.UpdateId);
        Assert.Equal(new ChatAddress(ChannelKind.Telegram, "4242"), message.Chat);
        Assert.Equal(ChatKind.Private, message.ChatKind);
        Assert.Null(message.ChatTitle);
        Assert.Equal(new Sender("4242", "Fatima el Amrani", "nl", false), message.From);
        Assert.Equal(new TextContent("Hoi <buurt> & zo"), message.Content);
    }

    [Fact]
    public void A_chat_type_telegram_invents_later_and_a_message_kind_it_invents_later_map_to_nothing()
    {
        Assert.Empty(Map("""
            {"update_id": 816, "message": {"message_id": 1, "from": {"id": 1, "is_bot": false, "first_name": "A"},
             "chat": {"id": -9, "type": "some_future_chat_type", "title": "?"}, "date": 1, "text": "hoi"}}
            """));
        Assert.Empty(Map("""
            {"update_id": 817, "message": {"message_id": 1, "from": {"id": 1, "is_bot": false, "first_name": "A"},
             "chat": {"id": 1, "type": "private"}, "date": 1, "some_future_kind": {"id": "x"}}}
            """));
    }

    [Fact]
    public void Group_text_carries_the_group_and_its_title()
    {
        var message = Assert.Single(Map(TelegramUpdates.GroupText(Group, 4242, "Wie heeft er een ladder?")));

        Assert.Equal(ChatKind.Group, message.ChatKind);
        Assert.Equal(Group.ToString(), message.Chat.ChatId);
        Assert.Equal(TelegramUpdates.GroupTitle, message.ChatTitle);
        Assert.Equal(new TextContent("Wie heeft er een ladder?"), message.Content);
    }

    [Theory]
    [InlineData("/Melding@buurtkracht_test_bot lantaarnpaal  kapot ", "melding", "lantaarnpaal  kapot")]
    [InlineData("/help", "help", "")]
    [InlineData("/start grp_abc-123", "start", "grp_abc-123")]
    [InlineData("/HELP@BUURTKRACHT_TEST_BOT", "help", "")]
    public void Commands_lose_slash_and_bot_name_and_keep_their_argument(string text, string name, string argument)
    {
        var message = Assert.Single(Map(TelegramUpdates.Command(Group, 4242, text)));

        Assert.Equal(new CommandContent(name, argument), message.Content);
    }

    [Fact]
    public void A_command_for_another_bot_is_ignored()
    {
        Assert.Empty(Map(TelegramUpdates.Command(Group, 4242, "/help@some_other_bot")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/pad/naar/iets")]
    public void Text_that_only_starts_with_a_slash_stays_text(string text)
    {
        Assert.Equal(new TextContent(text), Assert.Single(Map(TelegramUpdates.PrivateText(4242, text))).Content);
    }

    [Fact]
    public void Before_getMe_the_bot_accepts_any_addressed_command()
    {
        var mapper = new TelegramUpdateMapper(new TelegramBotIdentity(BotId, username: null));
        var update = TelegramUpdates.Command(Group, 4242, "/help@whatever_bot");
        update["update_id"] = 1;

        var message = Assert.Single(mapper.Map(JsonSerializer.Deserialize<global::Telegram.Bot.Types.Update>(update.ToJsonString(), global::Telegram.Bot.JsonBotAPI.Options)!));

        Assert.Equal(new CommandContent("help", ""), message.Content);
    }

    [Fact]
    public void A_button_press_becomes_a_choice_in_the_chat_of_its_message()
    {
        var message = Assert.Single(Map(TelegramUpdates.CallbackQuery(Group, 4242, "rsvp:17:yes"), updateId: 900));

        Assert.Equal("tg:900", message.UpdateId);
        Assert.Equal(Group.ToString(), message.Chat.ChatId);
        Assert.Equal(ChatKind.Group, message.ChatKind);
        Assert.Equal("4242", message.From.UserId);
        Assert.Equal(new ChoiceContent("rsvp:17:yes"), message.Content);
    }

    [Fact]
    public void A_button_press_without_its_message_is_ignored()
    {
        Assert.Empty(Map("""
            {"update_id": 5, "callback_query": {"id": "q1", "from": {"id": 4242, "is_bot": false, "first_name": "Jan"},
             "inline_message_id": "abc", "chat_instance": "1", "data": "x"}}
            """));
    }

    [Fact]
    public void A_location_becomes_coordinates()
    {
        var message = Assert.Single(Map(TelegramUpdates.Location(4242, 4242, 51.8597, 4.6594)));

        Assert.Equal(new LocationContent(51.8597, 4.6594), message.Content);
    }

    [Fact]
    public void A_photo_becomes_its_largest_size_with_caption()
    {
        var message = Assert.Single(Map(TelegramUpdates.Photo(4242, 4242, "big-photo", 345_678, "Losse stoeptegel")));

        Assert.Equal(new PhotoContent("big-photo", 345_678, "Losse stoeptegel"), message.Content);
    }

    [Fact]
    public void A_photo_without_file_size_or_caption_still_maps()
    {
        var message = Assert.Single(Map("""
            {"update_id": 6, "message": {"message_id": 1, "from": {"id": 1, "is_bot": false, "first_name": "A"},
             "chat": {"id": 1, "type": "private"}, "date": 1,
             "photo": [{"file_id": "small", "file_unique_id": "s", "width": 10, "height": 10},
                       {"file_id": "large", "file_unique_id": "l", "width": 100, "height": 80}]}}
            """));

        Assert.Equal(new PhotoContent("large", null, null), message.Content);
    }

    [Fact]
    public void Bot_added_with_others_gives_two_messages_with_distinct_ids()
    {
        var messages = Map(TelegramUpdates.BotAddedToGroup(Group, 4242, BotId, BotName, (5001, "Piet"), (5002, "Kees")), updateId: 77);

        Assert.Equal(2, messages.Count);
        Assert.Equal("tg:77", messages[0].UpdateId);
        Assert.IsType<BotAddedContent>(messages[0].Content);
        Assert.Equal("tg:77:1", messages[1].UpdateId);
        var joined = Assert.IsType<MembersJoinedContent>(messages[1].Content);
        Assert.Equal(["5001", "5002"], joined.Members.Select(m => m.UserId));
        Assert.All(messages, m => Assert.Equal("4242", m.From.UserId));
    }

    [Fact]
    public void Others_joining_without_the_bot_are_members_joined()
    {
        var message = Assert.Single(Map(TelegramUpdates.Message(Group, 5001, new()
        {
            ["new_chat_members"] = new System.Text.Json.Nodes.JsonArray(TelegramUpdates.User(5001, "Piet", username: "piet")),
        })));

        var joined = Assert.IsType<MembersJoinedContent>(message.Content);
        Assert.Equal("Piet", Assert.Single(joined.Members).DisplayName);
    }

    [Fact]
    public void Left_chat_member_is_the_bot_removed_or_a_member_left()
    {
        var botLeft = Map(TelegramUpdates.Message(Group, 4242, new() { ["left_chat_member"] = TelegramUpdates.User(BotId, "Buurtkracht", isBot: true) }));
        var memberLeft = Map(TelegramUpdates.Message(Group, 4242, new() { ["left_chat_member"] = TelegramUpdates.User(5001, "Piet", "Bakker") }));

        Assert.IsType<BotRemovedContent>(Assert.Single(botLeft).Content);
        Assert.Equal(new MemberLeftContent(new Sender("5001", "Piet Bakker")), Assert.Single(memberLeft).Content);
    }

    [Theory]
    [InlineData("group_chat_created")]
    [InlineData("supergroup_chat_created")]
    public void A_group_created_with_the_bot_is_bot_added(string field)
    {
        var message = Assert.Single(Map(TelegramUpdates.Message(Group, 4242, new() { [field] = true })));

        Assert.IsType<BotAddedContent>(message.Content);
    }

    [Fact]
    public void Both_service_messages_of_an_upgrade_to_a_supergroup_say_the_group_moved_from_the_old_id_to_the_new()
    {
        var (inOld, inNew) = TelegramUpdates.GroupUpgraded(-4001, Group, 4242);

        var fromOld = Assert.Single(Map(inOld, 1));
        var fromNew = Assert.Single(Map(inNew, 2));

        var moved = new GroupMovedContent("-4001", Group.ToString());
        Assert.Equal(moved, fromOld.Content);
        Assert.Equal(moved, fromNew.Content);
        Assert.Equal((ChatKind.Group, "-4001"), (fromOld.ChatKind, fromOld.Chat.ChatId));
        Assert.Equal((ChatKind.Group, Group.ToString()), (fromNew.ChatKind, fromNew.Chat.ChatId));
    }

    [Fact]
    public void Blocking_the_bot_in_private_is_bot_removed()
    {
        var message = Assert.Single(Map(TelegramUpdates.MyChatMember(4242, 4242, BotId, "member", "kicked")));

        Assert.Equal(ChatKind.Private, message.ChatKind);
        Assert.IsType<BotRemovedContent>(message.Content);
    }

    [Theory]
    [InlineData("member", "left")]
    [InlineData("administrator", "kicked")]
    public void The_bot_leaving_a_group_is_bot_removed(string before, string after)
    {
        Assert.IsType<BotRemovedContent>(Assert.Single(Map(TelegramUpdates.MyChatMember(Group, 4242, BotId, before, after))).Content);
    }

    [Theory]
    [InlineData("left", "member")]
    [InlineData("kicked", "administrator")]
    public void The_bot_joining_a_group_is_bot_added(string before, string after)
    {
        var message = Assert.Single(Map(TelegramUpdates.MyChatMember(Group, 4242, BotId, before, after)));

        Assert.IsType<BotAddedContent>(message.Content);
        Assert.Equal(ChatKind.Group, message.ChatKind);
    }

    [Theory]
    [InlineData(Group, "member", "administrator")] // promoted: still the same membership
    [InlineData(4242, "kicked", "member")]         // unblocked in private: the next /start says hello
    public void Bot_status_changes_that_are_no_arrival_or_departure_are_ignored(long chat, string before, string after)
    {
        Assert.Empty(Map(TelegramUpdates.MyChatMember(chat, 4242, BotId, before, after)));
    }

    [Fact]
    public void Chat_member_updates_become_joined_and_left()
    {
        string Update(string before, string after) => $$$"""
            {"update_id": 40, "chat_member": {"chat": {"id": {{{Group}}}, "type": "supergroup", "title": "Straat"},
             "from": {"id": 4242, "is_bot": false, "first_name": "Beheerder"}, "date": 1,
             "old_chat_member": {"status": "{{{before}}}", "user": {"id": 5001, "is_bot": false, "first_name": "Piet"}},
             "new_chat_member": {"status": "{{{after}}}", "user": {"id": 5001, "is_bot": false, "first_name": "Piet"}},
             "via_join_request": false}}
            """;

        var joined = Assert.IsType<MembersJoinedContent>(Assert.Single(Map(Update("left", "member"))).Content);
        var left = Assert.IsType<MemberLeftContent>(Assert.Single(Map(Update("member", "kicked"))).Content);

        Assert.Equal("5001", Assert.Single(joined.Members).UserId);
        Assert.Equal("5001", left.Member.UserId);
        Assert.Empty(Map(Update("member", "administrator")));
    }

    [Theory]
    [InlineData("sticker", """{"file_id": "s", "file_unique_id": "s", "type": "regular", "width": 512, "height": 512}""")]
    [InlineData("voice", """{"file_id": "v", "file_unique_id": "v", "duration": 3}""")]
    [InlineData("audio", """{"file_id": "a", "file_unique_id": "a", "duration": 3}""")]
    [InlineData("video", """{"file_id": "v", "file_unique_id": "v", "width": 1, "height": 1, "duration": 3}""")]
    [InlineData("video_note", """{"file_id": "v", "file_unique_id": "v", "length": 1, "duration": 3}""")]
    [InlineData("contact", """{"phone_number": "+31612345678", "first_name": "Jan"}""")]
    [InlineData("poll", """{"id": "p", "question": "?", "options": []}""")]
    [InlineData("dice", """{"emoji": "🎲", "value": 4}""")]
    public void Message_kinds_the_bot_cannot_use_are_unsupported(string kind, string body)
    {
        var message = Assert.Single(Map(TelegramUpdates.Message(4242, 4242,
            new() { [kind] = System.Text.Json.Nodes.JsonNode.Parse(body) })));

        Assert.Equal(new UnsupportedContent(kind), message.Content);
    }

    [Fact]
    public void An_animation_is_unsupported_as_animation_though_it_also_carries_a_document()
    {
        var message = Assert.Single(Map("""
            {"update_id": 9, "message": {"message_id": 1, "from": {"id": 1, "is_bot": false, "first_name": "A"},
             "chat": {"id": 1, "type": "private"}, "date": 1,
             "animation": {"file_id": "g", "file_unique_id": "g", "width": 1, "height": 1, "duration": 1},
             "document": {"file_id": "g", "file_unique_id": "g"}}}
            """));

        Assert.Equal(new UnsupportedContent("animation"), message.Content);
    }

    [Theory]
    [InlineData("""{"update_id": 1, "message_reaction": {"chat": {"id": 1, "type": "private"}, "message_id": 1, "date": 1}}""")]
    [InlineData("""{"update_id": 2, "edited_message": {"message_id": 1, "chat": {"id": 1, "type": "private"}, "date": 1, "text": "x"}}""")]
    [InlineData("""{"update_id": 3, "channel_post": {"message_id": 1, "chat": {"id": -100, "type": "channel"}, "date": 1, "text": "x"}}""")]
    [InlineData("""{"update_id": 4, "message": {"message_id": 1, "chat": {"id": -100, "type": "channel"}, "date": 1, "text": "x"}}""")]
    [InlineData("""{"update_id": 5, "message": {"message_id": 1, "from": {"id": 1, "is_bot": false, "first_name": "A"}, "chat": {"id": -5, "type": "group", "title": "G"}, "date": 1, "pinned_message": {"message_id": 0, "chat": {"id": -5, "type": "group"}, "date": 0}}}""")]
    [InlineData("""{"update_id": 6}""")]
    public void Unknown_or_unused_updates_map_to_nothing(string json)
    {
        Assert.Empty(Map(json));
    }

    [Theory]
    [InlineData("""{"update_id": 1, "message": {"message_id": 1, "date": 1, "text": "no chat"}}""")]
    [InlineData("""{"update_id": 1, "message": {"message_id": 1, "chat": {"id": 1}, "text": "chat without type"}}""")]
    [InlineData("""{"update_id": 1, "callback_query": {"id": "q", "message": {"message_id": 1, "chat": {"id": 1, "type": "private"}}}}""")]
    [InlineData("""{"update_id": 1, "my_chat_member": {"chat": {"id": -1, "type": "group"}}}""")]
    [InlineData("""{"update_id": 1, "chat_member": {"chat": {"id": -1, "type": "group"}, "from": {"id": 1}, "new_chat_member": {"status": "member"}}}""")]
    [InlineData("""{"update_id": 1, "message": {"chat": {"id": 1, "type": "private"}, "photo": []}}""")]
    public void Partial_updates_do_not_throw(string json)
    {
        Assert.Empty(Map(json));
    }

    [Fact]
    public void A_message_without_from_uses_the_sending_chat()
    {
        var message = Assert.Single(Map("""
            {"update_id": 1, "message": {"message_id": 1, "date": 1, "text": "anoniem",
             "sender_chat": {"id": -100555, "type": "supergroup", "title": "Straat"},
             "chat": {"id": -100555, "type": "supergroup", "title": "Straat"}}}
            """));

        Assert.Equal(new Sender("-100555", "Straat"), message.From);
    }

    [Theory]
    [InlineData("""{"id": 7, "is_bot": false, "first_name": "Anna"}""", "Anna")]
    [InlineData("""{"id": 7, "is_bot": false, "first_name": "", "username": "anna_b"}""", "anna_b")]
    [InlineData("""{"id": 7}""", "7")]
    public void Display_name_falls_back_from_names_to_username_to_id(string user, string expected)
    {
        var message = Assert.Single(Map($$$"""
            {"update_id": 1, "message": {"message_id": 1, "date": 1, "text": "hoi", "from": {{{user}}},
             "chat": {"id": 7, "type": "private"} }}
            """));

        Assert.Equal(expected, message.From.DisplayName);
    }
}
