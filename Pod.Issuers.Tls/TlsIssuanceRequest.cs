namespace Pod.Issuers.Tls;

/// <summary>A request to issue a POD from notarized provider data.</summary>
/// <param name="ProviderId">The provider spec id, for example <c>kyc.smileid.v1</c>.</param>
/// <param name="SignedPayload">The exact bytes the enclave signed: UTF-8 JSON (docs/tls-issuer.md, "Signed payload").</param>
/// <param name="Evidence">The attestation evidence.</param>
/// <param name="OwnerSemaphoreV4PublicKey">The owner's Semaphore V4 public key (packed point, Base64 or hex); must equal the payload's owner.</param>
/// <param name="ClientRequestId">An optional client correlation id, echoed in logs.</param>
public sealed record TlsIssuanceRequest(
    string ProviderId,
    ReadOnlyMemory<byte> SignedPayload,
    AttestationEvidence Evidence,
    string OwnerSemaphoreV4PublicKey,
    string? ClientRequestId = null);
