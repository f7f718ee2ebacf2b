using Npgsql;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Storage;

namespace Pod.Storage.PostgreSql;

/// <summary>
/// An <see cref="ITlsIssuerStore"/> in a PostgreSQL database, for several issuer machines that share one state.
/// </summary>
/// <remarks>
/// <para><see cref="CommitIssuanceAsync"/> is one transaction: an <c>UPDATE ... WHERE nonce_hash = ? AND NOT nonce_used
/// AND expires_at &gt; ?</c> consumes the nonce, an <c>INSERT ... ON CONFLICT DO NOTHING</c> records the evidence digest,
/// another binds the UID (or finds it bound); any refusal rolls the transaction back, so nothing is written. Atomicity under
/// concurrency comes from PostgreSQL's row locks and unique indexes, across connections and machines: of concurrent
/// commits of one nonce, one updates the row and the others wait for its commit, then find the nonce used; of concurrent
/// inserts of one evidence digest or UID, the others wait, then meet the committed row. No C# lock is involved. The locks
/// are taken in one order (session, evidence, UID), so concurrent commits cannot deadlock.</para>
/// <para>The tables live in their own PostgreSQL schema (<see cref="DefaultSchema"/> unless told otherwise), created on
/// first use if missing (which needs the CREATE privilege on the database once). The schema carries a version
/// (<c>schema_version</c>) and migrates forward on first use: a newer Pod applies its ordered scripts once, under an
/// advisory lock, so machines may start together, and an upgrade never needs a hand-run script. When the schema is at the
/// newest version, the store needs only USAGE on the schema, SELECT on <c>schema_version</c>, SELECT, INSERT, UPDATE and
/// DELETE on <c>tls_sessions</c>, and SELECT and INSERT on <c>tls_evidence</c> and <c>tls_uid_bindings</c>. The first
/// use also checks that the session commits durably: it refuses <c>synchronous_commit=off</c> and <c>fsync=off</c>, under
/// which an acknowledged issuance could be lost in a server crash (and its nonce, evidence and UID binding accepted again).</para>
/// <para>Schema (times are Unix milliseconds, as in Pod.Storage.Sqlite's <c>SqliteTlsIssuerStore</c>):</para>
/// <code>
/// tls_sessions (id text PRIMARY KEY, nonce_hash bytea UNIQUE (32 bytes), nonce_used boolean, state integer,
///               created_at bigint, expires_at bigint (indexed), updated_at bigint, last_error integer NULL, issued_pod text NULL)
/// tls_evidence (digest bytea PRIMARY KEY, recorded_at bigint, session_id text NULL)
/// tls_uid_bindings (uid bytea PRIMARY KEY, owner text, bound_at bigint)
/// schema_version (version integer PRIMARY KEY, applied_at timestamptz)
/// </code>
/// </remarks>
public sealed class PostgresTlsIssuerStore : ITlsIssuerStore, IDisposable
{
    /// <summary>The PostgreSQL schema the tables go in unless told otherwise.</summary>
    public const string DefaultSchema = "pod_tls_issuer";

    // "PodTlsSt" in ASCII: the advisory lock key that serialises schema creation and migration.
    private const long SchemaLockKey = 5795961559208645492;

    private const int PurgeBatch = 1000;

    private readonly NpgsqlDataSource _dataSource;
    private readonly string[] _migrations;
    private readonly string _createSessionSql;
    private readonly string _getSessionSql;
    private readonly string _usableNonceSql;
    private readonly string _updateStateSql;
    private readonly string _evidenceKnownSql;
    private readonly string _uidOwnerSql;
    private readonly string _consumeNonceSql;
    private readonly string _recordEvidenceSql;
    private readonly string _bindUidSql;
    private readonly string _issuedPodSql;
    private readonly string _issuanceByEvidenceSql;
    private readonly string _purgeSql;
    private readonly string _healthSql;
    private readonly string _countsSql;
    private volatile bool _schemaReady;
    private volatile bool _disposed;

    /// <summary>Creates the store over a PostgreSQL database, with its tables in <see cref="DefaultSchema"/>.</summary>
    /// <param name="connectionString">An Npgsql connection string. Nothing connects until the first call.</param>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or not a valid Npgsql connection string.</exception>
    public PostgresTlsIssuerStore(string connectionString)
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
    public PostgresTlsIssuerStore(string connectionString, string schema)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        PostgresSchemaSetup.CheckSchemaName(schema, nameof(schema));

