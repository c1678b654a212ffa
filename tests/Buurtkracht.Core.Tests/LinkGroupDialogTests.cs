using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;

namespace Buurtkracht.Core.Tests;

/// <summary>/koppel, and through it the dialog mechanics every dialog shares (terug, stop, buttons, validation, restart).</summary>
public sealed class LinkGroupDialogTests : HarnessTests
{
    // The harness runs on Telegram: its questions say to answer as a reply to them.
    private static readonly string AskBuurtName = GroupTexts.AskBuurtName.In("nl", GroupTexts.ReplyHint(ChannelKind.Telegram).Nl);
    private static readonly string AskStreets = GroupTexts.AskStreets.In("nl", GroupTexts.ReplyHint(ChannelKind.Telegram).Nl);

    protected override async Task<CoreHarness> StartAsync()
    {
        var h = await CoreHarness.StartAsync();
        h.Channel.AdminUserIds.Add(Anna.UserId);
        return h;
    }

    private static IEnumerable<string> Data(OutgoingMessage question) => question.Choices.SelectMany(row => row).Select(c => c.Data);

    private Task<StreetGroup> GroupRowAsync() =>
        H.DbAsync(db => db.StreetGroups.Include(g => g.Buurt).SingleAsync(g => g.ChatId == GroupChatId));

    private Task<List<string>> ModeratorsAsync() =>
        H.DbAsync(db => db.RoleAssignments.Where(r => r.Role == Role.Moderator && r.Group!.ChatId == GroupChatId)
            .Select(r => r.Member!.ChannelUserId).OrderBy(id => id).ToListAsync());

    private async Task<int> BuurtIdAsync(string name) => await H.DbAsync(db => db.Buurten.Where(b => b.Name == name).Select(b => b.Id).SingleAsync());

    [Fact]
    public async Task A_member_who_is_not_an_admin_is_refused()
    {
        var turn = await H.GroupAsync(Bram, "/koppel");

        Assert.Equal([GroupTexts.OnlyAdmins.Nl], turn.Texts);
        Assert.Equal(0, await H.DbAsync(db => db.DialogStates.CountAsync()));
    }

    [Fact]
    public async Task A_failing_admin_check_asks_to_try_later()
    {
        H.Channel.AdminCheckFails = true;

        Assert.Equal([GroupTexts.AdminCheckFailed.Nl], (await H.GroupAsync(Anna, "/koppel")).Texts);
        Assert.Equal(0, await H.DbAsync(db => db.DialogStates.CountAsync()));
    }

    [Fact]
    public async Task An_admin_is_offered_the_seeded_buurten_in_order_and_another_buurt()
    {
        var question = (await H.GroupAsync(Anna, "/koppel")).Last;

        Assert.Equal(GroupTexts.ChooseBuurt.Nl, question.Text);
        Assert.Equal([.. ReferenceData.Buurten, GroupTexts.OtherBuurt.Nl], question.Choices.SelectMany(row => row).Select(c => c.Label));
        Assert.Equal("buurt:other", Data(question).Last());
    }

