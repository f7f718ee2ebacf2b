using Microsoft.Data.Sqlite;

namespace Pod.Issuers.Tls.Storage;

/// <summary>
/// An <see cref="ITlsIssuerStore"/> in a SQLite database (the default for a single node). Tables: <c>tls_sessions</c>
/// (with the nonce hash), <c>tls_evidence</c>, <c>tls_uid_bindings</c>; times are Unix milliseconds. Every operation opens
/// its own connection; the commit runs in one <c>BEGIN IMMEDIATE</c> transaction.
/// </summary>
/// <remarks>
/// The file is created (with its tables, in WAL journal mode) only by the constructor; operations open it read-write
/// and never create it, so a database deleted under a running issuer makes calls fail instead of starting an empty one
/// that would accept used nonces and evidence again. Every connection runs with <c>synchronous=FULL</c>: a commit that
/// returned survives a power loss.
/// </remarks>
public sealed class SqliteTlsIssuerStore : ITlsIssuerStore
{
    private readonly string _connectionString;

    static SqliteTlsIssuerStore() => SQLitePCL.Batteries_V2.Init();

    /// <summary>Opens (and creates the tables of) the database at the connection string, for example <c>Data Source=issuer.db</c>.</summary>
    /// <exception cref="ArgumentException">The connection string is empty.</exception>
    /// <exception cref="SqliteException">The database cannot be opened or created.</exception>
    public SqliteTlsIssuerStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        bool inMemory = builder.DataSource is ":memory:" or "" || builder.Mode == SqliteOpenMode.Memory;
        if (!inMemory)
        {
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
        using SqliteConnection c = Open();
        Execute(c, null, """
            CREATE TABLE IF NOT EXISTS tls_sessions (
              id TEXT PRIMARY KEY, nonce_hash BLOB NOT NULL UNIQUE, nonce_used INTEGER NOT NULL DEFAULT 0,
              state INTEGER NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, last_error INTEGER);
            CREATE TABLE IF NOT EXISTS tls_evidence (digest BLOB PRIMARY KEY, recorded_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS tls_uid_bindings (uid BLOB PRIMARY KEY, owner TEXT NOT NULL, bound_at INTEGER NOT NULL);
            """);
    }

    /// <inheritdoc/>
    public ValueTask CreateSessionAsync(IssuanceSession session, byte[] nonceHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(nonceHash);
        using SqliteConnection c = Open();
        try
        {
            Execute(c, null, "INSERT INTO tls_sessions (id, nonce_hash, state, created_at, expires_at, updated_at) VALUES ($id, $n, $s, $c, $e, $c)",
                ("$id", session.SessionId), ("$n", nonceHash), ("$s", (int)session.State), ("$c", session.CreatedAt.ToUnixTimeMilliseconds()),
                ("$e", session.ExpiresAt.ToUnixTimeMilliseconds()));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new InvalidOperationException("The session id or nonce already exists.", e);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IssuanceSession?> GetSessionAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        using SqliteConnection c = Open();
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
        using SqliteConnection c = Open();
        return ValueTask.FromResult(UsableNonce(c, null, nonceHash, now));
    }

    /// <inheritdoc/>
    public ValueTask<bool> UpdateSessionStateAsync(string sessionId, IssuanceSessionState state, TlsIssuanceError? error, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        using SqliteConnection c = Open();
        int rows = Execute(c, null,
            "UPDATE tls_sessions SET state = $s, last_error = $err, updated_at = $now WHERE id = $id AND state <> $verified AND expires_at > $now",
            ("$s", (int)state), ("$err", error is null ? DBNull.Value : (int)error), ("$now", now.ToUnixTimeMilliseconds()), ("$id", sessionId),
            ("$verified", (int)IssuanceSessionState.Verified));
        return ValueTask.FromResult(rows == 1);
    }

    /// <inheritdoc/>
    public ValueTask<bool> IsEvidenceKnownAsync(byte[] evidenceDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidenceDigest);
        using SqliteConnection c = Open();
        return ValueTask.FromResult(Scalar(c, null, "SELECT COUNT(*) FROM tls_evidence WHERE digest = $d", ("$d", evidenceDigest)) is long n && n > 0);
    }

    /// <inheritdoc/>
    public ValueTask<string?> GetUidOwnerAsync(byte[] uid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uid);
        using SqliteConnection c = Open();
        return ValueTask.FromResult(Scalar(c, null, "SELECT owner FROM tls_uid_bindings WHERE uid = $u", ("$u", uid)) as string);
    }

    /// <inheritdoc/>
    public ValueTask<IssuanceCommitOutcome> CommitIssuanceAsync(IssuanceCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        using SqliteConnection c = Open();
        using SqliteTransaction tx = c.BeginTransaction(deferred: false);
        long now = commit.Now.ToUnixTimeMilliseconds();
        if (UsableNonce(c, tx, commit.NonceHash, commit.Now) is not string sessionId)
        {
            return ValueTask.FromResult(IssuanceCommitOutcome.NonceUnknownOrUsed);
        }

        if (Scalar(c, tx, "SELECT COUNT(*) FROM tls_evidence WHERE digest = $d", ("$d", commit.EvidenceDigest)) is long n && n > 0)
        {
            return ValueTask.FromResult(IssuanceCommitOutcome.EvidenceReplayed);
        }

        if (Scalar(c, tx, "SELECT owner FROM tls_uid_bindings WHERE uid = $u", ("$u", commit.Uid)) is string owner && owner != commit.Owner)
        {
            return ValueTask.FromResult(IssuanceCommitOutcome.UidAlreadyBound);
        }

        Execute(c, tx, "UPDATE tls_sessions SET nonce_used = 1, state = $s, last_error = NULL, updated_at = $now WHERE id = $id",
            ("$s", (int)IssuanceSessionState.Verified), ("$now", now), ("$id", sessionId));
        Execute(c, tx, "INSERT INTO tls_evidence (digest, recorded_at) VALUES ($d, $now)", ("$d", commit.EvidenceDigest), ("$now", now));
        Execute(c, tx, "INSERT OR IGNORE INTO tls_uid_bindings (uid, owner, bound_at) VALUES ($u, $o, $now)",
            ("$u", commit.Uid), ("$o", commit.Owner), ("$now", now));
        tx.Commit();
        return ValueTask.FromResult(IssuanceCommitOutcome.Committed);
    }

    /// <inheritdoc/>
    public ValueTask<TlsIssuerStoreCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        using SqliteConnection c = Open();
        return ValueTask.FromResult(new TlsIssuerStoreCounts(
            (long)Scalar(c, null, "SELECT COUNT(*) FROM tls_sessions")!,
            (long)Scalar(c, null, "SELECT COUNT(*) FROM tls_sessions WHERE nonce_used = 1")!,
            (long)Scalar(c, null, "SELECT COUNT(*) FROM tls_evidence")!,
            (long)Scalar(c, null, "SELECT COUNT(*) FROM tls_uid_bindings")!));
    }

    /// <summary>Names the type only (the connection string may hold a password).</summary>
    public override string ToString() => nameof(SqliteTlsIssuerStore);

    private static string? UsableNonce(SqliteConnection c, SqliteTransaction? tx, byte[] nonceHash, DateTimeOffset now) =>
        Scalar(c, tx, "SELECT id FROM tls_sessions WHERE nonce_hash = $n AND nonce_used = 0 AND expires_at > $now",
            ("$n", nonceHash), ("$now", now.ToUnixTimeMilliseconds())) as string;

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
