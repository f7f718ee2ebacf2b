using Microsoft.Data.Sqlite;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Storage;

namespace Pod.Storage.Sqlite;

/// <summary>
/// An <see cref="ITlsIssuerStore"/> in a SQLite database (the default for a single node). Tables: <c>tls_sessions</c>
/// (with the nonce hash and the issued POD), <c>tls_evidence</c>, <c>tls_uid_bindings</c>, <c>schema_version</c>; times
/// are Unix milliseconds. Every operation takes a pooled connection; the commit runs in one <c>BEGIN IMMEDIATE</c>
/// transaction.
/// </summary>
/// <remarks>
/// <para>The constructor touches nothing on disk. The file is created (with its tables, in WAL journal mode) by the first
/// call or by <see cref="InitializeAsync"/>, the warm-up a service calls at start, which also applies the forward schema
/// migrations a newer Pod brings (each once, recorded in <c>schema_version</c>); operations open it read-write and never
/// create it. Microsoft.Data.Sqlite has no asynchronous I/O: the statements run on the calling thread, and the token is
/// honoured before each one. Every connection runs with <c>synchronous=FULL</c>: a commit that returned survives a
/// power loss.</para>
/// <para>Writes of one store queue on an asynchronous gate (SQLite admits one writer at a time; without the gate,
/// concurrent writers meet the lock and back off), and wait for other processes' locks up to the connection string's
/// <c>Default Timeout</c> (30 s unless set).</para>
/// <para>The store holds its database file open and checks in every write transaction, before the commit and after it,
/// that the path still names that file (same device and inode, on Linux): a file deleted or replaced under a running
/// issuer (its pooled connections would go on writing into the unlinked file, and every nonce, evidence digest and UID
/// binding since would be forgotten at restart) makes that call and every later one throw
/// <see cref="DatabaseFileReplacedException"/>. Reads check too.</para>
/// </remarks>
public sealed class SqliteTlsIssuerStore : ITlsIssuerStore, IDisposable
{
    private const int PurgeBatch = 1000;

    // Forward migrations: script i takes the schema to version i + 1 (never edit one that shipped; add one).
    private static readonly string[] Migrations =
    [
        // 1: the tables.
        """
        CREATE TABLE IF NOT EXISTS tls_sessions (
          id TEXT PRIMARY KEY, nonce_hash BLOB NOT NULL UNIQUE, nonce_used INTEGER NOT NULL DEFAULT 0,
          state INTEGER NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_error INTEGER);
        CREATE TABLE IF NOT EXISTS tls_evidence (digest BLOB PRIMARY KEY, recorded_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS tls_uid_bindings (uid BLOB PRIMARY KEY, owner TEXT NOT NULL, bound_at INTEGER NOT NULL);
        """,

        // 2: expiry purges by index; the issued POD kept with its session; the session an evidence digest went to.
        """
        CREATE INDEX tls_sessions_expires_at ON tls_sessions (expires_at);
        ALTER TABLE tls_sessions ADD COLUMN issued_pod TEXT;
        ALTER TABLE tls_evidence ADD COLUMN session_id TEXT;
        """,
    ];

    private readonly SqliteDatabase _database;

