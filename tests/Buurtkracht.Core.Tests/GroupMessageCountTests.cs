using Buurtkracht.Core.Groups;

namespace Buurtkracht.Core.Tests;

/// <summary>The group activity counter: what counts, once per update, on the local (Amsterdam) day.</summary>
public sealed class GroupMessageCountTests : HarnessTests
{
    private Task<List<(string ChatId, DateOnly Day, int Messages)>> CountsAsync() =>
        H.DbAsync(async db => (await db.Set<GroupMessageCount>()
                .Join(db.StreetGroups, c => c.GroupId, g => g.Id, (c, g) => new { g.ChatId, c.Day, c.Messages })
                .OrderBy(c => c.ChatId).ThenBy(c => c.Day).ToListAsync())
            .Select(c => (c.ChatId, c.Day, c.Messages)).ToList());

    [Fact]
    public async Task Everything_a_member_posts_in_a_group_counts_and_gets_no_reply_while_buttons_joins_and_bots_do_not()
    {
        var turns = new List<Turn>
        {
            // The first message of a group the bot never saw before: the group row and its count come in one turn.
            await H.GroupAsync(Anna, "Wie heeft mijn kat gezien?"),
            await H.GroupAsync(Bram, new PhotoContent("photo-1", 120_000, "Deze?")),
            await H.GroupAsync(Bram, new LocationContent(51.86, 4.66)),
            await H.GroupAsync(Carla, new UnsupportedContent("sticker")),
        };
        await H.GroupAsync(Carla, "/help");
        await H.GroupAsync(Anna, new ChoiceContent("onbekend:1"));
        await H.GroupAsync(Anna, new MembersJoinedContent([Dirk]));
        await H.GroupAsync(Dirk, new MemberLeftContent(Dirk));
        await H.GroupAsync(Bot, "Ik ben een andere bot");
        await H.GroupAsync(Anna, "In de andere groep", OtherGroupChatId);

        Assert.All(turns, turn => Assert.Empty(turn.Rows));
        var today = new DateOnly(2026, 11, 23);
        Assert.Equal([(GroupChatId, today, 5), (OtherGroupChatId, today, 1)], await CountsAsync());
    }

    [Fact]
    public async Task A_redelivered_update_counts_once_and_private_chats_count_nothing()
    {
        var message = H.Group(Anna, "Goedemorgen buren!");

        Assert.Equal(InboundOutcome.Processed, await H.HandleAsync(message));
        Assert.Equal(InboundOutcome.Duplicate, await H.HandleAsync(message));
        await H.RestartAsync();
        Assert.Equal(InboundOutcome.Duplicate, await H.HandleAsync(message));
        await H.PrivateAsync(Anna, "Hallo bot");
        await H.PrivateAsync(Anna, "/help");

        Assert.Equal(1, Assert.Single(await CountsAsync()).Messages);
    }

    [Fact]
    public async Task Messages_arriving_at_once_are_each_counted_once_also_when_a_batch_holds_the_same_update_twice()
    {
        await H.GroupAsync(Anna, "Eerste bericht");
        await H.GroupAsync(Anna, "Eerste bericht hier", OtherGroupChatId);
        var messages = Enumerable.Range(1, 30)
            .Select(i => H.Group(i % 2 == 0 ? Bram : Carla, $"Bericht {i}", i % 3 == 0 ? OtherGroupChatId : GroupChatId)).ToList();

        // The engine commits the turns that queue up together in one transaction, a savepoint per turn.
        var outcomes = await Task.WhenAll(messages.Concat(messages).Select(H.HandleAsync));

        Assert.Equal(30, outcomes.Count(o => o == InboundOutcome.Processed));
        Assert.Equal(30, outcomes.Count(o => o == InboundOutcome.Duplicate));
        var today = new DateOnly(2026, 11, 23);
        Assert.Equal([(GroupChatId, today, 21), (OtherGroupChatId, today, 11)], await CountsAsync());
    }

    [Theory]
    // Winter time (UTC+1): 23:30 UTC on 31 October is already 00:30 on 1 November in Alblasserdam.
    [InlineData("2026-10-31T22:59:00Z", "2026-10-31")]
    [InlineData("2026-10-31T23:30:00Z", "2026-11-01")]
    // Summer time (UTC+2): 22:30 UTC is 00:30 the next day.
    [InlineData("2026-07-14T21:59:00Z", "2026-07-14")]
    [InlineData("2026-07-14T22:30:00Z", "2026-07-15")]
    // The autumn switch on 25 October: a day of 25 hours, from 22:00 UTC the day before to 23:00 UTC.
    [InlineData("2026-10-24T22:00:00Z", "2026-10-25")]
    [InlineData("2026-10-25T22:59:00Z", "2026-10-25")]
    [InlineData("2026-10-25T23:00:00Z", "2026-10-26")]
    // The spring switch on 28 March 2027: a day of 23 hours, from 23:00 UTC the day before to 22:00 UTC.
    [InlineData("2027-03-27T22:59:00Z", "2027-03-27")]
    [InlineData("2027-03-27T23:00:00Z", "2027-03-28")]
    [InlineData("2027-03-28T21:59:00Z", "2027-03-28")]
    [InlineData("2027-03-28T22:00:00Z", "2027-03-29")]
    public async Task A_message_counts_for_the_day_on_the_clock_in_Alblasserdam(string utc, string localDay)
    {
        H.Clock.SetUtcNow(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

        await H.GroupAsync(Anna, "Hoi");
        await H.GroupAsync(Bram, "Hoi Anna");

        Assert.Equal([(GroupChatId, DateOnly.Parse(localDay, System.Globalization.CultureInfo.InvariantCulture), 2)], await CountsAsync());
    }

    [Fact]
    public async Task Messages_either_side_of_local_midnight_land_on_two_days()
    {
        H.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 31, 22, 45, 0, TimeSpan.Zero));
        await H.GroupAsync(Anna, "Nog even wakker");
        H.Clock.Advance(TimeSpan.FromMinutes(30));
        await H.GroupAsync(Bram, "Ik ook");
        await H.GroupAsync(Anna, "Slaap lekker");

        Assert.Equal([(GroupChatId, new DateOnly(2026, 10, 31), 1), (GroupChatId, new DateOnly(2026, 11, 1), 2)], await CountsAsync());
    }
}
