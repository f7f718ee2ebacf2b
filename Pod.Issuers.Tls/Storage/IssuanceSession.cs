namespace Pod.Issuers.Tls.Storage;

/// <summary>An issuance session: no PII, only its state, times and last error code.</summary>
/// <param name="SessionId">The session id (Base64url, 16 random bytes).</param>
/// <param name="State">The current state.</param>
/// <param name="CreatedAt">When the nonce was issued.</param>
/// <param name="ExpiresAt">When the nonce and the session expire.</param>
/// <param name="UpdatedAt">The last state change.</param>
/// <param name="LastError">The code of the last refused submission, if any.</param>
public sealed record IssuanceSession(string SessionId, IssuanceSessionState State, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset UpdatedAt, TlsIssuanceError? LastError);
