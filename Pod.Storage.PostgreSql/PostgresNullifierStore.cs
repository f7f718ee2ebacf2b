using Npgsql;
using Pod.Cryptography.Fields;
using Pod.Identity.Registry;

namespace Pod.Storage.PostgreSql;

/// <summary>
/// A nullifier store in a PostgreSQL database, for several verifier machines that share one registry.
/// </summary>
/// <remarks>
/// <para>Each operation is one SQL statement (an INSERT ... ON CONFLICT), so PostgreSQL makes it atomic
/// across connections and machines: of concurrent registrations of one nullifier, one inserts the row and
/// the others wait for its commit, then find it. No C# lock is involved.</para>
/// <para>The tables live in their own PostgreSQL schema (<see cref="DefaultSchema"/> unless told otherwise),
/// created on first use if missing (which needs the CREATE privilege on the database once). The schema carries
/// a version (<c>schema_version</c>) and migrates forward on first use: a newer Pod applies its ordered scripts
/// once, under an advisory lock, so machines may start together, and an upgrade never needs a hand-run script. The
/// first use also checks that the session commits durably: it refuses <c>synchronous_commit=off</c> and
/// <c>fsync=off</c>, under which an acknowledged registration could be lost in a server crash.</para>
/// <para>Schema:</para>
/// <code>
/// registrations (scope bytea, nullifier bytea, PRIMARY KEY (scope, nullifier))
/// votes (scope bytea, nullifier bytea, choice bytea, revision bigint, PRIMARY KEY (scope, nullifier))
/// </code>
/// Every bytea holds a field element's canonical 32 bytes, big-endian (a CHECK enforces the length).
/// </remarks>
public sealed class PostgresNullifierStore : INullifierStore
{
    /// <summary>The PostgreSQL schema the tables go in unless told otherwise.</summary>
    public const string DefaultSchema = "pod_identity";

    // "PodNulls" in ASCII: the advisory lock key that serialises schema creation and migration.
    private const long SchemaLockKey = 5795961533589384307;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string[] _migrations;
    private readonly string _registerSql;
    private readonly string _castVoteSql;
    private readonly string _tallySql;
    private readonly string _isRegisteredSql;
    private volatile bool _schemaReady;
    private volatile bool _disposed;

    /// <summary>Creates the store over a PostgreSQL database, with its tables in <see cref="DefaultSchema"/>.</summary>
    /// <param name="connectionString">An Npgsql connection string. Nothing connects until the first call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or not a valid Npgsql connection string.</exception>
    public PostgresNullifierStore(string connectionString)
        : this(connectionString, DefaultSchema)
    {
    }

    /// <summary>Creates the store over a PostgreSQL database, with its tables in the given schema.</summary>
    /// <param name="connectionString">An Npgsql connection string. Nothing connects until the first call.</param>
    /// <param name="schema">The PostgreSQL schema for the tables: lowercase letters, digits and underscores,
    /// not starting with a digit, at most 63 characters.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> or <paramref name="schema"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or not a valid Npgsql
    /// connection string, or <paramref name="schema"/> is no such name.</exception>
    public PostgresNullifierStore(string connectionString, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        PostgresSchemaSetup.CheckSchemaName(schema, nameof(schema));

        Schema = schema;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _migrations =
        [
            // 1: the tables.
            $"""
            CREATE TABLE IF NOT EXISTS "{schema}".registrations (
                scope bytea NOT NULL CHECK (octet_length(scope) = 32),
                nullifier bytea NOT NULL CHECK (octet_length(nullifier) = 32),
                PRIMARY KEY (scope, nullifier)
            );
            CREATE TABLE IF NOT EXISTS "{schema}".votes (
                scope bytea NOT NULL CHECK (octet_length(scope) = 32),
                nullifier bytea NOT NULL CHECK (octet_length(nullifier) = 32),
                choice bytea NOT NULL CHECK (octet_length(choice) = 32),
                revision bigint NOT NULL,
                PRIMARY KEY (scope, nullifier)
            );
            """,
        ];
        _registerSql = $"""INSERT INTO "{schema}".registrations (scope, nullifier) VALUES ($1, $2) ON CONFLICT DO NOTHING""";

        // revision counts the nullifier's votes in the scope: 1 means this statement inserted the row.
        _castVoteSql = $"""
            INSERT INTO "{schema}".votes AS v (scope, nullifier, choice, revision) VALUES ($1, $2, $3, 1)
            ON CONFLICT (scope, nullifier) DO UPDATE SET choice = EXCLUDED.choice, revision = v.revision + 1
            RETURNING v.revision
            """;
        _isRegisteredSql = $"""SELECT 1 FROM "{schema}".registrations WHERE scope = $1 AND nullifier = $2""";
        _tallySql = $"""SELECT choice, count(*) FROM "{schema}".votes WHERE scope = $1 GROUP BY choice""";
    }

    /// <summary>The PostgreSQL schema that holds the tables.</summary>
    public string Schema { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The database does not commit durably (first call only).</exception>
    public async Task<RegistrationResult> RegisterAsync(Fr scope, Fr nullifier, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_registerSql);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = StoredField.Encode(scope) });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = StoredField.Encode(nullifier) });
        int inserted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return inserted == 1 ? RegistrationResult.FirstUse : RegistrationResult.AlreadyRegistered;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The database does not commit durably (first call only).</exception>
    public async Task<bool> IsRegisteredAsync(Fr scope, Fr nullifier, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_isRegisteredSql);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = StoredField.Encode(scope) });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = StoredField.Encode(nullifier) });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The database does not commit durably (first call only).</exception>
    public async Task<VoteResult> CastVoteAsync(Fr scope, Fr nullifier, Fr choice, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_castVoteSql);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = StoredField.Encode(scope) });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = StoredField.Encode(nullifier) });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = StoredField.Encode(choice) });
        long revision = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return revision == 1 ? VoteResult.Recorded : VoteResult.Replaced;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The database does not commit durably (first call only).</exception>
    public async Task<VoteTally> TallyAsync(Fr scope, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_tallySql);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = StoredField.Encode(scope) });
        var counts = new List<KeyValuePair<Fr, long>>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts.Add(new(StoredField.Decode(reader.GetFieldValue<byte[]>(0), "votes.choice"), reader.GetInt64(1)));
        }

        return new VoteTally(scope, counts);
    }

    /// <summary>
    /// Checks that the session commits durably and creates or migrates the schema if needed; every call does this first,
    /// so a service calls it at start to fail fast and keep the first request quick. Idempotent.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="InvalidOperationException">The database does not commit durably, or its schema is newer than this
    /// version of Pod knows.</exception>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => EnsureSchemaAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand($"SELECT 1 FROM \"{Schema}\".registrations LIMIT 1");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the pooled connections; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _dataSource.Dispose();
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_schemaReady)
        {
            await PostgresSchemaSetup.EnsureAsync(_dataSource, Schema, SchemaLockKey, _migrations, "the nullifier registry", cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
    }
}
