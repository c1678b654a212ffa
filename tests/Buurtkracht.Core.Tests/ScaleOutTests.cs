using Buurtkracht.Core.Members;
using Buurtkracht.Core.Persistence;
using Buurtkracht.Testing;

namespace Buurtkracht.Core.Tests;

/// <summary>
/// Two instances of the engine on one PostgreSQL database, as two service processes behind a load balancer: what the
/// database decides for them (one turn at a time per chat, each update once, one outbox dispatcher). Every message is
/// made by the first harness, so update ids never repeat by accident.
/// </summary>
public sealed class ScaleOutTests : IRunsOnPostgres, IAsyncLifetime
{
    private readonly CapturedLog _log = new();
    private CoreHarness _first = null!;
    private CoreHarness _second = null!;

    public async Task InitializeAsync()
    {
        _first = await CoreHarness.StartAsync(configure: _log.AddTo, provider: DatabaseProvider.PostgreSql);
        _second = await CoreHarness.StartAsync(configure: _log.AddTo, provider: DatabaseProvider.PostgreSql, postgres: _first.ConnectionString);
    }

    /// <summary>No turn failed (a failed turn is answered with an apology, so the outcomes alone would not show it).</summary>
    private async Task AssertNoTurnFailedAsync()
    {
        Assert.Empty(_log.AboveDebugContaining("Turn failed"));
        var texts = await _first.DbAsync(db => db.OutboxMessages.ToListAsync());
        Assert.DoesNotContain(texts, row => Outbox.ReadPayload(row).Text == Conversations.ConversationTexts.SomethingWentWrong.In("nl"));
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [DatabaseFact]
    public async Task An_update_delivered_to_both_instances_at_once_is_processed_once()
    {
        // Forty residents at once, each update to both instances: their turns overlap in time, as under load.
        var residents = Enumerable.Range(0, 40).Select(i => new Sender($"7{i:00}", $"Bewoner {i}", "nl")).ToList();
        var updates = residents.Select(r => _first.Private(r, "/start")).ToList();

        var outcomes = await Task.WhenAll(updates.Select(async u => await Task.WhenAll(_first.HandleAsync(u), _second.HandleAsync(u))));

        Assert.All(outcomes, pair => Assert.Equal([InboundOutcome.Processed, InboundOutcome.Duplicate], pair.Order()));
        foreach (var resident in residents) Assert.Single(await _first.OutboxAsync(resident.UserId));
        await AssertNoTurnFailedAsync();
    }

    [DatabaseFact]
    public async Task Messages_of_new_residents_on_two_instances_run_one_after_the_other()
    {
        var residents = Enumerable.Range(0, 40).Select(i => new Sender($"8{i:00}", $"Bewoner {i}", "nl")).ToList();
        var starts = residents.Select(r => _first.Private(r, "/start")).ToList();
        var helps = residents.Select(r => _first.Private(r, "/help")).ToList();

        var outcomes = await Task.WhenAll(starts.Select(_first.HandleAsync).Concat(helps.Select(_second.HandleAsync)));

        Assert.All(outcomes, o => Assert.Equal(InboundOutcome.Processed, o));
        Assert.Equal(residents.Count, await _first.DbAsync(db => db.Members.CountAsync(m => m.ChannelUserId.StartsWith("8"))));
        foreach (var resident in residents) Assert.True((await _first.OutboxAsync(resident.UserId)).Count >= 2, "both turns answered");
        await AssertNoTurnFailedAsync();
    }

    [DatabaseFact]
    public async Task A_dialog_whose_steps_alternate_between_the_instances_keeps_its_place()
    {
        await _first.PrivateAsync(Anna, "/taal");
        var chosen = await _second.SendAsync(_first.Private(Anna, new ChoiceContent("taal:en")));

        Assert.Equal(Languages.English, (await _first.DbAsync(db => db.Members.SingleAsync(m => m.ChannelUserId == Anna.UserId))).Language);
        Assert.NotEmpty(chosen.Texts);
        Assert.Equal(0, await _second.DbAsync(db => db.DialogStates.CountAsync()));
    }

    [DatabaseFact]
    public async Task The_outbox_lease_is_held_by_one_instance_and_taken_over_once_it_expires()
    {
        var clock = _first.Clock;
        var one = new DatabaseLeases(clock);
        var other = new DatabaseLeases(clock);
        var duration = TimeSpan.FromSeconds(15);

        Assert.True(await _first.DbAsync(db => one.TryHoldAsync(db, "outbox", duration, default)));
        Assert.False(await _second.DbAsync(db => other.TryHoldAsync(db, "outbox", duration, default)));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await _first.DbAsync(db => one.TryHoldAsync(db, "outbox", duration, default))); // renewed
        clock.Advance(TimeSpan.FromSeconds(14));
        Assert.False(await _second.DbAsync(db => other.TryHoldAsync(db, "outbox", duration, default)));

        // The holder died: nobody renews, and after the lease's time the other takes over.
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await _second.DbAsync(db => other.TryHoldAsync(db, "outbox", duration, default)));
        Assert.False(await _first.DbAsync(db => one.TryHoldAsync(db, "outbox", duration, default)));

        // A clean stop gives it back at once.
        await _second.DbAsync(db => other.ReleaseAsync(db, "outbox", default));
        Assert.True(await _first.DbAsync(db => one.TryHoldAsync(db, "outbox", duration, default)));
    }
}
