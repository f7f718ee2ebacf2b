using Pod.Issuers.Tls.Sgx;

namespace Pod.Issuers.Tls;

/// <summary>
/// An SGX DCAP version 3 quote (raw, or behind the 16-byte Open Enclave/EGo header) whose report data binds an
/// ephemeral P-256 session key (<see cref="SessionKeyBinding"/>), and that key's signature over the payload.
/// </summary>
/// <param name="QuoteOrOeReport">The quote bytes.</param>
/// <param name="SessionPublicKey">The session key, SEC1 uncompressed (65 bytes).</param>
/// <param name="KeyValidUntilUnix">The end of the session key's validity, in Unix seconds, as bound into the report data.</param>
/// <param name="PayloadSignature">ECDSA P-256 over SHA-256 of the signed payload, IEEE P1363 (r ‖ s, 64 bytes).</param>
/// <param name="Collateral">Offline collateral (TCB info, QE identity, CRLs), or null.</param>
public sealed record SgxDcapEvidence(byte[] QuoteOrOeReport, byte[] SessionPublicKey, long KeyValidUntilUnix, byte[] PayloadSignature,
    SgxCollateral? Collateral) : AttestationEvidence(SgxDcapVerifier.EvidenceKind);
