using Buurtkracht.Core.Members;
using Buurtkracht.Core.Privacy;
using Buurtkracht.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Buurtkracht.Core.Tests.Infrastructure.People;

namespace Buurtkracht.Core.Tests.Privacy;

/// <summary>The retention sweep with a manual clock: quiet members who left every group, delivered texts, export files.</summary>
public sealed class RetentionJobTests
{
    private static async Task<(int Members, int Texts)> SweepAsync(CoreHarness h)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<RetentionJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Members_who_left_every_group_and_wrote_nothing_for_a_year_are_forgotten_the_others_stay()
    {
        await using var h = await CoreHarness.StartAsync();
        // Anna leaves the group; Bram stays in it; Carla is a coördinator in no group; Dirk is in no group but keeps writing.
        await h.GroupAsync(Anna, "Hallo");
        await h.GroupAsync(Bram, "Hallo");
        await h.GroupAsync(Bram, new MemberLeftContent(Anna));
        await h.PrivateAsync(Carla, "/start");
        await h.PrivateAsync(Dirk, "/start");
        await h.DbAsync(async db =>
        {
            var carla = await db.Members.SingleAsync(m => m.ChannelUserId == Carla.UserId);
            await RoleGrants.GrantAsync(db, carla, Role.Coordinator, null, h.Clock.GetUtcNow(), "cli", "cli", null, CancellationToken.None);
        });

        h.Clock.Advance(TimeSpan.FromDays(200));
        await h.PrivateAsync(Dirk, "/help");
        Assert.Equal(0, (await SweepAsync(h)).Members);

        h.Clock.Advance(TimeSpan.FromDays(166));
        Assert.Equal(1, (await SweepAsync(h)).Members);

        var members = await h.DbAsync(db => db.Members.OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(["", Bram.DisplayName, Carla.DisplayName, Dirk.DisplayName], members.Select(m => m.DisplayName));
        Assert.StartsWith("vergeten:", members[0].ChannelUserId);
        Assert.NotNull(members[0].ForgottenAt);
        // Once is enough.
        h.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await SweepAsync(h)).Members);
    }

    [Fact]
    public async Task Delivered_message_texts_are_cleared_after_thirty_days_pending_and_recent_ones_stay()
    {
        await using var h = await CoreHarness.StartAsync();
        var old = await h.EnqueueAsync("555", Messaging.ChatKind.Private, "Hoi Anna, je melding is binnen.");
        var pending = await h.EnqueueAsync("555", Messaging.ChatKind.Private, "Nog niet verstuurd.");
        await h.DbAsync(async db =>
        {
            var row = await db.OutboxMessages.SingleAsync(o => o.Id == old);
            (row.Status, row.SentAt) = (Messaging.OutboxStatus.Sent, h.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        h.Clock.Advance(TimeSpan.FromDays(20));
        var recent = await h.EnqueueAsync("555", Messaging.ChatKind.Private, "Tot zaterdag!");
        await h.DbAsync(async db =>
        {
            var row = await db.OutboxMessages.SingleAsync(o => o.Id == recent);
            (row.Status, row.SentAt) = (Messaging.OutboxStatus.Sent, h.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });

        h.Clock.Advance(TimeSpan.FromDays(11));
        Assert.Equal(1, (await SweepAsync(h)).Texts);

        Assert.Equal("", Messaging.Outbox.ReadPayload(await h.OutboxRowAsync(old)).Text);
        Assert.Equal("Nog niet verstuurd.", Messaging.Outbox.ReadPayload(await h.OutboxRowAsync(pending)).Text);
        Assert.Equal("Tot zaterdag!", Messaging.Outbox.ReadPayload(await h.OutboxRowAsync(recent)).Text);
        Assert.Equal(0, (await SweepAsync(h)).Texts);
    }

    [Fact]
    public async Task Mijngegevens_files_are_deleted_after_a_day()
    {
        await using var h = await CoreHarness.StartAsync();
        var file = (await h.PrivateAsync(Anna, "/mijngegevens")).Replies.First(r => r.DocumentPath is not null).DocumentPath!;
        Assert.True(File.Exists(file));
        File.SetLastWriteTimeUtc(file, h.Clock.GetUtcNow().UtcDateTime);

        h.Clock.Advance(TimeSpan.FromHours(25));
        await SweepAsync(h);

        Assert.False(File.Exists(file));
    }
}
