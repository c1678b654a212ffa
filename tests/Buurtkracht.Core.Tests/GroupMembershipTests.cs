using Buurtkracht.Core.Groups;

namespace Buurtkracht.Core.Tests;

public sealed class GroupMembershipTests : HarnessTests
{
    private Task<List<GroupMembership>> MembershipsAsync(Sender who) =>
        H.DbAsync(db => db.GroupMemberships.Where(m => m.Member!.ChannelUserId == who.UserId).OrderBy(m => m.Id).ToListAsync());

    private Task<StreetGroup> GroupRowAsync() => H.DbAsync(db => db.StreetGroups.SingleAsync(g => g.ChatId == GroupChatId));

    [Fact]
    public async Task Joined_members_get_an_open_membership_and_bots_are_left_out()
    {
        var turn = await H.GroupAsync(Anna, new MembersJoinedContent([Bram, Carla, Bot]));

        Assert.Empty(turn.Rows);
        Assert.Single(await MembershipsAsync(Anna));
        Assert.Null(Assert.Single(await MembershipsAsync(Bram)).LeftAt);
        Assert.Single(await MembershipsAsync(Carla));
        Assert.False(await H.DbAsync(db => db.Members.AnyAsync(m => m.ChannelUserId == Bot.UserId)));
    }

    [Fact]
    public async Task Leaving_then_rejoining_gives_two_rows_the_first_one_closed()
    {
        await H.GroupAsync(Bram, new MembersJoinedContent([Bram]));
        H.Clock.Advance(TimeSpan.FromDays(3));
        var leftAt = H.Clock.GetUtcNow();
        await H.GroupAsync(Bram, new MemberLeftContent(Bram));
        H.Clock.Advance(TimeSpan.FromDays(3));
        await H.GroupAsync(Bram, new MembersJoinedContent([Bram]));
        await H.GroupAsync(Bram, "Ik ben er weer!");

        var rows = await MembershipsAsync(Bram);
        Assert.Equal(2, rows.Count);
        Assert.Equal(leftAt, rows[0].LeftAt);
        Assert.Null(rows[1].LeftAt);
        Assert.Equal(H.Clock.GetUtcNow(), rows[1].JoinedAt);
    }

    [Fact]
    public async Task A_member_removed_by_someone_else_leaves_and_the_remover_stays()
    {
        await H.GroupAsync(Anna, new MembersJoinedContent([Bram]));

        await H.GroupAsync(Anna, new MemberLeftContent(Bram));

        Assert.NotNull(Assert.Single(await MembershipsAsync(Bram)).LeftAt);
        Assert.Null(Assert.Single(await MembershipsAsync(Anna)).LeftAt);
    }

    [Fact]
    public async Task Bot_removed_marks_the_group_inactive_and_bot_added_greets_and_reactivates_it()
    {
        var added = await H.GroupAsync(Anna, new BotAddedContent());
        Assert.Equal([GroupTexts.Greeting.Nl], added.Texts);
        Assert.True((await GroupRowAsync()).IsActive);

        H.Clock.Advance(TimeSpan.FromHours(1));
        var removed = await H.GroupAsync(Anna, new BotRemovedContent());
        Assert.Empty(removed.Rows);
        var inactive = await GroupRowAsync();
        Assert.False(inactive.IsActive);
        Assert.Equal(H.Clock.GetUtcNow(), inactive.DeactivatedAt);

        var back = await H.GroupAsync(Anna, new BotAddedContent());
        Assert.Equal([GroupTexts.Greeting.Nl], back.Texts);
        var active = await GroupRowAsync();
        Assert.True(active.IsActive);
        Assert.Null(active.DeactivatedAt);
        Assert.Equal(GroupTitle, active.Title);
    }

    [Fact]
    public async Task Bot_removed_in_private_means_blocked_and_writing_again_clears_it()
    {
        await H.PrivateAsync(Anna, "/start");
        await H.PrivateAsync(Anna, new BotRemovedContent());
        Assert.True(await H.DbAsync(db => db.Members.Select(m => m.PrivateChatUnreachable).SingleAsync()));

        await H.PrivateAsync(Anna, "/start");
        Assert.False(await H.DbAsync(db => db.Members.Select(m => m.PrivateChatUnreachable).SingleAsync()));
    }
}
