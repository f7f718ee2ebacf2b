using Microsoft.Data.Sqlite;
using Pod.Identity.Storage;

namespace Pod.Issuers.Tls.Storage;

/// <summary>
/// An <see cref="ITlsIssuerStore"/> in a SQLite database (the default for a single node). Tables: <c>tls_sessions</c>
/// (with the nonce hash and the issued POD), <c>tls_evidence</c>, <c>tls_uid_bindings</c>, <c>schema_version</c>; times
/// are Unix milliseconds. Every operation takes a pooled connection; the commit runs in one <c>BEGIN IMMEDIATE</c>
/// transaction.
/// </summary>
/// <remarks>
/// <para>The file is created (with its tables, in WAL journal mode) only by the constructor, which also applies the
/// forward schema migrations a newer Pod brings (each once, recorded in <c>schema_version</c>); operations open it
/// read-write and never create it. Every connection runs with <c>synchronous=FULL</c>: a commit that returned survives a
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

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteFileGuard? _guard;
    private volatile bool _disposed;

    static SqliteTlsIssuerStore() => SQLitePCL.Batteries_V2.Init();

    /// <summary>Opens (creating if missing, and migrating forward) the database at the connection string, for example
    /// <c>Data Source=issuer.db</c>.</summary>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    /// <exception cref="SqliteException">The database cannot be opened or created.</exception>
    /// <exception cref="InvalidOperationException">The database's schema is newer than this version of Pod knows.</exception>
    public SqliteTlsIssuerStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        bool inMemory = builder.DataSource is ":memory:" or "" || builder.Mode == SqliteOpenMode.Memory;
        if (!inMemory)
        {
            builder.DataSource = Path.GetFullPath(builder.DataSource);
            builder.Mode = SqliteOpenMode.ReadWriteCreate;
        }

        using (var create = new SqliteConnection(builder.ToString()))
        {
            create.Open();
            if (!inMemory)
            {
                Execute(create, null, "PRAGMA journal_mode = WAL");
            }
        }

        if (!inMemory)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }

        _connectionString = builder.ToString();
        using (SqliteConnection c = Open())
        {
            SqliteSchemaMigrations.Apply(c, Migrations, $"the TLS issuer store {builder.DataSource}");
        }

        _guard = inMemory ? null : new SqliteFileGuard(builder.DataSource);
    }

    /// <inheritdoc/>
    /// <exception cref="DatabaseFileReplacedException">The database file was deleted or replaced under the store.</exception>
    public async ValueTask CreateSessionAsync(IssuanceSession session, byte[] nonceHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(nonceHash);
        await WriteAsync(
            (c, tx) =>
            {
                try
                {
                    return Execute(c, tx, "INSERT INTO tls_sessions (id, nonce_hash, state, created_at, expires_at, updated_at) VALUES ($id, $n, $s, $c, $e, $c)",
                        ("$id", session.SessionId), ("$n", nonceHash), ("$s", (int)session.State), ("$c", session.CreatedAt.ToUnixTimeMilliseconds()),
                        ("$e", session.ExpiresAt.ToUnixTimeMilliseconds()));
                }
                catch (SqliteException e) when (e.SqliteErrorCode == 19)
                {
                    throw new InvalidOperationException("The session id or nonce already exists.", e);
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask<IssuanceSession?> GetSessionAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        using SqliteConnection c = OpenChecked();
        using SqliteCommand cmd = Command(c, null, "SELECT state, created_at, expires_at, updated_at, last_error FROM tls_sessions WHERE id = $id", ("$id", sessionId));
        using SqliteDataReader r = cmd.ExecuteReader();
        if (!r.Read())
        {
            return ValueTask.FromResult<IssuanceSession?>(null);
        }

        var state = (IssuanceSessionState)r.GetInt32(0);
        DateTimeOffset expires = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2));
        if (now >= expires && state != IssuanceSessionState.Verified)
        {
            state = IssuanceSessionState.Expired;
        }

        return ValueTask.FromResult<IssuanceSession?>(new IssuanceSession(sessionId, state, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), expires,
            DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)), r.IsDBNull(4) ? null : (TlsIssuanceError)r.GetInt32(4)));
    }

    /// <inheritdoc/>
    public ValueTask<string?> FindUsableNonceAsync(byte[] nonceHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nonceHash);
        using SqliteConnection c = OpenChecked();
        return ValueTask.FromResult(UsableNonce(c, null, nonceHash, now));
    }

    /// <inheritdoc/>
    public async ValueTask<bool> UpdateSessionStateAsync(string sessionId, IssuanceSessionState state, TlsIssuanceError? error, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        int rows = await WriteAsync(
            (c, tx) => Execute(c, tx,
                "UPDATE tls_sessions SET state = $s, last_error = $err, updated_at = $now WHERE id = $id AND state <> $verified AND expires_at > $now",
                ("$s", (int)state), ("$err", error is null ? DBNull.Value : (int)error), ("$now", now.ToUnixTimeMilliseconds()), ("$id", sessionId),
                ("$verified", (int)IssuanceSessionState.Verified)),
            cancellationToken).ConfigureAwait(false);
        return rows == 1;
    }

    /// <inheritdoc/>
    public ValueTask<bool> IsEvidenceKnownAsync(byte[] evidenceDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidenceDigest);
        using SqliteConnection c = OpenChecked();
        return ValueTask.FromResult(Scalar(c, null, "SELECT COUNT(*) FROM tls_evidence WHERE digest = $d", ("$d", evidenceDigest)) is long n && n > 0);
    }

    /// <inheritdoc/>
    public ValueTask<string?> GetUidOwnerAsync(byte[] uid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uid);
        using SqliteConnection c = OpenChecked();
        return ValueTask.FromResult(Scalar(c, null, "SELECT owner FROM tls_uid_bindings WHERE uid = $u", ("$u", uid)) as string);
    }

    /// <inheritdoc/>
    /// <exception cref="DatabaseFileReplacedException">The database file was deleted or replaced under the store.</exception>
    public ValueTask<IssuanceCommitOutcome> CommitIssuanceAsync(IssuanceCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        return new(WriteAsync(
            (c, tx) =>
            {
                long now = commit.Now.ToUnixTimeMilliseconds();
                if (UsableNonce(c, tx, commit.NonceHash, commit.Now) is not string sessionId)
                {
                    return IssuanceCommitOutcome.NonceUnknownOrUsed;
                }

                if (Scalar(c, tx, "SELECT COUNT(*) FROM tls_evidence WHERE digest = $d", ("$d", commit.EvidenceDigest)) is long n && n > 0)
                {
                    return IssuanceCommitOutcome.EvidenceReplayed;
                }

                if (Scalar(c, tx, "SELECT owner FROM tls_uid_bindings WHERE uid = $u", ("$u", commit.Uid)) is string owner && owner != commit.Owner)
                {
                    return IssuanceCommitOutcome.UidAlreadyBound;
                }

                Execute(c, tx, "UPDATE tls_sessions SET nonce_used = 1, state = $s, last_error = NULL, updated_at = $now, issued_pod = $pod WHERE id = $id",
                    ("$s", (int)IssuanceSessionState.Verified), ("$now", now), ("$pod", (object?)commit.IssuedPod ?? DBNull.Value), ("$id", sessionId));
                Execute(c, tx, "INSERT INTO tls_evidence (digest, recorded_at, session_id) VALUES ($d, $now, $id)",
                    ("$d", commit.EvidenceDigest), ("$now", now), ("$id", sessionId));
                Execute(c, tx, "INSERT OR IGNORE INTO tls_uid_bindings (uid, owner, bound_at) VALUES ($u, $o, $now)",
                    ("$u", commit.Uid), ("$o", commit.Owner), ("$now", now));
                return IssuanceCommitOutcome.Committed;
            },
            cancellationToken,
            commitIf: outcome => outcome == IssuanceCommitOutcome.Committed));
    }

    /// <inheritdoc/>
    public ValueTask<string?> GetIssuedPodAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        using SqliteConnection c = OpenChecked();
        return ValueTask.FromResult(Scalar(c, null, "SELECT issued_pod FROM tls_sessions WHERE id = $id AND nonce_used = 1", ("$id", sessionId)) as string);
    }

    /// <inheritdoc/>
    public ValueTask<IssuedPodRecord?> FindIssuanceByEvidenceAsync(byte[] evidenceDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidenceDigest);
        using SqliteConnection c = OpenChecked();
        using SqliteCommand cmd = Command(c, null,
            "SELECT s.id, s.nonce_hash, s.issued_pod FROM tls_evidence e JOIN tls_sessions s ON s.id = e.session_id WHERE e.digest = $d AND s.nonce_used = 1",
            ("$d", evidenceDigest));
        using SqliteDataReader r = cmd.ExecuteReader();
        return ValueTask.FromResult(r.Read() ? new IssuedPodRecord(r.GetString(0), (byte[])r[1], r.IsDBNull(2) ? null : r.GetString(2)) : null);
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
            deleted = await WriteAsync(
                (c, tx) => Execute(c, tx, $"DELETE FROM tls_sessions WHERE rowid IN (SELECT rowid FROM tls_sessions WHERE expires_at < $t LIMIT {PurgeBatch})",
                    ("$t", expiredBefore.ToUnixTimeMilliseconds())),
                cancellationToken).ConfigureAwait(false);
            total += deleted;
        }
        while (deleted == PurgeBatch);
        return total;
    }

    /// <inheritdoc/>
    /// <exception cref="DatabaseFileReplacedException">The database file was deleted or replaced under the store.</exception>
    public ValueTask CheckHealthAsync(CancellationToken cancellationToken)
    {
        using SqliteConnection c = OpenChecked();
        Scalar(c, null, "SELECT 1 FROM tls_sessions LIMIT 1");
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<TlsIssuerStoreCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        using SqliteConnection c = OpenChecked();
        return ValueTask.FromResult(new TlsIssuerStoreCounts(
            (long)Scalar(c, null, "SELECT COUNT(*) FROM tls_sessions")!,
            (long)Scalar(c, null, "SELECT COUNT(*) FROM tls_sessions WHERE nonce_used = 1")!,
            (long)Scalar(c, null, "SELECT COUNT(*) FROM tls_evidence")!,
            (long)Scalar(c, null, "SELECT COUNT(*) FROM tls_uid_bindings")!));
    }

    /// <summary>Closes the pooled connections to the file; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ClearPool();

        // Only now: closing any descriptor of the file drops this process's POSIX locks on it.
        _guard?.Dispose();
    }

    /// <summary>Names the type only (the connection string may hold a password).</summary>
    public override string ToString() => nameof(SqliteTlsIssuerStore);

    private static string? UsableNonce(SqliteConnection c, SqliteTransaction? tx, byte[] nonceHash, DateTimeOffset now) =>
        Scalar(c, tx, "SELECT id FROM tls_sessions WHERE nonce_hash = $n AND nonce_used = 0 AND expires_at > $now",
            ("$n", nonceHash), ("$now", now.ToUnixTimeMilliseconds())) as string;

    // One write: through the gate, in a BEGIN IMMEDIATE transaction, with the file checked inside the write lock before
    // the commit (nothing is written to a replaced file) and after it (nothing is acknowledged unless the path still
    // named the file when the commit returned). A result commitIf refuses rolls back.
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken, Func<T, bool>? commitIf = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using SqliteConnection c = OpenChecked();
            using SqliteTransaction tx = c.BeginTransaction(deferred: false);
            T result = write(c, tx);
            if (commitIf is not null && !commitIf(result))
            {
                return result;
            }

            CheckFile(afterCommit: false);
            tx.Commit();
            CheckFile(afterCommit: true);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void CheckFile(bool afterCommit)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            _guard?.EnsureCurrent(afterCommit);
        }
        catch (DatabaseFileReplacedException)
        {
            // Close the idle connections to the old file; the ones in use close when their calls end.
            ClearPool();
            throw;
        }
    }

    private void ClearPool()
    {
        using var c = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(c);
    }

    private SqliteConnection OpenChecked()
    {
        CheckFile(afterCommit: false);
        return Open();
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        try
        {
            c.Open();
            Execute(c, null, "PRAGMA synchronous = FULL");
            return c;
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

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

    private static int Execute(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand cmd = Command(c, tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand cmd = Command(c, tx, sql, parameters);
        return cmd.ExecuteScalar();
    }
}
