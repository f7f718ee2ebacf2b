using Pod.Issuers.Tls.Reclaim;

namespace Pod.Issuers.Tls;

/// <summary>A Reclaim Protocol proof (JSON as the Reclaim SDKs emit it). The request's signed payload is its <c>claimData.context</c>.</summary>
/// <param name="ProofJson">The proof.</param>
public sealed record ReclaimEvidence(string ProofJson) : AttestationEvidence(ReclaimVerifier.EvidenceKind)
{
    /// <summary>Names the kind and size only: a proof's parameters can hold personal data.</summary>
    public override string ToString() => $"ReclaimEvidence ({ProofJson?.Length ?? 0} characters)";
}
