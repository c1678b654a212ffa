using Buurtkracht.Core.Beheer;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>Dashboard users for tests: members with a role and their one-time login links.</summary>
public static class BeheerAccounts
{
    /// <summary>A member with a role, stored directly: how a coördinator or moderator exists before the test starts.</summary>
    public static async Task<int> MemberWithRoleAsync(this BotHost host, string userId, string name, Role role, int? groupId = null,
        ChannelKind channel = ChannelKind.Telegram, string language = Languages.Dutch)
    {
        await using var db = host.OpenDb();
        var member = await db.Members.SingleOrDefaultAsync(m => m.Channel == channel && m.ChannelUserId == userId);
        if (member is null)
        {
            member = new Member
            {
                Channel = channel, ChannelUserId = userId, DisplayName = name, Language = language, PrivateChatId = userId,
                CreatedAt = DateTimeOffset.UtcNow,
            };
            db.Members.Add(member);
            await db.SaveChangesAsync();
        }
        db.RoleAssignments.Add(new RoleAssignment
        {
            MemberId = member.Id, Role = role, GroupId = groupId, GrantedAt = DateTimeOffset.UtcNow, GrantedBy = "test",
        });
        await db.SaveChangesAsync();
        return member.Id;
    }

    /// <summary>The path of a new one-time login link for the member, made by the service's own link issuer.</summary>
    public static async Task<string> BeheerLoginPathAsync(this BotHost host, int memberId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        var token = await scope.ServiceProvider.GetRequiredService<BeheerLinks>().IssueAsync(db, memberId)
            ?? throw new InvalidOperationException("The member holds no role.");
        await db.SaveChangesAsync();
        return BeheerLinks.LoginPath + token;
    }

    /// <summary>A street group the bot is in, linked to <paramref name="buurt"/> when given; returns its id.</summary>
    public static async Task<int> StreetGroupAsync(this BotHost host, string chatId, string title, string? buurt = null,
        ChannelKind channel = ChannelKind.Telegram)
    {
        await using var db = host.OpenDb();
        var group = new StreetGroup { Channel = channel, ChatId = chatId, Title = title, CreatedAt = DateTimeOffset.UtcNow };
        if (buurt is not null)
        {
            group.BuurtId = await db.Buurten.Where(b => b.Name == buurt).Select(b => b.Id).SingleAsync();
            group.LinkedAt = DateTimeOffset.UtcNow;
        }
        db.StreetGroups.Add(group);
        await db.SaveChangesAsync();
        return group.Id;
    }
}
