using Buurtkracht.Core.Beheer;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using System.Net;
using System.Text.RegularExpressions;
using Buurtkracht.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.EndToEnd.Tests.Beheer;

/// <summary>Dashboard users for tests: members with a role and their one-time login links.</summary>
public static partial class BeheerAccounts
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

    /// <summary>An HTTP client holding a dashboard session of the member, opened with a one-time link.</summary>
    public static async Task<HttpClient> BeheerClientAsync(this BotHost host, int memberId)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(await host.BeheerLoginPathAsync(memberId))).StatusCode);
        return client;
    }

    /// <summary>The antiforgery token of a form in <paramref name="html"/>, as the browser would send it back.</summary>
    public static string AntiforgeryToken(string html) => AntiforgeryField().Match(html).Groups[1].Value;

    /// <summary>The antiforgery token of a form on the page at <paramref name="path"/>.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string path) =>
        AntiforgeryToken(await client.GetStringAsync(path));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
