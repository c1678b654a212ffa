using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Buurtkracht.Core.Members;

/// <summary>
/// After start, in the background: when the commands changed since the last sync (a release added one, or changed a
/// text), every Telegram role holder's private menu is queued again through the outbox, as a role change queues it;
/// otherwise nothing, so a restart does not resend hundreds of menus. The hash and the queued menus are saved in one
/// transaction, and the hash is a concurrency token: of two instances starting together only one queues them.
/// </summary>
public sealed class CommandMenuSync(
    IServiceScopeFactory scopes, ServiceReadiness readiness, ICommandCatalog catalog, Channels channels, TimeProvider clock,
    ILogger<CommandMenuSync> log) : BackgroundService
{
    public const string MarkName = "telegram-role-holder-menus";

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the check at start is over, whatever its outcome (tests wait for it).</summary>
    public Task Done => _done.Task;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        try
        {
            // Without Telegram nothing could send them; the hash stays as it was, so they are synced once it is back.
            if (!channels.Configured.Contains(ChannelKind.Telegram)) return;
            await readiness.WhenDatabaseReady.WaitAsync(ct);
            if (await SyncAsync(ct) is { } queued)
                log.LogInformation("The commands changed since the last start: {Count} role holders' menus queued", queued);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The next start tries again; until then a role holder's menu is the one they had.
            log.LogWarning(ex, "Re-syncing the role holders' command menus failed");
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    /// <summary>Queues every role holder's menu when the commands changed since the last sync; the number queued, or null when nothing changed.</summary>
    public async Task<int?> SyncAsync(CancellationToken ct)
    {
        var hash = CommandMenus.Fingerprint(catalog);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        var mark = await db.SyncMarks.SingleOrDefaultAsync(m => m.Name == MarkName, ct);
        if (mark?.Hash == hash) return null;

        var now = clock.GetUtcNow();
        var holders = await db.Members
            .Where(m => m.Channel == ChannelKind.Telegram && m.PrivateChatId != null && !m.PrivateChatUnreachable
                && db.RoleAssignments.Any(r => r.MemberId == m.Id))
            .Select(m => new { m.Id, m.PrivateChatId })
            .ToListAsync(ct);
        var ids = holders.Select(h => h.Id).ToList();
        var roles = (await db.RoleAssignments.Where(r => ids.Contains(r.MemberId)).Select(r => new { r.MemberId, r.Role }).ToListAsync(ct))
            .ToLookup(r => r.MemberId, r => r.Role);
        foreach (var holder in holders)
            CommandMenus.Enqueue(db, new ChatAddress(ChannelKind.Telegram, holder.PrivateChatId!), roles[holder.Id], now);

        if (mark is null) db.SyncMarks.Add(new SyncMark { Name = MarkName, Hash = hash, SyncedAt = now });
        else
        {
            mark.Hash = hash;
            mark.SyncedAt = now;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance queued them first (its row or its update won); nothing of ours was saved.
            if (await AlreadySyncedAsync(hash, ct)) return null;
            throw;
        }
        return holders.Count;
    }

    private async Task<bool> AlreadySyncedAsync(string hash, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BuurtkrachtDb>();
        return await db.SyncMarks.AnyAsync(m => m.Name == MarkName && m.Hash == hash, ct);
    }
}
