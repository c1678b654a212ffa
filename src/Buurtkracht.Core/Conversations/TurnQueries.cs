using System.Collections.Concurrent;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// The lookups every turn makes, compiled once: on the hot path of every inbound message the LINQ translation cache
/// lookup is a measurable share of the turn. A compiled query belongs to one model, and each provider has its own, so
/// there is one set per provider (a test process uses SQLite and PostgreSQL side by side).
/// </summary>
internal sealed class TurnQueries
{
    private static readonly ConcurrentDictionary<string, TurnQueries> ByProvider = new();

    public static TurnQueries For(BuurtkrachtDb db) => ByProvider.GetOrAdd(db.Database.ProviderName ?? "", _ => new TurnQueries());

    public readonly Func<BuurtkrachtDb, string, Task<bool>> UpdateSeen =
        EF.CompileAsyncQuery((BuurtkrachtDb db, string key) => db.ProcessedUpdates.Any(u => u.Key == key));

    public readonly Func<BuurtkrachtDb, ChannelKind, string, Task<Member?>> Member =
        EF.CompileAsyncQuery((BuurtkrachtDb db, ChannelKind channel, string userId) =>
            db.Members.FirstOrDefault(m => m.Channel == channel && m.ChannelUserId == userId));

    public readonly Func<BuurtkrachtDb, ChannelKind, string, string, Task<DialogState?>> DialogState =
        EF.CompileAsyncQuery((BuurtkrachtDb db, ChannelKind channel, string chatId, string userId) =>
            db.DialogStates.FirstOrDefault(s => s.Channel == channel && s.ChatId == chatId && s.UserId == userId));
}
