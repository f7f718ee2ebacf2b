namespace Pod.Issuers.Tls.Storage;

/// <summary>Row counts of an issuer store, for health checks and tests.</summary>
/// <param name="Sessions">Sessions (one per nonce).</param>
/// <param name="UsedNonces">Nonces consumed by an issuance.</param>
/// <param name="EvidenceRecords">Evidence digests recorded.</param>
/// <param name="UidBindings">UID to owner bindings.</param>
public sealed record TlsIssuerStoreCounts(long Sessions, long UsedNonces, long EvidenceRecords, long UidBindings);
