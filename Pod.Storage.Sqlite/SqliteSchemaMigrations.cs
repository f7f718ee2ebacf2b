using Microsoft.Data.Sqlite;

namespace Pod.Storage.Sqlite;

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
    public static async Task ApplyAsync(SqliteConnection connection, IReadOnlyList<string> scripts, string storeDescription, CancellationToken cancellationToken)
    {
        await using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)", cancellationToken).ConfigureAwait(false);
        int current;
        await using (SqliteCommand read = Command(connection, transaction, "SELECT coalesce(max(version), 0) FROM schema_version"))
        {
            current = checked((int)(long)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!);
        }

        if (current > scripts.Count)
        {
            throw new InvalidOperationException(
                $"The database of {storeDescription} has schema version {current}, newer than the {scripts.Count} this version of Pod knows: run a newer Pod, or restore a backup.");
        }

        for (int version = current + 1; version <= scripts.Count; version++)
        {
            await ExecuteAsync(connection, transaction, scripts[version - 1], cancellationToken).ConfigureAwait(false);
            await using SqliteCommand record = Command(
                connection, transaction, "INSERT INTO schema_version (version, applied_at) VALUES ($v, CAST(strftime('%s', 'now') AS INTEGER))");
            record.Parameters.AddWithValue("$v", version);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using SqliteCommand command = Command(connection, transaction, sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