        Schema = schema;
        _dataSource = NpgsqlDataSource.Create(connectionString);
        string s = $"\"{schema}\"";
        _migrations =
        [
            // 1: the tables.
            $"""
            CREATE TABLE IF NOT EXISTS {s}.tls_sessions (
                id text PRIMARY KEY,
                nonce_hash bytea NOT NULL UNIQUE CHECK (octet_length(nonce_hash) = 32),
                nonce_used boolean NOT NULL DEFAULT false,
                state integer NOT NULL,
                created_at bigint NOT NULL,
                expires_at bigint NOT NULL,
                updated_at bigint NOT NULL,
                last_error integer
            );
            CREATE TABLE IF NOT EXISTS {s}.tls_evidence (
                digest bytea PRIMARY KEY,
                recorded_at bigint NOT NULL
            );
            CREATE TABLE IF NOT EXISTS {s}.tls_uid_bindings (
                uid bytea PRIMARY KEY,
                owner text NOT NULL,
                bound_at bigint NOT NULL
            );
            """,

            // 2: expiry purges by index; the issued POD kept with its session; the session an evidence digest went to.
            $"""
            CREATE INDEX IF NOT EXISTS tls_sessions_expires_at ON {s}.tls_sessions (expires_at);
            ALTER TABLE {s}.tls_sessions ADD COLUMN IF NOT EXISTS issued_pod text;
            ALTER TABLE {s}.tls_evidence ADD COLUMN IF NOT EXISTS session_id text;
            """,
        ];
        _createSessionSql = $"INSERT INTO {s}.tls_sessions (id, nonce_hash, state, created_at, expires_at, updated_at) VALUES ($1, $2, $3, $4, $5, $4)";
        _getSessionSql = $"SELECT state, created_at, expires_at, updated_at, last_error FROM {s}.tls_sessions WHERE id = $1";
        _usableNonceSql = $"SELECT id FROM {s}.tls_sessions WHERE nonce_hash = $1 AND NOT nonce_used AND expires_at > $2";
        _updateStateSql = $"""
            UPDATE {s}.tls_sessions SET state = $1, last_error = $2, updated_at = $3
            WHERE id = $4 AND state <> {(int)IssuanceSessionState.Verified} AND expires_at > $3
            """;
        _evidenceKnownSql = $"SELECT EXISTS (SELECT 1 FROM {s}.tls_evidence WHERE digest = $1)";
        _uidOwnerSql = $"SELECT owner FROM {s}.tls_uid_bindings WHERE uid = $1";

        // The row lock of this UPDATE is what makes one nonce commit once: a concurrent commit waits for it, then
        // re-reads the row, finds nonce_used and updates nothing.
        _consumeNonceSql = $"""
            UPDATE {s}.tls_sessions SET nonce_used = true, state = {(int)IssuanceSessionState.Verified}, last_error = NULL, updated_at = $2,
                issued_pod = $3
            WHERE nonce_hash = $1 AND NOT nonce_used AND expires_at > $2
            RETURNING id
            """;
        _recordEvidenceSql = $"INSERT INTO {s}.tls_evidence (digest, recorded_at, session_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
        _bindUidSql = $"INSERT INTO {s}.tls_uid_bindings (uid, owner, bound_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
        _issuedPodSql = $"SELECT issued_pod FROM {s}.tls_sessions WHERE id = $1 AND nonce_used";
        _issuanceByEvidenceSql = $"""
            SELECT t.id, t.nonce_hash, t.issued_pod FROM {s}.tls_evidence e JOIN {s}.tls_sessions t ON t.id = e.session_id
            WHERE e.digest = $1 AND t.nonce_used
            """;

