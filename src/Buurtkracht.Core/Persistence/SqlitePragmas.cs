using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Buurtkracht.Core.Persistence;

/// <summary>
/// synchronous=NORMAL in WAL mode survives a process crash (the guarantee the outbox needs) without an fsync per
/// commit; only a power cut can lose the last commits. busy_timeout (Database:BusyTimeout, 30 s) makes SQLite itself
/// wait that long for a lock inside the native call. The connection string's "Default Timeout" is not the same thing: it is the command
/// timeout, which bounds Microsoft.Data.Sqlite's own retry loop on SQLITE_BUSY, not a native busy handler.
/// </summary>
/// <remarks>
/// Both pragmas belong to the native connection and last as long as it does; neither is stored in the file (unlike
/// journal_mode=WAL). Microsoft.Data.Sqlite pools native connections, and every EF operation opens and closes a
/// logical <see cref="SqliteConnection"/> on top of one, so running the pragmas on each open cost a statement per
/// turn on the hot path. They run once per native handle instead: the handle object is the same for as long as the
/// native connection lives in the pool, and a new native connection is a new object. A weak table, so a handle that the
/// pool has closed is not kept alive by it.
/// </remarks>
internal sealed class SqlitePragmas(TimeSpan? busyTimeout = null) : DbConnectionInterceptor
{
    private readonly string _pragmas =
        $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={(long)(busyTimeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds};";

    private static readonly ConditionalWeakTable<object, object> Prepared = new();
    private static readonly object Done = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (Handle(connection) is not { } handle || Prepared.TryGetValue(handle, out _)) return;
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
        Prepared.TryAdd(handle, Done);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (Handle(connection) is not { } handle || Prepared.TryGetValue(handle, out _)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(ct);
        Prepared.TryAdd(handle, Done);
    }

    /// <summary>The native connection under an open logical one; marked only after the pragmas ran, so a failure retries.</summary>
    private static object? Handle(DbConnection connection) => (connection as SqliteConnection)?.Handle;
}
