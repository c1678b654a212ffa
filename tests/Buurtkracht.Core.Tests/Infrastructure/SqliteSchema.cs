using Microsoft.Data.Sqlite;

namespace Buurtkracht.Core.Tests.Infrastructure;

/// <summary>
/// A database's schema as SQLite itself reports it, one sorted line per table, column, index and foreign key, so two
/// schemas compare with a readable diff. EF's own tables (migrations history and lock) and Quartz' tables are left out.
/// </summary>
public static class SqliteSchema
{
    public static List<string> Describe(SqliteConnection connection)
    {
        var lines = new List<string>();
        foreach (var (table, sql) in Rows(connection,
                     "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " +
                     "AND substr(name, 1, 4) <> '__EF' AND substr(name, 1, 5) <> 'QRTZ_'", r => (r.GetString(0), r.GetString(1))))
        {
            lines.Add($"table {table} autoincrement={sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)}");
            lines.AddRange(Rows(connection, $"SELECT name, type, \"notnull\", pk, dflt_value FROM pragma_table_info('{table}')",
                r => $"column {table}.{r.GetString(0)} {r.GetString(1)} notnull={r.GetInt64(2)} pk={r.GetInt64(3)} default={(r.IsDBNull(4) ? "-" : r.GetString(4))}"));
            foreach (var (index, unique, origin) in Rows(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')",
                         r => (r.GetString(0), r.GetInt64(1), r.GetString(2))))
            {
                var columns = Rows(connection, $"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno", r => r.GetString(0));
                lines.Add($"index {table}.{index} ({string.Join(", ", columns)}) unique={unique} origin={origin} where={Filter(connection, index)}");
            }
            lines.AddRange(Rows(connection, $"SELECT \"from\", \"table\", \"to\", on_update, on_delete FROM pragma_foreign_key_list('{table}')",
                r => $"fk {table}.{r.GetString(0)} -> {r.GetString(1)}.{r.GetString(2)} update={r.GetString(3)} delete={r.GetString(4)}"));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>
    /// A partial index's WHERE clause as written in its CREATE INDEX, or "-": a filtered unique index enforces something
    /// else than the same index without the filter, so the filter is part of the schema.
    /// </summary>
    public static string Filter(SqliteConnection connection, string index)
    {
        // Indexes that back a constraint (origin u or pk) have no sql of their own.
        var sql = Rows(connection, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{index}'", r => r.IsDBNull(0) ? "" : r.GetString(0))
            .SingleOrDefault() ?? "";
        var where = sql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase);
        return where < 0 ? "-" : sql[(where + " WHERE ".Length)..].Trim();
    }

    /// <summary>The lines only one side has, marked with the side, for a failure message that shows every difference.</summary>
    public static string Differences(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string expectedName, string actualName) =>
        string.Join('\n', expected.Except(actual).Select(line => $"{expectedName} only: {line}")
            .Concat(actual.Except(expected).Select(line => $"{actualName} only: {line}")));

    public static List<string> Tables(SqliteConnection connection) =>
        Rows(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", r => r.GetString(0));

    public static List<T> Rows<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