    /// <summary>Prepares the store in the database at the connection string, for example <c>Data Source=issuer.db</c>; the
    /// first call (or <see cref="InitializeAsync"/>) creates it if missing and migrates it forward.</summary>
    /// <exception cref="ArgumentNullException">The connection string is null.</exception>
    /// <exception cref="ArgumentException">The connection string is empty or no valid SQLite connection string.</exception>
    public SqliteTlsIssuerStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        _database = new SqliteDatabase(builder, Migrations, $"the TLS issuer store {(builder.DataSource is { Length: > 0 } d ? Path.GetFileName(d) : ":memory:")}");
    }

    /// <summary>
    /// Creates the database and its tables if missing and applies the forward migrations it lacks; every call does this
    /// first, so a service calls it at start to fail fast and keep the first request quick. Idempotent.
    /// </summary>
    /// <exception cref="SqliteException">The database cannot be opened or created.</exception>
    /// <exception cref="InvalidOperationException">The file system does not allow WAL mode, or the database's schema is
    /// newer than this version of Pod knows.</exception>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _database.InitializeAsync(cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="DatabaseFileReplacedException">The database file was deleted or replaced under the store.</exception>
    public async ValueTask CreateSessionAsync(IssuanceSession session, byte[] nonceHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(nonceHash);
        await _database.WriteAsync(
            async (c, tx, token) =>
            {
                try
                {
                    return await ExecuteAsync(c, tx, token, "INSERT INTO tls_sessions (id, nonce_hash, state, created_at, expires_at, updated_at) VALUES ($id, $n, $s, $c, $e, $c)",
                        ("$id", session.SessionId), ("$n", nonceHash), ("$s", (int)session.State), ("$c", session.CreatedAt.ToUnixTimeMilliseconds()),
                        ("$e", session.ExpiresAt.ToUnixTimeMilliseconds())).ConfigureAwait(false);
                }
                catch (SqliteException e) when (e.SqliteErrorCode == 19)
                {
                    throw new InvalidOperationException("The session id or nonce already exists.", e);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IssuanceSession?> GetSessionAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        await using SqliteConnection c = await _database.OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand cmd = Command(c, null, "SELECT state, created_at, expires_at, updated_at, last_error FROM tls_sessions WHERE id = $id", ("$id", sessionId));
        await using SqliteDataReader r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
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
        await using SqliteConnection c = await _database.OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        return await UsableNonceAsync(c, null, nonceHash, now, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> UpdateSessionStateAsync(string sessionId, IssuanceSessionState state, TlsIssuanceError? error, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        int rows = await _database.WriteAsync(
            (c, tx, token) => ExecuteAsync(c, tx, token,
                "UPDATE tls_sessions SET state = $s, last_error = $err, updated_at = $now WHERE id = $id AND state <> $verified AND expires_at > $now",
                ("$s", (int)state), ("$err", error is null ? DBNull.Value : (int)error), ("$now", now.ToUnixTimeMilliseconds()), ("$id", sessionId),
                ("$verified", (int)IssuanceSessionState.Verified)),
            cancellationToken).ConfigureAwait(false);
        return rows == 1;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> IsEvidenceKnownAsync(byte[] evidenceDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidenceDigest);
        await using SqliteConnection c = await _database.OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        return await ScalarAsync(c, null, cancellationToken, "SELECT COUNT(*) FROM tls_evidence WHERE digest = $d", ("$d", evidenceDigest)).ConfigureAwait(false) is long n && n > 0;
    }

    /// <inheritdoc/>
    public async ValueTask<string?> GetUidOwnerAsync(byte[] uid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uid);
        await using SqliteConnection c = await _database.OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        return await ScalarAsync(c, null, cancellationToken, "SELECT owner FROM tls_uid_bindings WHERE uid = $u", ("$u", uid)).ConfigureAwait(false) as string;
    }

    /// <inheritdoc/>
    /// <exception cref="DatabaseFileReplacedException">The database file was deleted or replaced under the store.</exception>
    public ValueTask<IssuanceCommitOutcome> CommitIssuanceAsync(IssuanceCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return new(_database.WriteAsync(
            async (c, tx, token) =>
            {
                long now = commit.Now.ToUnixTimeMilliseconds();
                if (await UsableNonceAsync(c, tx, commit.NonceHash, commit.Now, token).ConfigureAwait(false) is not string sessionId)
                {
                    return IssuanceCommitOutcome.NonceUnknownOrUsed;
                }

                if (await ScalarAsync(c, tx, token, "SELECT COUNT(*) FROM tls_evidence WHERE digest = $d", ("$d", commit.EvidenceDigest)).ConfigureAwait(false) is long n && n > 0)
                {
                    return IssuanceCommitOutcome.EvidenceReplayed;
                }

                if (await ScalarAsync(c, tx, token, "SELECT owner FROM tls_uid_bindings WHERE uid = $u", ("$u", commit.Uid)).ConfigureAwait(false) is string owner
                    && owner != commit.Owner)
                {
                    return IssuanceCommitOutcome.UidAlreadyBound;
                }

                await ExecuteAsync(c, tx, token, "UPDATE tls_sessions SET nonce_used = 1, state = $s, last_error = NULL, updated_at = $now, issued_pod = $pod WHERE id = $id",
                    ("$s", (int)IssuanceSessionState.Verified), ("$now", now), ("$pod", (object?)commit.IssuedPod ?? DBNull.Value), ("$id", sessionId)).ConfigureAwait(false);
                await ExecuteAsync(c, tx, token, "INSERT INTO tls_evidence (digest, recorded_at, session_id) VALUES ($d, $now, $id)",
                    ("$d", commit.EvidenceDigest), ("$now", now), ("$id", sessionId)).ConfigureAwait(false);
                await ExecuteAsync(c, tx, token, "INSERT OR IGNORE INTO tls_uid_bindings (uid, owner, bound_at) VALUES ($u, $o, $now)",
                    ("$u", commit.Uid), ("$o", commit.Owner), ("$now", now)).ConfigureAwait(false);
                return IssuanceCommitOutcome.Committed;
            },
            cancellationToken,
            commitIf: outcome => outcome == IssuanceCommitOutcome.Committed));
    }

    /// <inheritdoc/>
    public async ValueTask<string?> GetIssuedPodAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        await using SqliteConnection c = await _database.OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        return await ScalarAsync(c, null, cancellationToken, "SELECT issued_pod FROM tls_sessions WHERE id = $id AND nonce_used = 1", ("$id", sessionId)).ConfigureAwait(false) as string;
    }

    /// <inheritdoc/>
    public async ValueTask<IssuedPodRecord?> FindIssuanceByEvidenceAsync(byte[] evidenceDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidenceDigest);
        await using SqliteConnection c = await _database.OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        await using SqliteCommand cmd = Command(c, null,
            "SELECT s.id, s.nonce_hash, s.issued_pod FROM tls_evidence e JOIN tls_sessions s ON s.id = e.session_id WHERE e.digest = $d AND s.nonce_used = 1",
            ("$d", evidenceDigest));
        await using SqliteDataReader r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await r.ReadAsync(cancellationToken).ConfigureAwait(false) ? new IssuedPodRecord(r.GetString(0), (byte[])r[1], r.IsDBNull(2) ? null : r.GetString(2)) : null;
    }

    /// <inheritdoc/>
    /// <exception cref="DatabaseFileReplacedException">The database file was deleted or replaced under the store.</exception>
    public async ValueTask<long> PurgeSessionsAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken)
    {
        long total = 0;
        int deleted;
        do
        {
            // Small batches: each holds the write lock briefly, so issuance goes on while a backlog is purged.
            deleted = await _database.WriteAsync(
                (c, tx, token) => ExecuteAsync(c, tx, token, $"DELETE FROM tls_sessions WHERE rowid IN (SELECT rowid FROM tls_sessions WHERE expires_at < $t LIMIT {PurgeBatch})",
                    ("$t", expiredBefore.ToUnixTimeMilliseconds())),
                cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == PurgeBatch);
        return total;
    }

    /// <inheritdoc/>
    /// <exception cref="DatabaseFileReplacedException">The database file was deleted or replaced under the store.</exception>
    public async ValueTask CheckHealthAsync(CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await _database.OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        await ScalarAsync(c, null, cancellationToken, "SELECT 1 FROM tls_sessions LIMIT 1").ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<TlsIssuerStoreCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        await using SqliteConnection c = await _database.OpenForReadAsync(cancellationToken).ConfigureAwait(false);
        return new TlsIssuerStoreCounts(
            (long)(await ScalarAsync(c, null, cancellationToken, "SELECT COUNT(*) FROM tls_sessions").ConfigureAwait(false))!,
            (long)(await ScalarAsync(c, null, cancellationToken, "SELECT COUNT(*) FROM tls_sessions WHERE nonce_used = 1").ConfigureAwait(false))!,
            (long)(await ScalarAsync(c, null, cancellationToken, "SELECT COUNT(*) FROM tls_evidence").ConfigureAwait(false))!,
            (long)(await ScalarAsync(c, null, cancellationToken, "SELECT COUNT(*) FROM tls_uid_bindings").ConfigureAwait(false))!);
    }

    /// <summary>Closes the pooled connections to the file; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _database.Dispose();

    /// <summary>Names the type only (the connection string may hold a password).</summary>
    public override string ToString() => nameof(SqliteTlsIssuerStore);

    private static async Task<string?> UsableNonceAsync(SqliteConnection c, SqliteTransaction? tx, byte[] nonceHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ScalarAsync(c, tx, cancellationToken, "SELECT id FROM tls_sessions WHERE nonce_hash = $n AND nonce_used = 0 AND expires_at > $now",
            ("$n", nonceHash), ("$now", now.ToUnixTimeMilliseconds())).ConfigureAwait(false) as string;

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        SqliteCommand cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }

        return cmd;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection c, SqliteTransaction? tx, CancellationToken cancellationToken, string sql,
        params (string Name, object Value)[] parameters)
    {
        await using SqliteCommand cmd = Command(c, tx, sql, parameters);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection c, SqliteTransaction? tx, CancellationToken cancellationToken, string sql,
        params (string Name, object Value)[] parameters)
    {
        await using SqliteCommand cmd = Command(c, tx, sql, parameters);
        return await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
