using System.Text.Json;
using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Teams.Tests;

public sealed class TeamsActivityMapperTests
{
    private const string Bot = "28:bot-app-id";

    private static Activity Parse(string json) => JsonSerializer.Deserialize<Activity>(json, TeamsJson.Options)!;

    private static string Envelope(string type, string conversation, string extra) => $$"""
        {"type":"{{type}}","id":"1:abc","serviceUrl":"https://smba.trafficmanager.net/emea/","channelId":"msteams",
         "from":{"id":"29:anna","name":"Anna de Vries"},"recipient":{"id":"{{Bot}}","name":"Buurtkracht"},
         "conversation":{{conversation}},"locale":"nl-NL","unknownField":{"x":1}{{extra}}}
        """;

    private const string GroupChat = """{"id":"19:abc@thread.v2","conversationType":"groupChat","name":"Kerkstraat","tenantId":"t1"}""";
    private const string Personal = """{"id":"a:1xyz","conversationType":"personal","tenantId":"t1"}""";

    [Fact]
    public void A_channel_message_loses_the_bot_mention_and_becomes_a_command_in_the_channel()
    {
        var activity = Parse(Envelope("message", """{"id":"19:chan@thread.skype;messageid=1234","conversationType":"channel","isGroup":true}""",
            ""","text":"<at>Buurtkracht</at> /koppel Schildersbuurt","entities":[{"type":"mention","text":"<at>Buurtkracht</at>","mentioned":{"id":"28:bot-app-id"}}]"""));

        var message = Assert.Single(TeamsActivityMapper.Map(activity));

        Assert.Equal("teams:1:abc", message.UpdateId);
        Assert.Equal(new ChatAddress(ChannelKind.Teams, "19:chan@thread.skype"), message.Chat);
        Assert.Equal(ChatKind.Group, message.ChatKind);
        Assert.Equal(new CommandContent("koppel", "Schildersbuurt"), message.Content);
        Assert.Equal("nl", message.From.LanguageCode);
    }

    [Fact]
    public void A_mention_of_someone_else_stays_and_a_leading_at_tag_without_entities_goes()
    {
        var other = Parse(Envelope("message", GroupChat,
            ""","text":"<at>Piet</at> kom je ook?","entities":[{"type":"mention","text":"<at>Piet</at>","mentioned":{"id":"29:piet"}}]"""));
        var bare = Parse(Envelope("message", GroupChat, ""","text":"<at>Buurtkracht</at> /help" """));

        Assert.Equal(new TextContent("<at>Piet</at> kom je ook?"), Assert.Single(TeamsActivityMapper.Map(other)).Content);
        Assert.Equal(new CommandContent("help", ""), Assert.Single(TeamsActivityMapper.Map(bare)).Content);
    }

    [Fact]
    public void A_card_submit_is_the_choice_and_a_personal_chat_is_private()
    {
        var activity = Parse(Envelope("message", Personal, ""","value":{"choice":"buurt:2"}"""));

        var message = Assert.Single(TeamsActivityMapper.Map(activity));

        Assert.Equal(new ChoiceContent("buurt:2"), message.Content);
        Assert.Equal(ChatKind.Private, message.ChatKind);
        Assert.Null(message.ChatTitle);
    }

    [Fact]
    public void The_bot_added_with_people_gives_one_arrival_and_one_join_with_distinct_update_ids()
    {
        var activity = Parse(Envelope("conversationUpdate", GroupChat, ""","membersAdded":[{"id":"28:bot-app-id"},{"id":"29:piet","name":"Piet"}]"""));

        var messages = TeamsActivityMapper.Map(activity);

        Assert.Collection(messages,
            m => Assert.IsType<BotAddedContent>(m.Content),
            m => Assert.Equal("29:piet", Assert.Single(Assert.IsType<MembersJoinedContent>(m.Content).Members).UserId));
        Assert.Equal(["teams:1:abc", "teams:1:abc:1"], messages.Select(m => m.UpdateId));
        Assert.Equal("Kerkstraat", messages[0].ChatTitle);
    }

