using System.Collections.Concurrent;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Buurtkracht.Teams;

/// <summary>
/// Conversation and user references (serviceUrl, tenant) from authenticated activities, in the database so proactive
/// messages work after a restart. The only source of serviceUrls the channel ever calls.
/// </summary>
internal sealed class TeamsConversationStore(IServiceScopeFactory scopes, TimeProvider clock)
{
    // What was last written, so an ordinary message costs no database write.
    private readonly ConcurrentDictionary<string, (string ServiceUrl, string? Tenant)> _seenConversations = new();
    private readonly ConcurrentDictionary<string, SeenUser> _seenUsers = new();

    private sealed record SeenUser(string ServiceUrl, string? Tenant, string? PersonalConversationId);

    /// <summary>
    /// Records where this (authenticated) activity's conversation and its people can be reached. True when the activity
    /// brought the bot into the conversation: of the two activities Teams sends for one install (conversationUpdate and
    /// installationUpdate, often at the same moment) exactly one gets true, also across instances.
    /// </summary>
    public async Task<bool> RecordAsync(Activity activity, CancellationToken ct)
    {
        if (activity.ServiceUrl is not { Length: > 0 } serviceUrl || TeamsActivityMapper.ChatId(activity) is not { } chatId) return false;
        var tenant = TeamsActivityMapper.TenantId(activity);
        var botAdded = TeamsActivityMapper.BotAdded(activity);
        var botRemoved = TeamsActivityMapper.BotRemoved(activity);
        var botId = activity.Recipient?.Id;
        var people = (activity.MembersAdded ?? []).Append(activity.From)
            .Where(p => p?.Id is { } id && id != botId && !id.StartsWith("28:", StringComparison.Ordinal))
            .Select(p => p!.Id!).Distinct().ToList();
        var personal = TeamsActivityMapper.Kind(activity) == ChatKind.Private;
        string? PersonalOf(string userId) => personal && userId == activity.From?.Id ? chatId : null;

        var conversationKnown = !botAdded && !botRemoved
            && _seenConversations.TryGetValue(chatId, out var seen) && seen == (serviceUrl, tenant);
        // A user first seen in a group has no personal conversation yet: the first activity from their own chat with
        // the bot must still be written.
        var newUsers = people.Where(u => !(_seenUsers.TryGetValue(u, out var s) && s.ServiceUrl == serviceUrl && s.Tenant == tenant
            && (PersonalOf(u) is not { } chat || s.PersonalConversationId == chat))).ToList();
        if (conversationKnown && newUsers.Count == 0) return false;

        // Two activities at once may both try to insert the same conversation or user: the loser of that race tries
        // again and then finds the row.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteAsync(activity, chatId, serviceUrl, tenant, personal, conversationKnown, newUsers, PersonalOf, ct);
                break;
            }
            catch (DbUpdateException) when (attempt < 3 && !ct.IsCancellationRequested)
            {
            }
        }
        _seenConversations[chatId] = (serviceUrl, tenant);
        foreach (var userId in newUsers)
            _seenUsers.AddOrUpdate(userId, _ => new SeenUser(serviceUrl, tenant, PersonalOf(userId)),
                (_, old) => new SeenUser(serviceUrl, tenant, PersonalOf(userId) ?? old.PersonalConversationId));
        if (!botAdded && !botRemoved) return false;

        await using var scope = scopes.CreateAsyncScope();
        var set = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>().Set<TeamsConversationReference>();
        if (botRemoved)
        {
            await set.Where(r => r.ConversationId == chatId).ExecuteUpdateAsync(r => r.SetProperty(x => x.BotInstalledAt, (DateTimeOffset?)null), ct);
            return false;
        }
        // One conditional UPDATE: the database lets exactly one of concurrent install activities change the row.
        var installedAt = (DateTimeOffset?)clock.GetUtcNow();
        return await set.Where(r => r.ConversationId == chatId && r.BotInstalledAt == null)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.BotInstalledAt, installedAt), ct) == 1;
    }

    private async Task WriteAsync(Activity activity, string chatId, string serviceUrl, string? tenant, bool personal,
        bool conversationKnown, List<string> newUsers, Func<string, string?> personalOf, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        var now = clock.GetUtcNow();
        if (!conversationKnown)
        {
            var reference = await db.Set<TeamsConversationReference>().FindAsync([chatId], ct);
            if (reference is null)
            {
                reference = new TeamsConversationReference { ConversationId = chatId };
                db.Add(reference);
            }
            reference.ServiceUrl = serviceUrl;
            reference.TenantId = tenant ?? reference.TenantId;
            reference.ConversationType = activity.Conversation?.ConversationType ?? (personal ? "personal" : "groupChat");
            reference.TeamId = activity.ChannelData?.Team?.Id ?? reference.TeamId;
            if (TeamsActivityMapper.BotAdded(activity) && activity.From?.Id is { } installer && !personal) reference.InstalledByUserId = installer;
            reference.UpdatedAt = now;
        }
        foreach (var userId in newUsers)
        {
            var user = await db.Set<TeamsUserReference>().FindAsync([userId], ct);
            if (user is null)
            {
                user = new TeamsUserReference { UserId = userId };
                db.Add(user);
            }
            user.ServiceUrl = serviceUrl;
            user.TenantId = tenant ?? user.TenantId;
            if (personalOf(userId) is { } chat) user.PersonalConversationId = chat;
            user.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<TeamsConversationReference?> FindConversationAsync(string chatId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        return await db.Set<TeamsConversationReference>().AsNoTracking().FirstOrDefaultAsync(r => r.ConversationId == chatId, ct);
    }

    public async Task<TeamsUserReference?> FindUserAsync(string userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        return await db.Set<TeamsUserReference>().AsNoTracking().FirstOrDefaultAsync(u => u.UserId == userId, ct);
    }

    /// <summary>Stores a personal conversation the bot created, as a conversation reference and on the user.</summary>
    public async Task RecordPersonalConversationAsync(TeamsUserReference user, string conversationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        var now = clock.GetUtcNow();
        var stored = await db.Set<TeamsUserReference>().FindAsync([user.UserId], ct);
        if (stored is not null)
        {
            stored.PersonalConversationId = conversationId;
            stored.UpdatedAt = now;
        }
        if (await db.Set<TeamsConversationReference>().FindAsync([conversationId], ct) is null)
            db.Add(new TeamsConversationReference
            {
                ConversationId = conversationId, ServiceUrl = user.ServiceUrl, TenantId = user.TenantId,
                ConversationType = "personal", UpdatedAt = now,
            });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether <paramref name="url"/> lies under a serviceUrl that arrived on an authenticated activity.</summary>
    public async Task<bool> IsKnownServiceUrlPrefixAsync(Uri url, CancellationToken ct)
    {
        if (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback) return false;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        var serviceUrls = await db.Set<TeamsConversationReference>().AsNoTracking().Select(r => r.ServiceUrl).Distinct().ToListAsync(ct);
        var target = url.GetLeftPart(UriPartial.Path);
        return serviceUrls.Any(s => Uri.TryCreate(s, UriKind.Absolute, out var known)
            && known.Scheme == url.Scheme && known.Authority.Equals(url.Authority, StringComparison.OrdinalIgnoreCase)
            && target.StartsWith(known.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The installer of the conversation, or of any conversation of the same team.</summary>
    public async Task<List<string>> InstallersAsync(string chatId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        var set = db.Set<TeamsConversationReference>().AsNoTracking();
        var teamId = await set.Where(r => r.ConversationId == chatId).Select(r => r.TeamId).FirstOrDefaultAsync(ct);
        return await set
            .Where(r => (r.ConversationId == chatId || (teamId != null && r.TeamId == teamId)) && r.InstalledByUserId != null)
            .Select(r => r.InstalledByUserId!).Distinct().ToListAsync(ct);
    }
}
