namespace Pod.Issuers.Tls.Storage;

/// <summary>
/// The issuer's state: sessions with their single-use nonces (stored hashed), evidence digests never accepted twice,
/// and UID to owner bindings. <see cref="CommitIssuanceAsync"/> is the only write of an issuance and is atomic.
/// </summary>
public interface ITlsIssuerStore
{
    /// <summary>Records a new session and its nonce hash.</summary>
    /// <exception cref="InvalidOperationException">The session id or nonce hash already exists.</exception>
    ValueTask CreateSessionAsync(IssuanceSession session, byte[] nonceHash, CancellationToken cancellationToken);

    /// <summary>The session, or null; a session past its expiry that was not verified reads as <see cref="IssuanceSessionState.Expired"/>.</summary>
    ValueTask<IssuanceSession?> GetSessionAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The id of the session whose unused, unexpired nonce has this hash, or null.</summary>
    ValueTask<string?> FindUsableNonceAsync(byte[] nonceHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Moves a session to a state, unless it is verified or past its expiry; false when it did not change.</summary>
    ValueTask<bool> UpdateSessionStateAsync(string sessionId, IssuanceSessionState state, TlsIssuanceError? error, DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>True when the evidence digest was recorded by an earlier issuance.</summary>
    ValueTask<bool> IsEvidenceKnownAsync(byte[] evidenceDigest, CancellationToken cancellationToken);

    /// <summary>The owner bound to the UID, or null.</summary>
    ValueTask<string?> GetUidOwnerAsync(byte[] uid, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: consume the nonce (unused, unexpired), record the evidence digest (new), bind the UID (new, or
    /// already bound to the same owner) and mark the session verified. Writes nothing unless all succeed. The checks go in
    /// that order and the outcome names the first that failed: a commit that repeats a committed one is
    /// <see cref="IssuanceCommitOutcome.NonceUnknownOrUsed"/>, which the issuer answers as a retry of that one.
    /// </summary>
    ValueTask<IssuanceCommitOutcome> CommitIssuanceAsync(IssuanceCommit commit, CancellationToken cancellationToken);

    /// <summary>The POD issued in the session, as JSON, or null (unknown or purged session, nothing issued, or none kept).</summary>
    ValueTask<string?> GetIssuedPodAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The issuance that recorded this evidence digest, while its session is kept; null otherwise.</summary>
    ValueTask<IssuedPodRecord?> FindIssuanceByEvidenceAsync(byte[] evidenceDigest, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the sessions (and their nonces and issued PODs) that expired before <paramref name="expiredBefore"/>, in
    /// batches; evidence digests and UID bindings are kept forever. Returns how many sessions went.
    /// </summary>
    ValueTask<long> PurgeSessionsAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken);

    /// <summary>Throws unless the store can serve; costs the same whatever the store holds (for health checks).</summary>
    ValueTask CheckHealthAsync(CancellationToken cancellationToken);

    /// <summary>Row counts (reads every table: for tests and occasional audits, not for health checks).</summary>
    ValueTask<TlsIssuerStoreCounts> GetCountsAsync(CancellationToken cancellationToken);
}
