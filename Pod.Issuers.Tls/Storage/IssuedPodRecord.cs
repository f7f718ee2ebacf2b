namespace Pod.Issuers.Tls.Storage;

/// <summary>An issuance found by its evidence digest: the session it consumed and the POD it issued.</summary>
/// <param name="SessionId">The session whose nonce the issuance consumed.</param>
/// <param name="NonceHash">SHA-256 of that nonce.</param>
/// <param name="IssuedPod">The issued POD's JSON, or null when the commit kept none.</param>
public sealed record IssuedPodRecord(string SessionId, byte[] NonceHash, string? IssuedPod);
