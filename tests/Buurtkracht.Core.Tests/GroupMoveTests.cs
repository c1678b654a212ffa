using Buurtkracht.Core.Groups;

namespace Buurtkracht.Core.Tests;

/// <summary>A Telegram group upgraded to a supergroup gets a new chat id; the street group must follow it.</summary>
public sealed class GroupMoveTests : HarnessTests
{
    private const string SupergroupChatId = "-1009001";

    private InboundMessage Moved(string reportedIn) =>
        H.Group(Anna, new GroupMovedContent(GroupChatId, SupergroupChatId), reportedIn);

    /// <summary>The bot in the group (its greeting sent), Anna and Bram in it, the group linked to a buurt; returns the group's row id.</summary>
    private async Task<int> LinkedGroupAsync()
    {
        await H.GroupAsync(Anna, new BotAddedContent());
        await H.GroupAsync(Bram, "Goedemorgen");
        return await H.DbAsync(async db =>
        {
            var group = await db.StreetGroups.SingleAsync(g => g.ChatId == GroupChatId);
            group.BuurtId = (await db.Buurten.OrderBy(b => b.Id).FirstAsync()).Id;
            group.LinkedAt = H.Clock.GetUtcNow();
            await db.SaveChangesAsync();
            // The greeting is out of the way: each test sends exactly what it enqueues.
            await db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OutboxStatus.Sent));
            return group.Id;
        });
    }

    private Task<List<StreetGroup>> GroupsAsync() =>
        H.DbAsync(db => db.StreetGroups.Include(g => g.Memberships).OrderBy(g => g.Id).ToListAsync());

    [Fact]
    public async Task Both_service_messages_re_address_the_linked_group_once_and_keep_everything_else()
    {
        var id = await LinkedGroupAsync();
        var before = Assert.Single(await GroupsAsync());
        var waiting = await H.EnqueueAsync(GroupChatId, ChatKind.Group, "Herinnering: buurtschoonmaak");

        var inOld = await H.SendAsync(Moved(reportedIn: GroupChatId));
        var inNew = await H.SendAsync(Moved(reportedIn: SupergroupChatId));

        Assert.Equal((InboundOutcome.Processed, InboundOutcome.Processed), (inOld.Outcome, inNew.Outcome));
        Assert.Empty(inOld.Rows.Concat(inNew.Rows));
        var after = Assert.Single(await GroupsAsync());
        Assert.Equal((id, SupergroupChatId), (after.Id, after.ChatId));
        Assert.Equal((before.BuurtId, before.LinkedAt, before.IsActive), (after.BuurtId, after.LinkedAt, after.IsActive));
        Assert.Equal(before.Memberships.Select(m => m.MemberId), after.Memberships.Select(m => m.MemberId));
        Assert.Equal(SupergroupChatId, (await H.OutboxRowAsync(waiting)).ChatId);
    }

    [Fact]
    public async Task A_separate_unlinked_row_for_the_new_id_is_retired_and_the_linked_group_takes_the_new_id()
    {
        var id = await LinkedGroupAsync();
        // Carla wrote in the supergroup before the bot learned of the move: a row of its own for the new id.
        await H.GroupAsync(Carla, "Hallo allemaal", SupergroupChatId);

        await H.SendAsync(Moved(reportedIn: SupergroupChatId));

        var groups = await GroupsAsync();
        var linked = groups.Single(g => g.ChatId == SupergroupChatId);
        Assert.Equal(id, linked.Id);
        Assert.NotNull(linked.BuurtId);
        Assert.True(linked.IsActive);
        Assert.Equal(3, linked.Memberships.Count(m => m.LeftAt == null));
        var retired = groups.Single(g => g.Id != id);
        Assert.False(retired.IsActive);
        Assert.StartsWith("retired:", retired.ChatId);
        Assert.DoesNotContain(groups, g => g.ChatId == GroupChatId);
    }

    [Fact]
    public async Task When_only_the_row_for_the_new_id_is_linked_it_stays_and_the_old_row_is_retired_on_its_dead_id()
    {
        await H.GroupAsync(Anna, "Hallo");
        await H.GroupAsync(Carla, "Hallo allemaal", SupergroupChatId);
        var linkedId = await H.DbAsync(async db =>
        {
            var group = await db.StreetGroups.SingleAsync(g => g.ChatId == SupergroupChatId);
            group.BuurtId = (await db.Buurten.OrderBy(b => b.Id).FirstAsync()).Id;
            await db.SaveChangesAsync();
            return group.Id;
        });

        await H.SendAsync(Moved(reportedIn: GroupChatId));

        var groups = await GroupsAsync();
        var linked = groups.Single(g => g.Id == linkedId);
        Assert.Equal((SupergroupChatId, true, 2), (linked.ChatId, linked.IsActive, linked.Memberships.Count));
        var old = groups.Single(g => g.Id != linkedId);
        Assert.Equal((GroupChatId, false), (old.ChatId, old.IsActive));
    }

    [Fact]
    public async Task A_send_answered_moved_re_addresses_the_group_and_its_pending_rows_in_order_without_counting_an_attempt()
    {
        var id = await LinkedGroupAsync();
        var first = await H.EnqueueAsync(GroupChatId, ChatKind.Group, "een");
        await H.EnqueueAsync(GroupChatId, ChatKind.Group, "twee");
        await H.EnqueueAsync(GroupChatId, ChatKind.Group, "drie");
        H.Channel.Then(new SendResult.Moved(SupergroupChatId, "400 group chat was upgraded to a supergroup chat"));

        for (var round = 0; round < 4; round++) await H.DispatchAsync();

        Assert.Equal([GroupChatId], H.Channel.Sends.Where(s => s.ChatId != SupergroupChatId).Select(s => s.ChatId));
        Assert.Equal(["een", "twee", "drie"], H.Channel.Sends.Where(s => s.ChatId == SupergroupChatId).Select(s => s.Message.Text));
        var row = await H.OutboxRowAsync(first);
        Assert.Equal((OutboxStatus.Sent, 1, SupergroupChatId), (row.Status, row.Attempts, row.ChatId));
        var group = Assert.Single(await GroupsAsync());
        Assert.Equal((id, SupergroupChatId, true), (group.Id, group.ChatId, group.IsActive));
    }

    [Fact]
    public async Task An_edit_of_a_message_left_in_the_old_chat_is_dropped_once_and_the_group_goes_on()
    {
        await LinkedGroupAsync();
        var announcement = await H.EnqueueAsync(GroupChatId, ChatKind.Group, "Wie komt er? 3 ja");
        await H.DispatchAsync();
        await H.SendAsync(Moved(reportedIn: GroupChatId));
        var edit = await H.EnqueueAsync(SupergroupChatId, ChatKind.Group, new OutgoingMessage { Text = "Wie komt er? 4 ja", EditsOutboxId = announcement });
        await H.EnqueueAsync(SupergroupChatId, ChatKind.Group, "Tot zaterdag");

        for (var round = 0; round < 3; round++) await H.DispatchAsync();

        Assert.Equal(["Wie komt er? 3 ja", "Tot zaterdag"], H.Channel.Sends.Select(s => s.Message.Text));
        var dropped = await H.OutboxRowAsync(edit);
        Assert.Equal((OutboxStatus.Unreachable, 0), (dropped.Status, dropped.Attempts));
        Assert.True(Assert.Single(await GroupsAsync()).IsActive);
    }

    [Fact]
    public async Task A_pending_edit_to_the_old_chat_answered_moved_is_dropped_while_the_rest_follows_the_group()
    {
        await LinkedGroupAsync();
        var announcement = await H.EnqueueAsync(GroupChatId, ChatKind.Group, "Wie komt er? 3 ja");
        await H.DispatchAsync();
        var edit = await H.EnqueueAsync(GroupChatId, ChatKind.Group, new OutgoingMessage { Text = "Wie komt er? 4 ja", EditsOutboxId = announcement });
        var next = await H.EnqueueAsync(GroupChatId, ChatKind.Group, "Tot zaterdag");
        H.Channel.Then(new SendResult.Moved(SupergroupChatId, "400 group chat was upgraded to a supergroup chat"));

        for (var round = 0; round < 3; round++) await H.DispatchAsync();

        Assert.Equal(OutboxStatus.Unreachable, (await H.OutboxRowAsync(edit)).Status);
        var sent = await H.OutboxRowAsync(next);
        Assert.Equal((OutboxStatus.Sent, SupergroupChatId), (sent.Status, sent.ChatId));
        Assert.Equal(SupergroupChatId, Assert.Single(await GroupsAsync()).ChatId);
    }
}