    [Fact]
    public void Removals_and_uninstall_map_to_left_and_removed_and_a_personal_install_to_start()
    {
        var removed = Parse(Envelope("conversationUpdate", GroupChat, ""","membersRemoved":[{"id":"29:piet"},{"id":"28:bot-app-id"}]"""));
        var uninstall = Parse(Envelope("installationUpdate", GroupChat, ""","action":"remove" """));
        var personalInstall = Parse(Envelope("installationUpdate", Personal, ""","action":"add" """));
        var upgrade = Parse(Envelope("installationUpdate", GroupChat, ""","action":"add-upgrade" """));
        var typing = Parse(Envelope("typing", GroupChat, ""));

        Assert.Collection(TeamsActivityMapper.Map(removed),
            m => Assert.Equal("29:piet", Assert.IsType<MemberLeftContent>(m.Content).Member.UserId),
            m => Assert.IsType<BotRemovedContent>(m.Content));
        Assert.IsType<BotRemovedContent>(Assert.Single(TeamsActivityMapper.Map(uninstall)).Content);
        Assert.Equal(new CommandContent("start", ""), Assert.Single(TeamsActivityMapper.Map(personalInstall)).Content);
        Assert.Empty(TeamsActivityMapper.Map(upgrade));
        Assert.Empty(TeamsActivityMapper.Map(typing));
    }

    [Fact]
    public void A_pasted_image_is_a_photo_and_a_file_without_text_is_unsupported()
    {
        var image = Parse(Envelope("message", Personal,
            ""","text":"","attachments":[{"contentType":"image/*","contentUrl":"https://smba.trafficmanager.net/emea/v3/attachments/x/views/original"},{"contentType":"text/html","content":"<img>"}]"""));
        var file = Parse(Envelope("message", Personal,
            ""","text":"","attachments":[{"contentType":"application/vnd.microsoft.teams.file.download.info","content":{}}]"""));

        Assert.Equal(new PhotoContent("https://smba.trafficmanager.net/emea/v3/attachments/x/views/original", null, null),
            Assert.Single(TeamsActivityMapper.Map(image)).Content);
        Assert.Equal(new UnsupportedContent("document"), Assert.Single(TeamsActivityMapper.Map(file)).Content);
    }

    private static readonly IReadOnlySet<string> MenuCommands = new HashSet<string>(["help", "melding", "koppel"], StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void A_command_picked_from_the_menu_is_that_command_in_personal_and_group_chats()
    {
        var personal = Parse(Envelope("message", Personal, ""","text":"Melding " """));
        var group = Parse(Envelope("message", GroupChat,
            ""","text":"<at>Buurtkracht</at> koppel","entities":[{"type":"mention","text":"<at>Buurtkracht</at>","mentioned":{"id":"28:bot-app-id"}}]"""));
        var sentence = Parse(Envelope("message", Personal, ""","text":"help me even" """));
        var unknown = Parse(Envelope("message", Personal, ""","text":"hallo" """));

        Assert.Equal(new CommandContent("melding", ""), Assert.Single(TeamsActivityMapper.Map(personal, commands: MenuCommands)).Content);
        Assert.Equal(new CommandContent("koppel", ""), Assert.Single(TeamsActivityMapper.Map(group, commands: MenuCommands)).Content);
        Assert.IsType<TextContent>(Assert.Single(TeamsActivityMapper.Map(sentence, commands: MenuCommands)).Content);
        Assert.IsType<TextContent>(Assert.Single(TeamsActivityMapper.Map(unknown, commands: MenuCommands)).Content);
    }

    [Fact]
    public void Without_the_arrival_an_install_activity_keeps_only_what_else_it_says()
    {
        var update = Parse(Envelope("conversationUpdate", GroupChat, ""","membersAdded":[{"id":"28:bot-app-id"},{"id":"29:piet","name":"Piet"}]"""));
        var personalInstall = Parse(Envelope("installationUpdate", Personal, ""","action":"add" """));

        Assert.IsType<MembersJoinedContent>(Assert.Single(TeamsActivityMapper.Map(update, arrival: false)).Content);
        Assert.Empty(TeamsActivityMapper.Map(personalInstall, arrival: false));
        Assert.True(TeamsActivityMapper.BotAdded(update) && TeamsActivityMapper.BotAdded(personalInstall));
    }
}
