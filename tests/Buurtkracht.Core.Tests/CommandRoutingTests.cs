using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;

namespace Buurtkracht.Core.Tests;

public sealed class CommandRoutingTests : HarnessTests
{
    [Fact]
    public async Task Start_in_private_welcomes_by_first_name_and_remembers_the_private_chat()
    {
        var turn = await H.PrivateAsync(Anna, "/start");

        Assert.Equal(InboundOutcome.Processed, turn.Outcome);
        Assert.Equal([MemberTexts.Welcome.In("nl", "Anna")], turn.Texts);
        var member = await H.DbAsync(db => db.Members.SingleAsync(m => m.ChannelUserId == Anna.UserId));
        Assert.Equal(Anna.UserId, member.PrivateChatId);
        Assert.Equal("Anna de Vries", member.DisplayName);
    }

    [Fact]
    public async Task Help_in_private_lists_private_and_anywhere_commands_but_not_group_ones()
    {
        var help = (await H.PrivateAsync(Anna, "/help")).Last.Text;

        Assert.StartsWith(MemberTexts.HelpIntro.Nl, help);
        Assert.Contains("/help – " + MemberTexts.HelpDescription.Nl, help);
        Assert.Contains("/privacy – " + MemberTexts.PrivacyDescription.Nl, help);
        Assert.Contains("/taal – " + MemberTexts.LanguageDescription.Nl, help);
        Assert.DoesNotContain("/koppel", help);
        Assert.DoesNotContain("/start", help);
        Assert.EndsWith(MemberTexts.HelpDialogs.Nl, help);
    }

    [Fact]
    public async Task Help_in_a_group_lists_group_and_anywhere_commands_with_a_link_to_the_private_chat()
    {
        H.Channel.AdminUserIds.Add(Anna.UserId);
        var help = (await H.GroupAsync(Anna, "/help")).Last.Text;

        Assert.Contains("/koppel – " + GroupTexts.LinkDescription.Nl, help);
        Assert.Contains("/privacy", help);
        Assert.DoesNotContain("/taal", help);
        Assert.EndsWith(MemberTexts.HelpGroupPrivate.In("nl", H.Channel.PrivateChatLink("help")), help);
    }

    [Fact]
    public async Task Help_in_a_group_shows_the_admin_commands_only_to_the_groups_admins()
    {
        var help = (await H.GroupAsync(Bram, "/help")).Last.Text;

        Assert.Contains("/privacy", help);
        Assert.DoesNotContain("/koppel", help);
        Assert.DoesNotContain("/meldingmelden", help);
    }

    [Fact]
    public async Task Help_in_private_shows_the_coordinator_commands_only_to_a_coordinator()
    {
        var resident = (await H.PrivateAsync(Anna, "/help")).Last.Text;
        await H.DbAsync(async db =>
        {
            var member = await db.Members.SingleAsync(m => m.ChannelUserId == Anna.UserId);
            db.RoleAssignments.Add(new RoleAssignment { MemberId = member.Id, Role = Role.Coordinator, GrantedAt = DateTimeOffset.UnixEpoch, GrantedBy = "test" });
            return await db.SaveChangesAsync();
        });
        var coordinator = (await H.PrivateAsync(Anna, "/help")).Last.Text;

        foreach (var command in new[] { "/omroep", "/activiteit", "/beheer" })
        {
            Assert.DoesNotContain(command, resident);
            Assert.Contains(command, coordinator);
        }
        Assert.Contains("/melding ", resident);
    }

    [Fact]
    public async Task Unknown_command_is_answered_in_private_and_ignored_in_a_group()
    {
        Assert.Equal([ConversationTexts.UnknownCommand.Nl], (await H.PrivateAsync(Anna, "/fietsen")).Texts);
        Assert.Empty((await H.GroupAsync(Anna, "/fietsen")).Texts);
    }

    [Fact]
    public async Task Free_text_in_private_points_to_help()
    {
        Assert.Equal([ConversationTexts.NotUnderstood.Nl], (await H.PrivateAsync(Anna, "Hallo bot, hoe gaat het?")).Texts);
    }

    [Fact]
    public async Task Sticker_in_private_gets_a_friendly_answer_naming_it()
    {
        var turn = await H.PrivateAsync(Anna, new UnsupportedContent("sticker"));

        Assert.Equal(["Met een sticker kan ik niets, sorry. Typ /help om te zien wat ik kan."], turn.Texts);
    }

