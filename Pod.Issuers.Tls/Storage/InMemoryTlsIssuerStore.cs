namespace Pod.Issuers.Tls.Storage;

/// <summary>An <see cref="ITlsIssuerStore"/> in process memory, for tests and single-node development.</summary>
public sealed class InMemoryTlsIssuerStore : ITlsIssuerStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IssuanceSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string SessionId, bool Used)> _nonces = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evidence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _uids = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask CreateSessionAsync(IssuanceSession session, byte[] nonceHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(nonceHash);
        string key = Convert.ToHexString(nonceHash);
        lock (_lock)
        {
            if (_sessions.ContainsKey(session.SessionId) || _nonces.ContainsKey(key))
            {
                throw new InvalidOperationException("The session id or nonce already exists.");
            }

            _sessions[session.SessionId] = session;
            _nonces[key] = (session.SessionId, false);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<IssuanceSession?> GetSessionAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        lock (_lock)
        {
            return ValueTask.FromResult(_sessions.TryGetValue(sessionId, out IssuanceSession? s) ? Expire(s, now) : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<string?> FindUsableNonceAsync(byte[] nonceHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nonceHash);
        lock (_lock)
        {
            return ValueTask.FromResult(UsableNonce(Convert.ToHexString(nonceHash), now));
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> UpdateSessionStateAsync(string sessionId, IssuanceSessionState state, TlsIssuanceError? error, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out IssuanceSession? s) || s.State == IssuanceSessionState.Verified || now >= s.ExpiresAt)
            {
                return ValueTask.FromResult(false);
            }

            _sessions[sessionId] = s with { State = state, LastError = error, UpdatedAt = now };
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> IsEvidenceKnownAsync(byte[] evidenceDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidenceDigest);
        lock (_lock)
        {
            return ValueTask.FromResult(_evidence.Contains(Convert.ToHexString(evidenceDigest)));
        }
    }

    /// <inheritdoc/>
    public ValueTask<string?> GetUidOwnerAsync(byte[] uid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uid);
        lock (_lock)
        {
            return ValueTask.FromResult(_uids.TryGetValue(Convert.ToHexString(uid), out string? owner) ? owner : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IssuanceCommitOutcome> CommitIssuanceAsync(IssuanceCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        string nonce = Convert.ToHexString(commit.NonceHash), evidence = Convert.ToHexString(commit.EvidenceDigest), uid = Convert.ToHexString(commit.Uid);
        lock (_lock)
        {
            if (UsableNonce(nonce, commit.Now) is not string sessionId)
            {
                return ValueTask.FromResult(IssuanceCommitOutcome.NonceUnknownOrUsed);
            }

            if (_evidence.Contains(evidence))
            {
                return ValueTask.FromResult(IssuanceCommitOutcome.EvidenceReplayed);
            }

            if (_uids.TryGetValue(uid, out string? owner) && owner != commit.Owner)
            {
                return ValueTask.FromResult(IssuanceCommitOutcome.UidAlreadyBound);
            }

            _nonces[nonce] = (sessionId, true);
            _evidence.Add(evidence);
            _uids[uid] = commit.Owner;
            _sessions[sessionId] = _sessions[sessionId] with { State = IssuanceSessionState.Verified, LastError = null, UpdatedAt = commit.Now };
            return ValueTask.FromResult(IssuanceCommitOutcome.Committed);
        }
    }

    /// <inheritdoc/>
    public ValueTask<TlsIssuerStoreCounts> GetCountsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(new TlsIssuerStoreCounts(_sessions.Count, _nonces.Values.Count(n => n.Used), _evidence.Count, _uids.Count));
        }
    }

    private string? UsableNonce(string key, DateTimeOffset now) =>
        _nonces.TryGetValue(key, out var n) && !n.Used && now < _sessions[n.SessionId].ExpiresAt ? n.SessionId : null;

    private static IssuanceSession Expire(IssuanceSession s, DateTimeOffset now) =>
        now >= s.ExpiresAt && s.State != IssuanceSessionState.Verified ? s with { State = IssuanceSessionState.Expired } : s;
}
