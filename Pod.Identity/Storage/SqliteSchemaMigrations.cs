using Microsoft.Data.Sqlite;

namespace Pod.Identity.Storage;

/// <summary>
/// Forward migrations of an SQLite store's schema: a <c>schema_version</c> table records each script applied, and
/// the store's ordered scripts (script <c>i</c> takes the schema to version <c>i + 1</c>) run once each, in order,
/// in one <c>BEGIN IMMEDIATE</c> transaction, so concurrent openers apply them once and an upgrade never needs a
/// hand-run script.
/// </summary>
internal static class SqliteSchemaMigrations
{
    /// <summary>Applies the scripts the database lacks.</summary>
    /// <exception cref="InvalidOperationException">The database is at a version newer than the scripts know (written
    /// by a newer Pod).</exception>
    public static void Apply(SqliteConnection connection, IReadOnlyList<string> scripts, string storeDescription)
    {
        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
        int current = checked((int)(long)Scalar(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version")!);
        if (current > scripts.Count)
        {
            throw new InvalidOperationException(
                $"The database of {storeDescription} has schema version {current}, newer than the {scripts.Count} this version of Pod knows: run a newer Pod, or restore a backup.");
        }

        for (int version = current + 1; version <= scripts.Count; version++)
        {
            Execute(connection, transaction, scripts[version - 1]);
            using SqliteCommand record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($v, CAST(strftime('%s', 'now') AS INTEGER))";
            record.Parameters.AddWithValue("$v", version);
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
