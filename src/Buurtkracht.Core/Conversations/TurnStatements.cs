using System.Data.Common;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Buurtkracht.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Buurtkracht.Core.Conversations;

/// <summary>
/// SQLite only: the statements every turn of a batch runs (its savepoint, the update row, the outbox rows of its
/// replies), each prepared once per batch on the batch's connection and transaction and then only bound and run.
/// </summary>
/// <remarks>
/// Through EF each of them was a new command per turn, which Microsoft.Data.Sqlite parses and plans anew, and an outbox
/// reply went through the change tracker and SaveChanges' batching: profiled, that was about a fifth of the service's
/// CPU per update. An outbox row written here is inserted at once, inside the turn's savepoint, so a turn that is rolled
/// back takes it along, and rows get their ids in the order the turn wrote them. A row that another entity points at
/// needs EF's tracking (<see cref="Outbox.EnqueueTracked"/>); from then on the turn writes all its rows through EF,
/// which inserts them at SaveChanges, after the ones inserted here, so the order of the calls still holds.
/// PostgreSQL keeps EF's path: a synchronous round trip in the writer loop would hold a thread, and Npgsql prepares by
/// itself when told to (docs/deployment.md).
/// </remarks>
internal sealed class TurnStatements : IDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private DbCommand? _savepoint;
    private DbCommand? _release;
    private DbCommand? _recordUpdate;
    private DbCommand? _outbox;
    private DbCommand? _member;
    private DbCommand? _dialogState;
    private bool _outboxThroughEf;

    private TurnStatements(DbConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>For a batch whose transaction is open on <paramref name="db"/>; null on PostgreSQL.</summary>
    public static TurnStatements? For(BuurtkrachtDb db, IDbContextTransaction transaction) =>
        TurnQueries.For(db).IsNpgsql ? null : new TurnStatements(db.Database.GetDbConnection(), transaction.GetDbTransaction());

    /// <summary>Starts a turn: its savepoint, and its outbox rows written here again.</summary>
    public void BeginTurn(string savepoint)
    {
        _outboxThroughEf = false;
        (_savepoint ??= Command($"SAVEPOINT \"{savepoint}\"")).ExecuteNonQuery();
    }

    public void ReleaseTurn(string savepoint) => (_release ??= Command($"RELEASE SAVEPOINT \"{savepoint}\"")).ExecuteNonQuery();

    /// <summary>Records the update id; false when a committed turn already had it.</summary>
    public bool RecordUpdate(string key, DateTimeOffset now)
    {
        var command = _recordUpdate ??= Command(
            """INSERT INTO "ProcessedUpdates" ("Key", "ProcessedAt") VALUES ($key, $at) ON CONFLICT DO NOTHING""", "$key", "$at");
        command.Parameters[0].Value = key;
        command.Parameters[1].Value = now.ToUnixTimeMilliseconds();
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>From here on this turn's outbox rows go through EF (see the remarks).</summary>
    public void OutboxThroughEf() => _outboxThroughEf = true;

    /// <summary>Inserts the row and sets its id; false when this turn writes its rows through EF.</summary>
    /// <remarks>The columns and their stored forms are those of the model (enums as names, instants as UTC milliseconds).</remarks>
    public bool TryInsertOutbox(OutboxMessage row)
    {
        if (_outboxThroughEf) return false;
        var command = _outbox ??= Command(
            """
            INSERT INTO "OutboxMessages" ("Channel", "ChatId", "ChatKind", "PayloadJson", "Status", "Attempts", "CreatedAt", "NextAttemptAt")
            VALUES ($channel, $chat, $kind, $payload, $status, $attempts, $created, $next) RETURNING "Id"
            """,
            "$channel", "$chat", "$kind", "$payload", "$status", "$attempts", "$created", "$next");
        var p = command.Parameters;
        p[0].Value = row.Channel.ToString();
        p[1].Value = row.ChatId;
        p[2].Value = row.ChatKind.ToString();
        p[3].Value = row.PayloadJson;
        p[4].Value = row.Status.ToString();
        p[5].Value = row.Attempts;
        p[6].Value = row.CreatedAt.ToUnixTimeMilliseconds();
        p[7].Value = row.NextAttemptAt.ToUnixTimeMilliseconds();
        row.Id = (long)command.ExecuteScalar()!;
        return true;
    }

    /// <summary>The columns <see cref="FindMember"/> reads, besides the two it looks up by; a test holds them to the model.</summary>
    internal static readonly string[] MemberColumns =
        ["Id", "DisplayName", "Language", "PrivateChatId", "PrivateChatUnreachable", "CreatedAt", "LastActiveAt", "ForgottenAt", "SignInEmail"];

    /// <summary>The member row, not yet tracked (the caller attaches it), or null.</summary>
    public Member? FindMember(ChannelKind channel, string userId)
    {
        var command = _member ??= Command(
            "SELECT " + string.Join(", ", MemberColumns.Select(c => '"' + c + '"')) + """ FROM "Members" WHERE "Channel" = $channel AND "ChannelUserId" = $user""",
            "$channel", "$user");
        command.Parameters[0].Value = channel.ToString();
        command.Parameters[1].Value = userId;
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        return new Member
        {
            Id = reader.GetInt32(0),
            Channel = channel,
            ChannelUserId = userId,
            DisplayName = reader.GetString(1),
            Language = reader.GetString(2),
            PrivateChatId = reader.IsDBNull(3) ? null : reader.GetString(3),
            PrivateChatUnreachable = reader.GetBoolean(4),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
            LastActiveAt = reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
            ForgottenAt = reader.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
            SignInEmail = reader.IsDBNull(8) ? null : reader.GetString(8),
        };
    }

    /// <summary>Whether a dialog runs for this person in this chat: most turns have none, and then EF's look-up is not needed.</summary>
    public bool HasDialogState(ChannelKind channel, string chatId, string userId)
    {
        var command = _dialogState ??= Command(
            """SELECT 1 FROM "DialogStates" WHERE "Channel" = $channel AND "ChatId" = $chat AND "UserId" = $user LIMIT 1""",
            "$channel", "$chat", "$user");
        command.Parameters[0].Value = channel.ToString();
        command.Parameters[1].Value = chatId;
        command.Parameters[2].Value = userId;
        return command.ExecuteScalar() is not null;
    }

    private DbCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }

    public void Dispose()
    {
        _savepoint?.Dispose();
        _release?.Dispose();
        _recordUpdate?.Dispose();
        _outbox?.Dispose();
        _member?.Dispose();
        _dialogState?.Dispose();
    }
}
