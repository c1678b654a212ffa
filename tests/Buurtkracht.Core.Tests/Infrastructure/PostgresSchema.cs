using Npgsql;

namespace Buurtkracht.Core.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL database's schema as its catalog reports it, one sorted line per table, column, index and constraint
/// (the counterpart of <see cref="SqliteSchema"/>). EF's migrations history and Quartz' tables are left out.
/// </summary>
public static class PostgresSchema
{
    private const string OwnTables = "table_schema = 'public' AND table_name NOT LIKE '\\_\\_EF%' AND table_name NOT ILIKE 'qrtz\\_%'";

    public static List<string> Describe(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var lines = new List<string>();
        lines.AddRange(Rows(connection,
            $"SELECT table_name FROM information_schema.tables WHERE {OwnTables}", r => $"table {r.GetString(0)}"));
        lines.AddRange(Rows(connection,
            "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, is_identity, identity_generation, column_default " +
            $"FROM information_schema.columns WHERE {OwnTables}",
            r => $"column {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}({(r.IsDBNull(3) ? "-" : r.GetInt32(3))}) " +
                 $"nullable={r.GetString(4)} identity={r.GetString(5)}/{(r.IsDBNull(6) ? "-" : r.GetString(6))} default={(r.IsDBNull(7) ? "-" : r.GetString(7))}"));
        lines.AddRange(Rows(connection,
            "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\\_\\_EF%' AND tablename NOT ILIKE 'qrtz\\_%'",
            r => $"index {r.GetString(0)}: {r.GetString(1)}"));
        lines.AddRange(Rows(connection,
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c " +
            "JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'public' " +
            "AND c.conrelid::regclass::text NOT LIKE '\"\\_\\_EF%' AND c.conrelid::regclass::text NOT ILIKE 'qrtz\\_%'",
            r => $"constraint {r.GetString(0)}.{r.GetString(1)} {r.GetString(2)}"));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Runs <paramref name="sql"/> (several statements allowed), as a migration test writes old rows.</summary>
    public static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public static List<string> Tables(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return Rows(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name", r => r.GetString(0));
    }

    private static List<string> Rows(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, string> read)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(read(reader));
        return rows;
    }
}