    [Fact]
    public async Task Full_flow_with_another_buurt_creates_it_parses_the_streets_and_makes_the_admins_moderators()
    {
        H.Channel.ListedAdmins.AddRange([Anna, Carla]);

        await H.GroupAsync(Anna, "/koppel");
        var askName = await H.GroupAsync(Anna, new ChoiceContent("buurt:other"));
        Assert.Equal(AskBuurtName, askName.Last.Text);
        Assert.True(askName.Last.ExpectsTextReply);

        var askStreets = await H.GroupAsync(Anna, " Molenwijk ");
        Assert.Equal(AskStreets, askStreets.Last.Text);
        Assert.Equal(["straten:skip"], Data(askStreets.Last));

        var done = await H.GroupAsync(Anna, "Kerkstraat, Dam;kerkstraat\nWilhelminastraat");

        Assert.Equal(["Gelukt! Deze groep is nu gekoppeld aan Molenwijk.\nStraten: Kerkstraat, Dam, Wilhelminastraat.\n"
            + GroupTexts.ProposalPending.In("nl", "Molenwijk")], done.Texts);
        var group = await GroupRowAsync();
        Assert.Equal("Molenwijk", group.Buurt!.Name);
        Assert.Equal(BuurtStatus.Proposed, group.Buurt.Status);
        Assert.Equal(ReferenceData.Buurten.Count + 1, group.Buurt.SortOrder);
        Assert.Equal(["Kerkstraat", "Dam", "Wilhelminastraat"], group.Streets);
        Assert.Equal(["Kerkstraat", "Dam", "Wilhelminastraat"], group.Buurt.Streets);
        Assert.Equal(H.Clock.GetUtcNow(), group.LinkedAt);
        Assert.True(group.IsActive);
        // Carla never wrote in the group; being listed as admin makes her a member with the moderator role.
        Assert.Equal([Anna.UserId, Carla.UserId], await ModeratorsAsync());
        Assert.Equal(0, await H.DbAsync(db => db.DialogStates.CountAsync()));
    }

    [Fact]
    public async Task Choosing_a_seeded_buurt_and_skipping_streets_links_without_streets()
    {
        await H.GroupAsync(Anna, "/koppel");
        var askStreets = await H.GroupAsync(Anna, new ChoiceContent($"buurt:{await BuurtIdAsync("Souburgh")}"));
        Assert.Equal(AskStreets, askStreets.Last.Text);

        var done = await H.GroupAsync(Anna, new ChoiceContent("straten:skip"));

        Assert.Equal([GroupTexts.Linked.In("nl", "Souburgh")], done.Texts);
        var group = await GroupRowAsync();
        Assert.Equal("Souburgh", group.Buurt!.Name);
        Assert.Empty(group.Streets);
        Assert.Equal(ReferenceData.Buurten.Count, await H.DbAsync(db => db.Buurten.CountAsync(b => !b.IsDemo)));
    }

    [Fact]
    public async Task Relinking_by_a_moderator_says_they_already_were_one_and_grants_and_audits_nothing_twice()
    {
        async Task<Turn> LinkAsync(string buurt)
        {
            await H.GroupAsync(Anna, "/koppel");
            await H.GroupAsync(Anna, new ChoiceContent($"buurt:{await BuurtIdAsync(buurt)}"));
            return await H.GroupAsync(Anna, new ChoiceContent("straten:skip"));
        }

        var first = await LinkAsync("Souburgh");
        var again = await LinkAsync("Centrum");

        Assert.Equal([GroupTexts.Linked.In("nl", "Souburgh")], first.Texts);
        Assert.Equal([GroupTexts.Linked.In("nl", "Centrum") + "\n" + GroupTexts.AlreadyModerator.Nl], again.Texts);
        Assert.Equal([Anna.UserId], await ModeratorsAsync());
        Assert.Equal(1, await H.DbAsync(db => db.Set<Audit.AuditEntry>().CountAsync(a => a.Action == Audit.AuditActions.RoleGranted)));
        Assert.Equal(2, await H.DbAsync(db => db.Set<Audit.AuditEntry>().CountAsync(a => a.Action == Audit.AuditActions.GroupLinked)));
    }

    [Fact]
    public async Task Another_buurt_with_the_name_of_an_existing_one_reuses_it()
    {
        await AtStreetsOfNewBuurtAsync("centrum");
        await H.GroupAsync(Anna, "Markt");

        Assert.Equal("Centrum", (await GroupRowAsync()).Buurt!.Name);
        Assert.Equal(ReferenceData.Buurten.Count, await H.DbAsync(db => db.Buurten.CountAsync(b => !b.IsDemo)));
    }

