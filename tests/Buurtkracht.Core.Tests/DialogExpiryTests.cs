using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests;

public sealed class DialogExpiryTests : HarnessTests
{
    private static readonly TimeSpan PastExpiry = TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1);

    protected override async Task<CoreHarness> StartAsync()
    {
        var h = await CoreHarness.StartAsync();
        h.Channel.AdminUserIds.Add(Bram.UserId);
        return h;
    }

    private async Task<int> RunMaintenanceAsync()
    {
        await using var scope = H.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<ConversationMaintenanceJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Just_before_the_expiry_the_dialog_goes_on()
    {
        await H.PrivateAsync(Anna, "/taal");
        H.Clock.Advance(TimeSpan.FromHours(24));

        Assert.Equal([MemberTexts.LanguageSet.En], (await H.PrivateAsync(Anna, new ChoiceContent("taal:en"))).Texts);
    }

    [Fact]
    public async Task After_the_expiry_the_next_message_gets_the_expired_notice_and_is_not_taken_as_an_answer()
    {
        await H.PrivateAsync(Anna, "/taal");
        H.Clock.Advance(PastExpiry);

        var turn = await H.PrivateAsync(Anna, new ChoiceContent("taal:en"));

        Assert.Equal([ConversationTexts.Expired.Nl], turn.Texts);
        Assert.Equal(Languages.Dutch, await H.DbAsync(db => db.Members.Select(m => m.Language).SingleAsync()));
        Assert.Equal(0, await H.DbAsync(db => db.DialogStates.CountAsync()));
        Assert.Equal([ConversationTexts.ButtonExpired.Nl], (await H.PrivateAsync(Anna, new ChoiceContent("taal:en"))).Texts);
    }

    [Fact]
    public async Task An_expired_dialog_in_a_group_ends_quietly()
    {
        await H.GroupAsync(Bram, "/koppel");
        H.Clock.Advance(PastExpiry);

        Assert.Empty((await H.GroupAsync(Bram, "Souburgh")).Rows);
        Assert.Equal(0, await H.DbAsync(db => db.DialogStates.CountAsync()));
    }

    [Fact]
    public async Task Maintenance_expires_old_dialogs_with_a_notice_in_private_chats_only()
    {
        await H.PrivateAsync(Anna, "/taal");
        await H.PrivateAsync(Bram, "/start");
        await H.GroupAsync(Bram, "/koppel");
        H.Clock.Advance(TimeSpan.FromHours(12));
        await H.PrivateAsync(Carla, "/taal");
        H.Clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));

        Assert.Equal(2, await RunMaintenanceAsync());

        Assert.Equal(ConversationTexts.Expired.Nl, (await H.OutboxTextsAsync(Anna.UserId)).Last());
        // Bram's private chat is known, but his expired dialog was in the group: neither chat hears of it.
        Assert.DoesNotContain(ConversationTexts.Expired.Nl, await H.OutboxTextsAsync(Bram.UserId));
        Assert.DoesNotContain(ConversationTexts.Expired.Nl, await H.OutboxTextsAsync(GroupChatId));
        Assert.Equal([Carla.UserId], await H.DbAsync(db => db.DialogStates.Select(s => s.UserId).ToListAsync()));
    }

    [Fact]
    public async Task Maintenance_sends_no_notice_to_a_private_chat_that_blocked_the_bot()
    {
        await H.PrivateAsync(Anna, "/taal");
        await H.PrivateAsync(Anna, new BotRemovedContent());
        H.Clock.Advance(PastExpiry);

        Assert.Equal(1, await RunMaintenanceAsync());
        Assert.DoesNotContain(ConversationTexts.Expired.Nl, await H.OutboxTextsAsync(Anna.UserId));
    }

    [Fact]
    public async Task Maintenance_forgets_old_processed_updates_so_only_recent_redeliveries_are_duplicates()
    {
        var old = H.Private(Anna, "/privacy");
        await H.HandleAsync(old);
        H.Clock.Advance(TimeSpan.FromDays(6));
        var recent = H.Private(Anna, "/privacy");
        await H.HandleAsync(recent);
        H.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        await RunMaintenanceAsync();

        Assert.Equal([recent.UpdateId], await H.DbAsync(db => db.ProcessedUpdates.Select(u => u.Key).ToListAsync()));
        Assert.Equal(InboundOutcome.Duplicate, await H.HandleAsync(recent));
        Assert.Equal(InboundOutcome.Processed, await H.HandleAsync(old));
    }
}
