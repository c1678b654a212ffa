using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests;

public sealed class FaultTests : HarnessTests
{
    protected override Task<CoreHarness> StartAsync() => CoreHarness.StartAsync(services =>
        services.AddSingleton(new BotCommand("boem", new TextKey("Tests.Boem"), CommandScope.Anywhere, ctx =>
        {
            // Half a change: none of it may be committed.
            ctx.Member.Language = Languages.English;
            ctx.Say(MemberTexts.Welcome, "Anna");
            throw new InvalidOperationException("feature bug");
        })));

    [Fact]
    public async Task A_throwing_feature_gives_the_apology_records_the_update_and_rolls_back_its_changes()
    {
        await H.PrivateAsync(Anna, "/start");
        var message = H.Private(Anna, "/boem");

        var turn = await H.SendAsync(message);

        Assert.Equal(InboundOutcome.Processed, turn.Outcome);
        Assert.Equal([ConversationTexts.SomethingWentWrong.Nl], turn.Texts);
        Assert.True(await H.DbAsync(db => db.ProcessedUpdates.AnyAsync(u => u.Key == message.UpdateId)));
        Assert.Equal(Languages.Dutch, await H.DbAsync(db => db.Members.Select(m => m.Language).SingleAsync()));
        Assert.Equal(InboundOutcome.Duplicate, await H.HandleAsync(message));
        // The engine keeps working after the fault.
        Assert.Equal([MemberTexts.Welcome.In("nl", "Anna")], (await H.PrivateAsync(Anna, "/start")).Texts);
    }

    [Fact]
    public async Task A_throwing_feature_in_a_group_records_the_update_without_a_reply()
    {
        var message = H.Group(Anna, "/boem");

        var turn = await H.SendAsync(message);

        Assert.Equal(InboundOutcome.Processed, turn.Outcome);
        Assert.Empty(turn.Rows);
        Assert.True(await H.DbAsync(db => db.ProcessedUpdates.AnyAsync(u => u.Key == message.UpdateId)));
        Assert.Equal(0, await H.DbAsync(db => db.StreetGroups.CountAsync()));
    }
}
