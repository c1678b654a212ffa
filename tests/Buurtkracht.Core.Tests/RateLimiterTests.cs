namespace Buurtkracht.Core.Tests;

public sealed class RateLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static ChatAddress Chat(string id) => new(ChannelKind.Telegram, id);

    private static RateLimiter Limiter(params RateLimitRule[] rules) =>
        new(new Dictionary<ChannelKind, IReadOnlyList<RateLimitRule>> { [ChannelKind.Telegram] = rules });

    [Fact]
    public void Channel_rule_allows_30_a_second_across_all_chats()
    {
        var limiter = Limiter(RateLimitRule.Of(RateScope.Channel, 30, TimeSpan.FromSeconds(1)));

        for (var i = 0; i < 30; i++) Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat($"c{i}"), ChatKind.Private, T0));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryAcquire(Chat("c30"), ChatKind.Private, T0));
        Assert.Equal(TimeSpan.FromMilliseconds(400), limiter.TryAcquire(Chat("c30"), ChatKind.Private, T0.AddMilliseconds(600)));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("c30"), ChatKind.Private, T0.AddSeconds(1)));
    }

    [Fact]
    public void Chat_rule_counts_each_chat_on_its_own()
    {
        var limiter = Limiter(RateLimitRule.Of(RateScope.Chat, 1, TimeSpan.FromSeconds(1)));

        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("a"), ChatKind.Private, T0));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryAcquire(Chat("a"), ChatKind.Private, T0));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("b"), ChatKind.Group, T0));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("a"), ChatKind.Private, T0.AddSeconds(1)));
    }

    [Fact]
    public void Group_rule_allows_20_a_minute_per_group_and_leaves_private_chats_alone()
    {
        var limiter = Limiter(RateLimitRule.Of(RateScope.GroupChat, 20, TimeSpan.FromMinutes(1)));

        for (var i = 0; i < 20; i++) Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("-1"), ChatKind.Group, T0.AddSeconds(i)));
        Assert.Equal(TimeSpan.FromSeconds(40), limiter.TryAcquire(Chat("-1"), ChatKind.Group, T0.AddSeconds(20)));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("-2"), ChatKind.Group, T0.AddSeconds(20)));
        for (var i = 0; i < 25; i++) Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("7"), ChatKind.Private, T0));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("-1"), ChatKind.Group, T0.AddSeconds(60)));
    }

    [Fact]
    public void Two_rules_of_one_scope_keep_their_own_windows()
    {
        // Teams per conversation: 7 a second and 60 in 30 seconds.
        var limiter = Limiter(
            RateLimitRule.Of(RateScope.Chat, 7, TimeSpan.FromSeconds(1)),
            RateLimitRule.Of(RateScope.Chat, 60, TimeSpan.FromSeconds(30)));

        for (var i = 0; i < 7; i++) Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("a"), ChatKind.Group, T0));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryAcquire(Chat("a"), ChatKind.Group, T0));

        for (var second = 1; second < 8; second++)
            for (var i = 0; i < 7; i++) Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("a"), ChatKind.Group, T0.AddSeconds(second)));
        var at = T0.AddSeconds(8);
        for (var i = 0; i < 4; i++) Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("a"), ChatKind.Group, at));
        // 60 in the long window now, though the short one has room: wait until the first one leaves it.
        Assert.Equal(TimeSpan.FromSeconds(22), limiter.TryAcquire(Chat("a"), ChatKind.Group, at));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("a"), ChatKind.Group, T0.AddSeconds(30)));
    }

    [Fact]
    public void A_refused_attempt_takes_no_slot()
    {
        var limiter = Limiter(
            RateLimitRule.Of(RateScope.Channel, 2, TimeSpan.FromSeconds(1)),
            RateLimitRule.Of(RateScope.Chat, 1, TimeSpan.FromSeconds(1)));

        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("a"), ChatKind.Private, T0));
        // Refused by the chat rule; had it counted against the channel, b would be refused as well.
        Assert.NotEqual(TimeSpan.Zero, limiter.TryAcquire(Chat("a"), ChatKind.Private, T0));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("b"), ChatKind.Private, T0));
    }

    [Fact]
    public void Pause_holds_back_one_chat_until_the_given_moment()
    {
        var limiter = Limiter();

        limiter.Pause(Chat("a"), T0.AddSeconds(10));

        Assert.Equal(TimeSpan.FromSeconds(10), limiter.TryAcquire(Chat("a"), ChatKind.Private, T0));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("b"), ChatKind.Private, T0));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryAcquire(Chat("a"), ChatKind.Private, T0.AddSeconds(9)));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("a"), ChatKind.Private, T0.AddSeconds(10)));
    }

    [Fact]
    public void A_channel_without_rules_is_unlimited_and_trim_forgets_empty_windows()
    {
        var limiter = Limiter(RateLimitRule.Of(RateScope.Chat, 1, TimeSpan.FromSeconds(1)));
        var teams = new ChatAddress(ChannelKind.Teams, "a");

        for (var i = 0; i < 100; i++) Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(teams, ChatKind.Private, T0));

        limiter.TryAcquire(Chat("a"), ChatKind.Private, T0);
        limiter.Trim(T0.AddSeconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("a"), ChatKind.Private, T0.AddSeconds(1)));
    }

    [Fact]
    public void A_settled_slot_counts_from_the_moment_the_platform_answered()
    {
        var limiter = Limiter(RateLimitRule.Of(RateScope.Channel, 2, TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("a"), ChatKind.Group, T0));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("b"), ChatKind.Group, T0));

        // "a" was answered quickly, "b" only after 300 ms: the platform may have counted "b" as late as that.
        limiter.Settle(Chat("a"), ChatKind.Group, T0, T0.AddMilliseconds(10));
        limiter.Settle(Chat("b"), ChatKind.Group, T0, T0.AddMilliseconds(300));

        Assert.Equal(TimeSpan.FromMilliseconds(10), limiter.TryAcquire(Chat("c"), ChatKind.Group, T0.AddSeconds(1)));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("c"), ChatKind.Group, T0.AddMilliseconds(1010)));
        Assert.Equal(TimeSpan.FromMilliseconds(290), limiter.TryAcquire(Chat("d"), ChatKind.Group, T0.AddMilliseconds(1010)));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("d"), ChatKind.Group, T0.AddMilliseconds(1300)));
    }

    [Fact]
    public void Settling_keeps_every_rule_of_the_chat_in_step()
    {
        var limiter = Limiter(
            RateLimitRule.Of(RateScope.Channel, 30, TimeSpan.FromSeconds(1)),
            RateLimitRule.Of(RateScope.Chat, 1, TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("a"), ChatKind.Group, T0));
        limiter.Settle(Chat("a"), ChatKind.Group, T0, T0.AddMilliseconds(200));

        Assert.Equal(TimeSpan.FromMilliseconds(200), limiter.TryAcquire(Chat("a"), ChatKind.Group, T0.AddSeconds(1)));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(Chat("b"), ChatKind.Group, T0.AddSeconds(1)));
    }
}
