using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Buurtkracht.Core.Persistence;

/// <summary>
/// synchronous=NORMAL in WAL mode survives a process crash (the guarantee the outbox needs) without an fsync per
/// commit; only a power cut can lose the last commits.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(ct);
    }
}
