using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Members;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Tests;

/// <summary>The writer loop reads the member row with its own statement on SQLite; a column added to the model must be read there too.</summary>
public sealed class TurnStatementsModelTests : HarnessTests
{
    [Fact]
    public async Task The_member_statement_reads_every_column_of_the_model()
    {
        var columns = await H.DbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(Member))!.GetProperties()
            .Select(p => p.GetColumnName()).Order().ToList()));

        Assert.Equal(columns, TurnStatements.MemberColumns.Concat(["Channel", "ChannelUserId"]).Order().ToList());
    }

    [Fact]
    public async Task A_member_read_in_a_turn_is_tracked_and_saved_like_a_queried_one()
    {
        await H.PrivateAsync(Anna, "/start");
        var renamed = Anna with { DisplayName = "Anna Jansen" };

        await H.PrivateAsync(renamed, "/help");

        var member = await H.DbAsync(db => db.Members.SingleAsync());
        Assert.Equal("Anna Jansen", member.DisplayName);
        Assert.Equal(Anna.UserId, member.ChannelUserId);
        Assert.Equal(Languages.Dutch, member.Language);
        Assert.NotNull(member.PrivateChatId);
    }
}