        // Small batches: each transaction holds its rows briefly; rows another purger holds are skipped, not waited for.
        _purgeSql = $"""
            DELETE FROM {s}.tls_sessions t USING (SELECT id FROM {s}.tls_sessions WHERE expires_at < $1 LIMIT {PurgeBatch} FOR UPDATE SKIP LOCKED) d
            WHERE t.id = d.id
            """;
        _healthSql = $"SELECT 1 FROM {s}.tls_sessions LIMIT 1";
        _countsSql = $"""
            SELECT (SELECT count(*) FROM {s}.tls_sessions), (SELECT count(*) FROM {s}.tls_sessions WHERE nonce_used),
                (SELECT count(*) FROM {s}.tls_evidence), (SELECT count(*) FROM {s}.tls_uid_bindings)
            """;
    }

    /// <summary>The PostgreSQL schema that holds the tables.</summary>
    public string Schema { get; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The session id or nonce hash already exists, or the database does not
    /// commit durably (first call only).</exception>
    public async ValueTask CreateSessionAsync(IssuanceSession session, byte[] nonceHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(nonceHash);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_createSessionSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = session.SessionId });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = nonceHash });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)session.State });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = session.CreatedAt.ToUnixTimeMilliseconds() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = session.ExpiresAt.ToUnixTimeMilliseconds() });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException("The session id or nonce already exists.", e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IssuanceSession?> GetSessionAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_getSessionSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionId });
        await using NpgsqlDataReader r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var state = (IssuanceSessionState)r.GetInt32(0);
        DateTimeOffset expires = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2));
        if (now >= expires && state != IssuanceSessionState.Verified)
        {
            state = IssuanceSessionState.Expired;
        }

        return new IssuanceSession(sessionId, state, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), expires,
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.IsDBNull(4) ? null : (TlsIssuanceError)r.GetInt32(4));
    }

    /// <inheritdoc/>
    public async ValueTask<string?> FindUsableNonceAsync(byte[] nonceHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nonceHash);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_usableNonceSql);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = nonceHash });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now.ToUnixTimeMilliseconds() });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> UpdateSessionStateAsync(string sessionId, IssuanceSessionState state, TlsIssuanceError? error, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_updateStateSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)state });
        command.Parameters.Add(new NpgsqlParameter<int?> { TypedValue = (int?)error });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now.ToUnixTimeMilliseconds() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionId });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> IsEvidenceKnownAsync(byte[] evidenceDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidenceDigest);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_evidenceKnownSql);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = evidenceDigest });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <inheritdoc/>
    public async ValueTask<string?> GetUidOwnerAsync(byte[] uid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uid);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_uidOwnerSql);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = uid });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc/>
    public async ValueTask<IssuanceCommitOutcome> CommitIssuanceAsync(IssuanceCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        long now = commit.Now.ToUnixTimeMilliseconds();
        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Read committed: each statement sees what committed before it, and waits for rows other transactions hold.
        // Disposing the transaction without a commit rolls it back.
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        string? sessionId;
        await using (NpgsqlCommand consume = new(_consumeNonceSql, connection, transaction))
        {
            consume.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = commit.NonceHash });
            consume.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now });
            consume.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = commit.IssuedPod });
            sessionId = await consume.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
            if (sessionId is null)
            {
                return IssuanceCommitOutcome.NonceUnknownOrUsed;
            }
        }

        await using (NpgsqlCommand record = new(_recordEvidenceSql, connection, transaction))
        {
            record.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = commit.EvidenceDigest });
            record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionId });
            if (await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return IssuanceCommitOutcome.EvidenceReplayed;
            }
        }

        await using (NpgsqlCommand bind = new(_bindUidSql, connection, transaction))
        {
            bind.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = commit.Uid });
            bind.Parameters.Add(new NpgsqlParameter<string> { TypedValue = commit.Owner });
            bind.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now });
            if (await bind.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                // The UID was bound (and committed) before: the issuance stands only for the same owner.
                await using NpgsqlCommand owner = new(_uidOwnerSql, connection, transaction);
                owner.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = commit.Uid });
                if (await owner.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string != commit.Owner)
                {
                    return IssuanceCommitOutcome.UidAlreadyBound;
                }
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return IssuanceCommitOutcome.Committed;
    }

    /// <inheritdoc/>
    public async ValueTask<string?> GetIssuedPodAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_issuedPodSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sessionId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc/>
    public async ValueTask<IssuedPodRecord?> FindIssuanceByEvidenceAsync(byte[] evidenceDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidenceDigest);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_issuanceByEvidenceSql);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = evidenceDigest });
        await using NpgsqlDataReader r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new IssuedPodRecord(r.GetString(0), r.GetFieldValue<byte[]>(1), r.IsDBNull(2) ? null : r.GetString(2))
            : null;
    }

    /// <inheritdoc/>
    public async ValueTask<long> PurgeSessionsAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        long total = 0;
        int deleted;
        do
        {
            await using NpgsqlCommand command = _dataSource.CreateCommand(_purgeSql);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expiredBefore.ToUnixTimeMilliseconds() });
            deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == PurgeBatch);
        return total;
    }

    /// <inheritdoc/>
    public async ValueTask CheckHealthAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_healthSql);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<TlsIssuerStoreCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlCommand command = _dataSource.CreateCommand(_countsSql);
        await using NpgsqlDataReader r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await r.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new TlsIssuerStoreCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
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

    /// <summary>Names the type and schema only (the connection string may hold a password).</summary>
    public override string ToString() => $"{nameof(PostgresTlsIssuerStore)} ({Schema})";

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_schemaReady)
        {
            await PostgresSchemaSetup.EnsureAsync(_dataSource, Schema, SchemaLockKey, _migrations, "the TLS issuer store (an issuance lost in a crash would let its nonce, evidence and UID be accepted again)", cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
        }
    }
}
