namespace Pod.Issuers.Tls.Storage;

/// <summary>An <see cref="ITlsIssuerStore"/> in process memory, for tests and single-node development.</summary>
public sealed class InMemoryTlsIssuerStore : ITlsIssuerStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, IssuanceSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string SessionId, bool Used)> _nonces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string SessionId, string Nonce)> _evidence = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _issuedPods = new(StringComparer.Ordinal); // session id -> POD JSON
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
            return ValueTask.FromResult(_evidence.ContainsKey(Convert.ToHexString(evidenceDigest)));
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

            if (_evidence.ContainsKey(evidence))
            {
                return ValueTask.FromResult(IssuanceCommitOutcome.EvidenceReplayed);
            }

            if (_uids.TryGetValue(uid, out string? owner) && owner != commit.Owner)
            {
                return ValueTask.FromResult(IssuanceCommitOutcome.UidAlreadyBound);
            }

            _nonces[nonce] = (sessionId, true);
            _evidence[evidence] = (sessionId, nonce);
            _uids[uid] = commit.Owner;
            if (commit.IssuedPod is not null)
            {
                _issuedPods[sessionId] = commit.IssuedPod;
            }

            _sessions[sessionId] = _sessions[sessionId] with { State = IssuanceSessionState.Verified, LastError = null, UpdatedAt = commit.Now };
            return ValueTask.FromResult(IssuanceCommitOutcome.Committed);
        }
    }

    /// <inheritdoc/>
    public ValueTask<string?> GetIssuedPodAsync(string sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        lock (_lock)
        {
            return ValueTask.FromResult(_issuedPods.TryGetValue(sessionId, out string? pod) ? pod : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IssuedPodRecord?> FindIssuanceByEvidenceAsync(byte[] evidenceDigest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidenceDigest);
        lock (_lock)
        {
            if (!_evidence.TryGetValue(Convert.ToHexString(evidenceDigest), out var issuance) || !_sessions.ContainsKey(issuance.SessionId))
            {
                return ValueTask.FromResult<IssuedPodRecord?>(null);
            }

            (string sessionId, string nonce) = issuance;
            return ValueTask.FromResult<IssuedPodRecord?>(new IssuedPodRecord(sessionId, Convert.FromHexString(nonce), _issuedPods.GetValueOrDefault(sessionId)));
        }
    }

    /// <inheritdoc/>
    public ValueTask<long> PurgeSessionsAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            string[] doomed = _nonces.Where(n => _sessions[n.Value.SessionId].ExpiresAt < expiredBefore).Select(n => n.Key).ToArray();
            foreach (string nonce in doomed)
            {
                string sessionId = _nonces[nonce].SessionId;
                _nonces.Remove(nonce);
                _sessions.Remove(sessionId);
                _issuedPods.Remove(sessionId);
            }

            return ValueTask.FromResult((long)doomed.Length);
        }
    }

    /// <inheritdoc/>
    public ValueTask CheckHealthAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

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
