namespace Pod.Issuers.Tls.Storage;

/// <summary>What one successful issuance writes, atomically.</summary>
/// <param name="NonceHash">SHA-256 of the nonce to consume.</param>
/// <param name="EvidenceDigest">The evidence digest to record.</param>
/// <param name="Uid">The UID to bind (31 bytes).</param>
/// <param name="Owner">The owner's public key (Base64 packed point).</param>
/// <param name="Now">The commit time.</param>
/// <param name="IssuedPod">The issued POD's JSON, kept with the session until it is purged so that a client whose answer
/// was lost can fetch it again (<see cref="ITlsIssuerStore.GetIssuedPodAsync"/>); null keeps none.</param>
public sealed record IssuanceCommit(byte[] NonceHash, byte[] EvidenceDigest, byte[] Uid, string Owner, DateTimeOffset Now, string? IssuedPod = null);
