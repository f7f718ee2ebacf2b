using System.Text.RegularExpressions;
using Npgsql;

namespace Pod.Storage.PostgreSql;

/// <summary>
/// What every PostgreSQL store of Pod (the nullifier registry, the TLS issuer's state) does on its first
/// call: refuse a session that could lose acknowledged commits, and bring its schema forward. A
/// <c>schema_version</c> table in the store's schema records each script applied; the store's ordered
/// scripts (script <c>i</c> takes the schema to version <c>i + 1</c>) run once each, in order.
/// </summary>
internal static partial class PostgresSchemaSetup
{
    /// <summary>True when the schema is an unquoted lower-case identifier of at most 63 characters.</summary>
    public static bool IsValidSchemaName(string? schema) => schema is not null && SchemaName().IsMatch(schema);

    /// <summary>Throws unless the schema is an unquoted lower-case identifier of at most 63 characters.</summary>
    /// <exception cref="ArgumentNullException">The schema is null.</exception>
    /// <exception cref="ArgumentException">The schema is no such name.</exception>
    public static void CheckSchemaName(string schema, string paramName)
    {
        ArgumentNullException.ThrowIfNull(schema, paramName);
        if (!SchemaName().IsMatch(schema))
        {
            throw new ArgumentException(
                $"Invalid PostgreSQL schema name \"{schema}\": use lowercase letters, digits and underscores, not starting with a digit, at most 63 characters.",
                paramName);
        }
    }

    /// <summary>
    /// Checks that the session commits durably, then applies the scripts the schema lacks in one transaction
    /// that holds the advisory lock <paramref name="lockKey"/>, so machines that start together apply each once.
    /// A schema already at the newest version is only read: a role with USAGE and table privileges (no CREATE)
    /// can run the store.
    /// </summary>
    /// <exception cref="InvalidOperationException">synchronous_commit or fsync is off, or the schema's version is newer
    /// than the scripts know.</exception>
    public static async Task EnsureAsync(
        NpgsqlDataSource dataSource, string schema, long lockKey, IReadOnlyList<string> scripts, string storeDescription,
        CancellationToken cancellationToken)
    {
        string s = $"\"{schema}\"";
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        bool versioned;
        await using (NpgsqlCommand check = new(
            $"SELECT current_setting('synchronous_commit'), current_setting('fsync'), to_regclass('{s}.schema_version') IS NOT NULL", connection))
        await using (NpgsqlDataReader reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            string synchronousCommit = reader.GetString(0);
            string fsync = reader.GetString(1);
            if (synchronousCommit == "off" || fsync == "off")
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL session has synchronous_commit={synchronousCommit} and fsync={fsync}: a commit it acknowledged could be lost in a crash. Turn both on for {storeDescription}.");
            }

            versioned = reader.GetBoolean(2);
        }

        string versionSql = $"SELECT coalesce(max(version), 0) FROM {s}.schema_version";
        if (versioned && CheckVersion(await ScalarAsync(connection, null, versionSql, cancellationToken).ConfigureAwait(false), scripts, storeDescription) == scripts.Count)
        {
            return;
        }

        // CREATE ... IF NOT EXISTS checks the CREATE privilege even when the object exists, so this runs only when
        // something is missing. Script 1 of each store creates its tables IF NOT EXISTS: a schema made before
        // versioning adopts version 1 unchanged.
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"""
            SELECT pg_advisory_xact_lock({lockKey});
            CREATE SCHEMA IF NOT EXISTS {s};
            CREATE TABLE IF NOT EXISTS {s}.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
            """, cancellationToken).ConfigureAwait(false);
        int current = CheckVersion(await ScalarAsync(connection, transaction, versionSql, cancellationToken).ConfigureAwait(false), scripts, storeDescription);
        for (int version = current + 1; version <= scripts.Count; version++)
        {
            await ExecuteAsync(connection, transaction, scripts[version - 1], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"INSERT INTO {s}.schema_version (version) VALUES ({version})", cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static int CheckVersion(object? value, IReadOnlyList<string> scripts, string storeDescription)
    {
        int version = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        if (version > scripts.Count)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL schema of {storeDescription} has version {version}, newer than the {scripts.Count} this version of Pod knows: run a newer Pod.");
        }

        return version;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = new(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = new(sql, connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    [GeneratedRegex(@"^[a-z_][a-z0-9_]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
