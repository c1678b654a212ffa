using Buurtkracht.Core.Events;
using Buurtkracht.Core.Audit;
using Buurtkracht.Core.Broadcasts;
using Buurtkracht.Core.Members;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Core.Tests.Broadcasts;

/// <summary>/omroep and the broadcast service: who may, the preview, the fan-out, scheduling, cancelling and the delivery report.</summary>
public sealed class BroadcastTests : HarnessTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    protected override async Task<CoreHarness> StartAsync()
    {
        var h = await CoreHarness.StartAsync();
        h.Clock.SetUtcNow(Start);
        return h;
    }

    private BroadcastService Service => H.Services.GetRequiredService<BroadcastService>();

    /// <summary>Two street groups (Anna and Bram spoke in them), Carla is a coördinator with a private chat.</summary>
    private async Task SetUpAsync()
    {
        await H.GroupAsync(Anna, "Hallo buren");
        await H.GroupAsync(Bram, "Hoi", OtherGroupChatId);
        await H.PrivateAsync(Carla, "/start");
        await GrantAsync(Carla, Role.Coordinator);
    }

    private Task GrantAsync(Sender who, Role role, int? groupId = null) =>
        H.DbAsync(async db =>
        {
            var member = await db.Members.SingleAsync(m => m.ChannelUserId == who.UserId);
            db.RoleAssignments.Add(new RoleAssignment { MemberId = member.Id, Role = role, GroupId = groupId, GrantedAt = Start, GrantedBy = "test" });
            await db.SaveChangesAsync();
        });

    private Task<int> GroupIdAsync(string chatId) => H.DbAsync(db => db.StreetGroups.Where(g => g.ChatId == chatId).Select(g => g.Id).SingleAsync());

    private Task<BroadcastService.SweepResult> SweepAsync() => H.DbAsync(db => Service.SweepAsync(db, H.Clock.GetUtcNow()));

    private async Task<Broadcast> CreateAsync(BroadcastAudienceKind audience, IReadOnlyList<int> ids, string text, DateTimeOffset? at) =>
        await H.DbAsync(async db =>
        {
            var b = await Service.CreateAsync(db, new BroadcastDraft(audience, ids, text, null, null, "cli", null, at), H.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            return b;
        });

    private Task<Broadcast> BroadcastAsync(int id) => H.DbAsync(db => db.Set<Broadcast>().SingleAsync(b => b.Id == id));

    [Fact]
    public async Task A_resident_or_a_moderator_who_tries_omroep_is_refused_politely()
    {
        await SetUpAsync();
        await H.PrivateAsync(Anna, "/start");
        await H.PrivateAsync(Bram, "/start");
        await GrantAsync(Bram, Role.Moderator, await GroupIdAsync(OtherGroupChatId));

        Assert.Equal([BroadcastTexts.OnlyCoordinators.Nl], (await H.PrivateAsync(Anna, "/omroep")).Texts);
        Assert.Equal([BroadcastTexts.OnlyCoordinators.Nl], (await H.PrivateAsync(Bram, "/omroep")).Texts);
        Assert.Equal(0, await H.DbAsync(db => db.DialogStates.CountAsync()));
        Assert.Equal(0, await H.DbAsync(db => db.Set<Broadcast>().CountAsync()));
    }

    [Fact]
    public async Task A_coordinator_previews_exactly_what_the_groups_get_sends_now_and_gets_the_delivery_report()
    {
        await SetUpAsync();

        Assert.Equal(BroadcastTexts.AskAudience.Nl, (await H.PrivateAsync(Carla, "/omroep")).Last.Text);
        Assert.Equal(BroadcastTexts.AskText.Nl, (await H.PrivateAsync(Carla, new ChoiceContent("omroep:all"))).Last.Text);
        Assert.Equal(BroadcastTexts.AskPhoto.Nl, (await H.PrivateAsync(Carla, "Zaterdag is de buurtschoonmaak. Doe je mee?")).Last.Text);
        Assert.Equal(BroadcastTexts.AskLink.Nl, (await H.PrivateAsync(Carla, new ChoiceContent("omroep:geenfoto"))).Last.Text);
        Assert.Equal(BroadcastTexts.LinkInvalid.Nl, (await H.PrivateAsync(Carla, "www.swa.nl")).Texts[0]);
        var preview = await H.PrivateAsync(Carla, "https://swa.example/schoonmaak");
        Assert.Equal(3, preview.Replies.Count);
        Assert.Equal(BroadcastTexts.PreviewIntro.Nl, preview.Texts[0]);
        var shown = preview.Replies[1];
        Assert.Equal("Zaterdag is de buurtschoonmaak. Doe je mee?\n\nhttps://swa.example/schoonmaak", shown.Text);
        Assert.Equal(BroadcastTexts.AskWhen.Nl, preview.Last.Text);

        var confirm = await H.PrivateAsync(Carla, new ChoiceContent("omroep:nu"));
        Assert.Equal(BroadcastTexts.ConfirmNow.In("nl", "2 chats"), confirm.Last.Text);
        var sent = await H.PrivateAsync(Carla, new ChoiceContent("omroep:ja"));

        // One row per group, written in the same turn, with exactly the preview's payload.
        var groupRows = sent.Rows.Where(r => r.ChatKind == ChatKind.Group).ToList();
        Assert.Equal([GroupChatId, OtherGroupChatId], groupRows.Select(r => r.ChatId).Order());
        Assert.All(groupRows, r => Assert.Equal(preview.Rows[1].PayloadJson, r.PayloadJson));
        Assert.Contains(sent.Texts, t => t.StartsWith("Je bericht (nummer 1) gaat nu naar 2 chats", StringComparison.Ordinal));

        // No report while rows are pending; once the dispatcher sent them, the sweep reports privately.
        Assert.Equal(0, (await SweepAsync()).Reported);
        await H.DispatchAsync();
        Assert.Equal(1, (await SweepAsync()).Reported);
        var report = (await H.OutboxTextsAsync(Carla.UserId)).Last();
        Assert.Equal(BroadcastTexts.Report.In("nl", 1, 2, 2, 0, 0), report);
        var done = await BroadcastAsync(1);
        Assert.Equal((BroadcastStatus.Done, 2, 2, 0, 0), (done.Status, done.Targets, done.Delivered, done.Failed, done.Unreachable));
        Assert.Equal(0, (await SweepAsync()).Reported);

        var audit = await H.DbAsync(db => db.Set<AuditEntry>().SingleAsync(a => a.Action == AuditActions.BroadcastSent));
        Assert.Equal("telegram:" + Carla.UserId, audit.Actor);
        Assert.Equal(Start, audit.At);
        Assert.DoesNotContain("buurtschoonmaak", audit.Details);
    }

    [Fact]
    public async Task A_scheduled_broadcast_can_be_cancelled_until_it_starts_and_another_goes_out_at_its_time()
    {
        await SetUpAsync();
        var cancelled = await CreateAsync(BroadcastAudienceKind.AllGroups, [], "Gaat niet door", Start.AddHours(1));
        var later = await CreateAsync(BroadcastAudienceKind.AllGroups, [], "Kom naar de buurtavond", Start.AddHours(2));
        Assert.Equal(BroadcastStatus.Scheduled, cancelled.Status);
        Assert.Equal(0, await H.DbAsync(db => db.OutboxMessages.CountAsync(o => o.ChatKind == ChatKind.Group)));

        var sweep = await SweepAsync();
        Assert.Equal((0, Start.AddHours(1)), (sweep.Started, sweep.NextDue));

        Assert.True(await H.DbAsync(db => Service.CancelAsync(db, cancelled.Id, "cli", H.Clock.GetUtcNow())));
        Assert.False(await H.DbAsync(db => Service.CancelAsync(db, cancelled.Id, "cli", H.Clock.GetUtcNow())));

        H.Clock.SetUtcNow(Start.AddHours(1).AddMinutes(1));
        Assert.Equal((0, Start.AddHours(2)), ((await SweepAsync()).Started, (await SweepAsync()).NextDue));
        Assert.Equal(0, await H.DbAsync(db => db.OutboxMessages.CountAsync(o => o.ChatKind == ChatKind.Group)));

        H.Clock.SetUtcNow(Start.AddHours(2));
        Assert.Equal(1, (await SweepAsync()).Started);
        var rows = await H.DbAsync(db => db.OutboxMessages.Where(o => o.ChatKind == ChatKind.Group).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("Kom naar de buurtavond", Outbox.ReadPayload(r).Text));
        Assert.False(await H.DbAsync(db => Service.CancelAsync(db, later.Id, "cli", H.Clock.GetUtcNow())));
        Assert.Equal(BroadcastStatus.Cancelled, (await BroadcastAsync(cancelled.Id)).Status);

        var actions = await H.DbAsync(db => db.Set<AuditEntry>().OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.BroadcastScheduled, AuditActions.BroadcastScheduled, AuditActions.BroadcastCancelled, AuditActions.BroadcastSent], actions);
    }

    [Fact]
    public async Task A_broadcast_to_a_removed_group_is_reported_unreachable_and_not_retried()
    {
        await SetUpAsync();
        var removed = await GroupIdAsync(OtherGroupChatId);
        var kicked = await GroupIdAsync(GroupChatId);
        await H.DbAsync(db => db.StreetGroups.Where(g => g.Id == removed)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.IsActive, false).SetProperty(g => g.DeactivatedAt, Start)));
        // The bot was removed from the other group too, but nobody told it: the platform refuses the send.
        await H.DispatchAsync();
        H.Channel.Then(new SendResult.Unreachable("403 bot was kicked"));

        var member = await H.DbAsync(db => db.Members.SingleAsync(m => m.ChannelUserId == Carla.UserId));
        var broadcast = await H.DbAsync(async db =>
        {
            var b = await Service.CreateAsync(db, new BroadcastDraft(BroadcastAudienceKind.Groups, [kicked, removed], "Hallo", null, null,
                "telegram:" + Carla.UserId, member.Id, null), H.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            return b;
        });
        // Only the group believed active gets a row; the removed one is never sent to.
        Assert.Equal(1, await H.DbAsync(db => db.OutboxMessages.CountAsync(o => o.ChatKind == ChatKind.Group)));

        await H.DispatchAsync();
        H.Clock.Advance(TimeSpan.FromMinutes(10));
        await H.DispatchAsync();
        Assert.Single(H.Channel.Sends, s => s.ChatId == GroupChatId);
        Assert.Equal(1, (await SweepAsync()).Reported);

        var done = await BroadcastAsync(broadcast.Id);
        Assert.Equal((BroadcastStatus.Done, 2, 0, 0, 2), (done.Status, done.Targets, done.Delivered, done.Failed, done.Unreachable));
        Assert.Equal(BroadcastTexts.Report.In("nl", broadcast.Id, 2, 0, 0, 2), (await H.OutboxTextsAsync(Carla.UserId)).Last());
        Assert.False(await H.DbAsync(db => db.StreetGroups.Where(g => g.Id == kicked).Select(g => g.IsActive).SingleAsync()));
    }

    [Fact]
    public async Task Moderators_only_goes_privately_to_each_moderator_and_one_without_a_private_chat_counts_unreachable()
    {
        await SetUpAsync();
        await H.PrivateAsync(Anna, "/start");
        await GrantAsync(Anna, Role.Moderator, await GroupIdAsync(GroupChatId));
        await GrantAsync(Bram, Role.Moderator, await GroupIdAsync(OtherGroupChatId));

        var targets = await H.DbAsync(db => Service.ResolveAsync(db, BroadcastAudienceKind.Moderators, []));

        Assert.Equal(2, targets.Count);
        Assert.Equal([new ChatAddress(ChannelKind.Telegram, Anna.UserId)], targets.Where(t => t.Chat is not null).Select(t => t.Chat!.Value));
        Assert.All(targets, t => Assert.Equal(ChatKind.Private, t.Kind));
    }

    [Fact]
    public async Task A_coordinator_schedules_in_the_chat_at_a_local_time_and_cancels_with_the_button_a_resident_cannot()
    {
        await SetUpAsync();
        await H.PrivateAsync(Carla, "/omroep");
        await H.PrivateAsync(Carla, new ChoiceContent("omroep:groups"));
        var groupId = await GroupIdAsync(GroupChatId);
        Assert.Equal(BroadcastTexts.GroupsInvalid.Nl, (await H.PrivateAsync(Carla, "99")).Texts[0]);
        await H.PrivateAsync(Carla, groupId.ToString());
        await H.PrivateAsync(Carla, "Buurtavond dinsdag in het buurthuis");
        await H.PrivateAsync(Carla, new ChoiceContent("omroep:geenfoto"));
        await H.PrivateAsync(Carla, new ChoiceContent("omroep:geenlink"));
        // The example is a week ahead, so typing it as shown works.
        var example = SpokenTime.ExampleDate(EventTime.ToLocal(H.Clock.GetUtcNow()));
        Assert.Equal(BroadcastTexts.AskTime.In("nl", example), (await H.PrivateAsync(Carla, new ChoiceContent("omroep:later"))).Last.Text);
        Assert.Equal(BroadcastTexts.TimeInvalid.In("nl", example), (await H.PrivateAsync(Carla, "19-11-2026 10:00")).Texts[0]);
        var confirm = await H.PrivateAsync(Carla, "24-11-2026 19:30");
        Assert.StartsWith("Je stuurt het bericht op ", confirm.Last.Text);
        Assert.EndsWith(" naar 1 chat. Klopt dat?", confirm.Last.Text);
        var done = await H.PrivateAsync(Carla, new ChoiceContent("omroep:ja"));

        var scheduled = await BroadcastAsync(1);
        // 19:30 in Amsterdam in November (winter time) is 18:30 UTC.
        Assert.Equal((BroadcastStatus.Scheduled, new DateTimeOffset(2026, 11, 24, 18, 30, 0, TimeSpan.Zero)), (scheduled.Status, scheduled.SendAt));
        Assert.Equal(0, await H.DbAsync(db => db.OutboxMessages.CountAsync(o => o.ChatKind == ChatKind.Group)));
        var cancel = Assert.Single(done.Last.Choices.SelectMany(row => row));
        Assert.Equal("omroepx:1", cancel.Data);

        await H.PrivateAsync(Anna, "/start");
        Assert.Equal([BroadcastTexts.OnlyCoordinators.Nl], (await H.PrivateAsync(Anna, new ChoiceContent(cancel.Data))).Texts);
        Assert.Equal(BroadcastStatus.Scheduled, (await BroadcastAsync(1)).Status);
        Assert.Equal([BroadcastTexts.Cancelled.In("nl", 1)], (await H.PrivateAsync(Carla, new ChoiceContent(cancel.Data))).Texts);
        Assert.Equal([BroadcastTexts.CannotCancel.Nl], (await H.PrivateAsync(Carla, new ChoiceContent(cancel.Data))).Texts);

        H.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 18, 31, 0, TimeSpan.Zero));
        Assert.Equal(0, (await SweepAsync()).Started);
        Assert.Equal(BroadcastStatus.Cancelled, (await BroadcastAsync(1)).Status);
    }

    [Fact]
    public async Task A_coordinator_schedules_with_everyday_words_such_as_morgen_9_uur()
    {
        await SetUpAsync();
        await H.PrivateAsync(Carla, "/omroep");
        await H.PrivateAsync(Carla, new ChoiceContent("omroep:groups"));
        await H.PrivateAsync(Carla, (await GroupIdAsync(GroupChatId)).ToString());
        await H.PrivateAsync(Carla, "Buurtavond dinsdag in het buurthuis");
        await H.PrivateAsync(Carla, new ChoiceContent("omroep:geenfoto"));
        await H.PrivateAsync(Carla, new ChoiceContent("omroep:geenlink"));
        await H.PrivateAsync(Carla, new ChoiceContent("omroep:later"));

        var confirm = await H.PrivateAsync(Carla, "morgen 9 uur");
        Assert.StartsWith("Je stuurt het bericht op za 21 november 2026 09:00 naar 1 chat.", confirm.Last.Text);
        await H.PrivateAsync(Carla, new ChoiceContent("omroep:ja"));
        // 09:00 in Amsterdam in November is 08:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero), (await BroadcastAsync(1)).SendAt);
    }
}
