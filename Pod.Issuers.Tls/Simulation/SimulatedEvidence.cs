using Pod.Issuers.Tls.Simulation;

namespace Pod.Issuers.Tls;

/// <summary>
/// Evidence from the development <see cref="SimulatedEnclave"/>: a 384-byte SGX report body signed by the
/// simulation root key (448 bytes in all), whose report data binds the session key exactly as for SGX.
/// Accepted only when <see cref="TlsIssuerOptions.AllowSimulatedEvidence"/> is true.
/// </summary>
/// <param name="SimReport">The report body followed by the simulation root's P1363 signature over it.</param>
/// <param name="SessionPublicKey">The session key, SEC1 uncompressed (65 bytes).</param>
/// <param name="KeyValidUntilUnix">The end of the session key's validity, in Unix seconds.</param>
/// <param name="PayloadSignature">ECDSA P-256 over SHA-256 of the signed payload, P1363.</param>
public sealed record SimulatedEvidence(byte[] SimReport, byte[] SessionPublicKey, long KeyValidUntilUnix, byte[] PayloadSignature)
    : AttestationEvidence(SimulatedEnclaveVerifier.EvidenceKind);
