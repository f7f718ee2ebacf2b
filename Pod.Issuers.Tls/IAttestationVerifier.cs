namespace Pod.Issuers.Tls;

/// <summary>Verifies one kind of evidence: its cryptography and trust chain, not the issuer's enclave policy.</summary>
public interface IAttestationVerifier
{
    /// <summary>The evidence kind handled (<see cref="AttestationEvidence.Kind"/>).</summary>
    string Kind { get; }

    /// <summary>
    /// Verifies the evidence for the signed payload. Evidence that does not verify, or is of another kind, comes back as
    /// <see cref="AttestationVerification.Refused"/> with its code; an implementation throws only for its caller's bugs and for
    /// faults of its environment (which the issuer answers with <see cref="TlsIssuanceError.InternalError"/>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="evidence"/> or <paramref name="context"/> is null.</exception>
    ValueTask<AttestationVerification> VerifyAsync(AttestationEvidence evidence, ReadOnlyMemory<byte> signedPayload, VerificationContext context,
        CancellationToken cancellationToken);
}