    [Fact]
    public async Task Relinking_shows_the_current_buurt_and_keeps_one_moderator_role_per_person()
    {
        H.Channel.ListedAdmins.Add(Anna);
        await LinkAsync("Kinderdijk");

        var question = (await H.GroupAsync(Anna, "/koppel")).Last;
        Assert.Equal(GroupTexts.ChooseBuurtRelink.In("nl", "Kinderdijk"), question.Text);
        await H.GroupAsync(Anna, new ChoiceContent($"buurt:{await BuurtIdAsync("Blokweer")}"));
        await H.GroupAsync(Anna, "Lekdijk");

        Assert.Equal("Blokweer", (await GroupRowAsync()).Buurt!.Name);
        Assert.Equal([Anna.UserId], await ModeratorsAsync());
    }

    [Fact]
    public async Task Terug_goes_to_the_previous_question()
    {
        await AtStreetsOfNewBuurtAsync();

        var back = await H.GroupAsync(Anna, "terug");
        Assert.Equal([AskBuurtName], back.Texts);

        var backAgain = await H.GroupAsync(Anna, "Terug");
        Assert.Equal([GroupTexts.ChooseBuurt.Nl], backAgain.Texts);
    }

    [Fact]
    public async Task Terug_after_a_jump_returns_to_the_question_it_jumped_from()
    {
        await AtStreetsAsync();

        Assert.Equal([GroupTexts.ChooseBuurt.Nl], (await H.GroupAsync(Anna, "terug")).Texts);
    }

    [Fact]
    public async Task Terug_at_the_first_question_says_so_and_asks_it_again()
    {
        await H.GroupAsync(Anna, "/koppel");

        var turn = await H.GroupAsync(Anna, "terug");

        Assert.Equal([ConversationTexts.AlreadyFirstQuestion.Nl, GroupTexts.ChooseBuurt.Nl], turn.Texts);
        Assert.Equal(8, turn.Last.Choices.SelectMany(row => row).Count());
    }

    [Fact]
    public async Task Stop_cancels_and_stores_nothing()
    {
        await AtStreetsOfNewBuurtAsync();

        var turn = await H.GroupAsync(Anna, "STOP");

        Assert.Equal([ConversationTexts.Stopped.Nl], turn.Texts);
        var group = await GroupRowAsync();
        Assert.Null(group.BuurtId);
        Assert.Null(group.LinkedAt);
        Assert.Empty(await ModeratorsAsync());
        Assert.False(await H.DbAsync(db => db.Buurten.AnyAsync(b => b.Name == "Molenwijk")));
        Assert.Equal(0, await H.DbAsync(db => db.DialogStates.CountAsync()));
    }

    [Fact]
    public async Task Stop_as_a_command_cancels_too()
    {
        await H.GroupAsync(Anna, "/koppel");

        Assert.Equal([ConversationTexts.Stopped.Nl], (await H.GroupAsync(Anna, "/stop")).Texts);
        Assert.Equal(0, await H.DbAsync(db => db.DialogStates.CountAsync()));
    }

    [Fact]
    public async Task A_typed_button_label_counts_as_the_press()
    {
        await H.GroupAsync(Anna, "/koppel");

        var turn = await H.GroupAsync(Anna, "andere BUURT");

        Assert.Equal([AskBuurtName], turn.Texts);
    }

    [Fact]
    public async Task A_stale_button_gets_the_stale_message_and_the_same_question()
    {
        await AtStreetsAsync();

        var turn = await H.GroupAsync(Anna, new ChoiceContent($"buurt:{await BuurtIdAsync("Centrum")}"));

        Assert.Equal([ConversationTexts.StaleButton.Nl, AskStreets], turn.Texts);
        Assert.Equal(["straten:skip"], Data(turn.Last));
        Assert.Null((await GroupRowAsync()).BuurtId);
    }

    [Fact]
    public async Task Text_where_buttons_are_expected_asks_to_use_the_buttons()
    {
        await H.GroupAsync(Anna, "/koppel");

        var turn = await H.GroupAsync(Anna, "ergens bij de molens");

        Assert.Equal([ConversationTexts.UseTheButtons.Nl, GroupTexts.ChooseBuurt.Nl], turn.Texts);
    }

