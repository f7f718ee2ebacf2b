namespace Pod.Issuers.Tls;

/// <summary>What verified evidence establishes; the issuer applies its policy and binding checks to it.</summary>
/// <param name="Kind">The evidence kind.</param>
/// <param name="Tee">The enclave identity, for TEE evidence.</param>
/// <param name="Attestors">The trusted attestors that signed, for Reclaim proofs.</param>
/// <param name="Tcb">The platform TCB status (<see cref="SgxTcbStatus.Unknown"/> without collateral).</param>
/// <param name="QeTcb">The quoting enclave's TCB status.</param>
/// <param name="Advisories">The Intel advisories of the TCB levels matched.</param>
/// <param name="EvidenceDigest">SHA-256 identifying the evidence, recorded so it is never accepted twice: over the signed report and the
/// payload hash for TEE evidence (not the malleable ECDSA signatures), over the identifier and low-s signatures for Reclaim.</param>
/// <param name="PayloadSha256">SHA-256 of the raw signed payload bytes.</param>
/// <param name="SessionPublicKey">The session key the report data must bind (TEE evidence), or null.</param>
/// <param name="KeyValidUntil">The end of the session key's validity, or null.</param>
/// <param name="PayloadSignature">The session key's P1363 signature over the payload, or null.</param>
/// <param name="Simulated">True for simulated evidence.</param>
/// <param name="VerifiedPayload">A payload the verifier built from signed fields (Reclaim), used instead of the request's bytes; or null.</param>
public sealed record AttestationResult(
    string Kind,
    TeeIdentity? Tee,
    IReadOnlyList<string> Attestors,
    SgxTcbStatus Tcb,
    SgxTcbStatus QeTcb,
    IReadOnlyList<string> Advisories,
    byte[] EvidenceDigest,
    byte[] PayloadSha256,
    byte[]? SessionPublicKey,
    DateTimeOffset? KeyValidUntil,
    byte[]? PayloadSignature,
    bool Simulated,
    byte[]? VerifiedPayload = null);
