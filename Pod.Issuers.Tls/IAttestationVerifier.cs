namespace Pod.Issuers.Tls;

/// <summary>Verifies one kind of evidence: its cryptography and trust chain, not the issuer's enclave policy.</summary>
public interface IAttestationVerifier
{
    /// <summary>The evidence kind handled (<see cref="AttestationEvidence.Kind"/>).</summary>
    string Kind { get; }

    /// <summary>Verifies the evidence for the signed payload.</summary>
    /// <exception cref="TlsIssuanceException">The evidence does not verify; the code says why.</exception>
    ValueTask<AttestationResult> VerifyAsync(AttestationEvidence evidence, ReadOnlyMemory<byte> signedPayload, VerificationContext context,
        CancellationToken cancellationToken);
}