    [Fact]
    public async Task Too_long_and_empty_text_are_answered_and_the_step_repeats()
    {
        await AtStreetsAsync();

        var tooLong = await H.GroupAsync(Anna, new TextContent(new string('a', 4001)));
        Assert.Equal([ConversationTexts.TooLong.In("nl", 4001), AskStreets], tooLong.Texts);

        var empty = await H.GroupAsync(Anna, new TextContent("   "));
        Assert.Equal([ConversationTexts.EmptyText.Nl, AskStreets], empty.Texts);

        var unreadable = await H.GroupAsync(Anna, "a, b");
        Assert.Equal([GroupTexts.StreetsInvalid.Nl, AskStreets], unreadable.Texts);

        var sticker = await H.GroupAsync(Anna, new UnsupportedContent("sticker"));
        Assert.Equal([ConversationTexts.Unsupported.In("nl", "sticker"), AskStreets], sticker.Texts);

        Assert.Equal([GroupTexts.Linked.In("nl", "Souburgh") + "\n" + GroupTexts.LinkedStreets.In("nl", "Dam")], (await H.GroupAsync(Anna, "Dam")).Texts);
    }

    [Fact]
    public async Task A_buurt_name_that_is_too_short_is_refused()
    {
        await H.GroupAsync(Anna, "/koppel");
        await H.GroupAsync(Anna, new ChoiceContent("buurt:other"));

        Assert.Equal([GroupTexts.BuurtNameInvalid.Nl, AskBuurtName], (await H.GroupAsync(Anna, "X")).Texts);
    }

    [Fact]
    public async Task Two_people_in_one_group_each_have_their_own_dialog()
    {
        H.Channel.AdminUserIds.Add(Bram.UserId);
        await H.GroupAsync(Anna, "/koppel");
        await H.GroupAsync(Bram, "/koppel");
        await H.GroupAsync(Anna, "Souburgh");

        // Bram is still at the first question: the streets answer would be a buurt name for him.
        Assert.Equal([ConversationTexts.UseTheButtons.Nl, GroupTexts.ChooseBuurt.Nl], (await H.GroupAsync(Bram, "Dam")).Texts);
        Assert.Equal(2, await H.DbAsync(db => db.DialogStates.CountAsync()));
    }

    [Fact]
    public async Task A_restart_between_two_steps_resumes_at_the_same_step()
    {
        await AtStreetsOfNewBuurtAsync();

        await H.RestartAsync();

        var done = await H.GroupAsync(Anna, "Dam");
        Assert.Equal([GroupTexts.Linked.In("nl", "Molenwijk") + "\n" + GroupTexts.LinkedStreets.In("nl", "Dam") + "\n"
            + GroupTexts.ProposalPending.In("nl", "Molenwijk")], done.Texts);
        Assert.Equal("Molenwijk", (await GroupRowAsync()).Buurt!.Name);

        // The history survived too: a second run can walk back after a restart.
        await AtStreetsAsync();
        await H.RestartAsync();
        Assert.Equal([GroupTexts.ChooseBuurtRelink.In("nl", "Molenwijk")], (await H.GroupAsync(Anna, "terug")).Texts);
    }

    private async Task LinkAsync(string buurt)
    {
        await AtStreetsAsync(buurt);
        await H.GroupAsync(Anna, new ChoiceContent("straten:skip"));
    }

    /// <summary>Anna's /koppel, at the streets question after picking a listed buurt by typing its label.</summary>
    private async Task AtStreetsAsync(string buurt = "Souburgh")
    {
        await H.GroupAsync(Anna, "/koppel");
        await H.GroupAsync(Anna, buurt);
    }

    /// <summary>Anna's /koppel, at the streets question after naming a new buurt through "Andere buurt".</summary>
    private async Task AtStreetsOfNewBuurtAsync(string name = "Molenwijk")
    {
        await H.GroupAsync(Anna, "/koppel");
        await H.GroupAsync(Anna, new ChoiceContent("buurt:other"));
        await H.GroupAsync(Anna, name);
    }
}
