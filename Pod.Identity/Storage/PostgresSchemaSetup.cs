using System.Text.RegularExpressions;
using Npgsql;

namespace Pod.Identity.Storage;

/// <summary>
/// What every PostgreSQL store of Pod (the nullifier registry, the TLS issuer's state) does on its first
/// call: refuse a session that could lose acknowledged commits, and create its schema only when it is
/// missing.
/// </summary>
internal static partial class PostgresSchemaSetup
{
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
    /// Runs <paramref name="checkSql"/> (returning synchronous_commit, fsync and whether the tables exist)
    /// and, when the tables are missing, <paramref name="createSql"/> in one transaction. Idempotent, so
    /// concurrent first calls may all run it (the create script takes an advisory lock).
    /// </summary>
    /// <exception cref="InvalidOperationException">synchronous_commit or fsync is off.</exception>
    public static async Task EnsureAsync(
        NpgsqlDataSource dataSource, string checkSql, string createSql, string storeDescription, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        bool tablesExist;
        await using (NpgsqlCommand check = new(checkSql, connection))
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

            tablesExist = reader.GetBoolean(2);
        }

        // CREATE ... IF NOT EXISTS checks the CREATE privilege even when the object exists: skip it when
        // the tables are there, so a role with only USAGE and table privileges can run the store.
        if (!tablesExist)
        {
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (NpgsqlCommand create = new(createSql, connection, transaction))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    [GeneratedRegex(@"^[a-z_][a-z0-9_]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