    [Fact]
    public async Task Group_chat_stays_quiet_on_plain_text_stickers_and_old_buttons()
    {
        Assert.Empty((await H.GroupAsync(Anna, "Wie heeft mijn kat gezien?")).Rows);
        Assert.Empty((await H.GroupAsync(Anna, new UnsupportedContent("sticker"))).Rows);
        Assert.Empty((await H.GroupAsync(Anna, new ChoiceContent("buurt:1"))).Rows);
        // Speaking still makes Anna a known member of the group.
        Assert.Equal(1, await H.DbAsync(db => db.GroupMemberships.CountAsync()));
    }

    [Fact]
    public async Task Private_only_command_in_a_group_answers_with_the_deep_link()
    {
        var turn = await H.GroupAsync(Anna, "/taal");

        Assert.Equal([ConversationTexts.PrivateOnly.In("nl", $"https://t.me/{FakeChannel.BotUsername}?start=taal")], turn.Texts);
        Assert.Equal(0, await H.DbAsync(db => db.DialogStates.CountAsync()));
    }

    [Fact]
    public async Task Group_only_command_in_private_says_where_it_works()
    {
        Assert.Equal([ConversationTexts.GroupOnly.In("nl", "koppel")], (await H.PrivateAsync(Anna, "/koppel")).Texts);
    }

    [Fact]
    public async Task Start_with_a_deep_link_payload_runs_that_command_instead_of_the_welcome()
    {
        var turn = await H.PrivateAsync(Anna, "/start taal");

        Assert.Equal([MemberTexts.AskLanguage.Nl], turn.Texts);
        Assert.Equal(["taal:nl", "taal:en", "taal:ar", "taal:tr", "taal:uk", "taal:pl"], turn.Last.Choices.SelectMany(row => row).Select(c => c.Data));
    }

    [Fact]
    public async Task Start_with_an_unknown_payload_falls_back_to_the_welcome()
    {
        Assert.Equal([MemberTexts.Welcome.In("nl", "Anna")], (await H.PrivateAsync(Anna, "/start onbekend-12")).Texts);
    }

    [Fact]
    public async Task The_same_update_twice_is_a_duplicate_with_a_single_reply()
    {
        var message = H.Private(Anna, "/start");

        Assert.Equal(InboundOutcome.Processed, await H.HandleAsync(message));
        Assert.Equal(InboundOutcome.Duplicate, await H.HandleAsync(message));
        Assert.Single(await H.OutboxTextsAsync(Anna.UserId));
    }

    [Fact]
    public async Task Taal_switches_to_English_and_later_texts_are_English()
    {
        await H.PrivateAsync(Anna, "/taal");
        var chosen = await H.PrivateAsync(Anna, new ChoiceContent("taal:en"));

        Assert.Equal([MemberTexts.LanguageSet.En], chosen.Texts);
        Assert.StartsWith(MemberTexts.HelpIntro.En, (await H.PrivateAsync(Anna, "/help")).Last.Text);
        Assert.Equal([ConversationTexts.NotUnderstood.En], (await H.PrivateAsync(Anna, "blah")).Texts);
        Assert.Equal(Languages.English, await H.DbAsync(db => db.Members.Where(m => m.ChannelUserId == Anna.UserId).Select(m => m.Language).SingleAsync()));
        Assert.Equal(0, await H.DbAsync(db => db.DialogStates.CountAsync()));
    }

    [Fact]
    public async Task A_typed_button_label_counts_as_the_press()
    {
        await H.PrivateAsync(Anna, "/taal");

        Assert.Equal([MemberTexts.LanguageSet.En], (await H.PrivateAsync(Anna, "  english ")).Texts);
    }

    [Fact]
    public async Task A_new_command_during_a_dialog_replaces_it()
    {
        await H.PrivateAsync(Anna, "/taal");

        var again = await H.PrivateAsync(Anna, "/taal");

        Assert.Equal([MemberTexts.AskLanguage.Nl], again.Texts);
        Assert.Equal(1, await H.DbAsync(db => db.DialogStates.CountAsync()));
        Assert.Equal([MemberTexts.LanguageSet.Nl], (await H.PrivateAsync(Anna, new ChoiceContent("taal:nl"))).Texts);
    }

    [Fact]
    public async Task A_button_outside_any_dialog_says_it_no_longer_works()
    {
        Assert.Equal([ConversationTexts.ButtonExpired.Nl], (await H.PrivateAsync(Anna, new ChoiceContent("taal:en"))).Texts);
    }
}
