using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Core.Groups;

/// <summary>What happens when the bot joins or leaves a group and when members come and go.</summary>
public sealed class GroupLifecycle
{
    public Task OnBotAddedAsync(TurnContext ctx, CancellationToken ct)
    {
        if (ctx.Group is not { } group) return Task.CompletedTask;
        // Telegram reports one arrival twice (new_chat_members and my_chat_member): greet only a new or returning bot.
        var arriving = ctx.Db.Entry(group).State == Microsoft.EntityFrameworkCore.EntityState.Added || !group.IsActive;
        group.IsActive = true;
        group.DeactivatedAt = null;
        if (arriving) ctx.Say(GroupTexts.Greeting);
        return Task.CompletedTask;
    }

    public Task OnBotRemovedAsync(TurnContext ctx, CancellationToken ct)
    {
        if (ctx.Group is { } group)
        {
            group.IsActive = false;
            group.DeactivatedAt = ctx.Now;
        }
        else
        {
            // In a private chat this means the person blocked the bot.
            ctx.Member.PrivateChatUnreachable = true;
        }
        return Task.CompletedTask;
    }

    public async Task OnMembersJoinedAsync(TurnContext ctx, MembersJoinedContent joined, CancellationToken ct)
    {
        if (ctx.Group is not { } group) return;
        foreach (var person in joined.Members.Where(p => !p.IsBot))
        {
            var member = await Membership.UpsertMemberAsync(ctx.Db, ctx.Message.Chat.Channel, person, ctx.Now, ct);
            await Membership.EnsureMemberOfAsync(ctx.Db, group, member, ctx.Now, ct);
        }
    }

    public async Task OnMemberLeftAsync(TurnContext ctx, MemberLeftContent left, CancellationToken ct)
    {
        if (ctx.Group is not { } group || left.Member.IsBot) return;
        var member = await Membership.UpsertMemberAsync(ctx.Db, ctx.Message.Chat.Channel, left.Member, ctx.Now, ct);
        await Membership.EndMembershipAsync(ctx.Db, group, member, ctx.Now, ct);
    }
}
