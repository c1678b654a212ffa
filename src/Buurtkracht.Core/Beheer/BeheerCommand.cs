using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Buurtkracht.Core.Beheer;

/// <summary>
/// /beheer in a private chat: a member with a role gets a button with a personal one-time login link. In a group the
/// engine answers with a pointer to the private chat (the command is private), so no link is ever posted in a group.
/// </summary>
public static class BeheerCommand
{
    public static BotCommand Command { get; } = new("beheer", BeheerTexts.Description, CommandScope.Private, async ctx =>
    {
        var links = ctx.Services.GetRequiredService<BeheerLinks>();
        // IssueAsync refuses residents and web chat visitors (they never hold a dashboard role).
        var token = await links.IssueAsync(ctx.Db, ctx.Member.Id);
        if (token is null)
        {
            ctx.Say(BeheerTexts.NotForYou);
            return;
        }
        var lifetime = ctx.Services.GetRequiredService<IOptions<BeheerOptions>>().Value.LinkLifetime;
        ctx.Reply(new OutgoingMessage
        {
            Text = ctx.T(BeheerTexts.YourLink, Math.Max(1, (int)Math.Round(lifetime.TotalMinutes))),
            Link = new LinkButton(ctx.T(BeheerTexts.OpenButton), links.LinkFor(token)),
        });
    }) { Audience = CommandAudience.RoleHolders };
}
