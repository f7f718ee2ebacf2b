namespace Pod.Issuers.Tls;

/// <summary>
/// The entry names the issuer writes into every POD (docs/tls-issuer.md, "Issued POD entries"); provider specs
/// may not use them for claims.
/// </summary>
public static class TlsPodEntries
{
    /// <summary>The <c>pod_type</c> value of identity PODs issued from TLS evidence.</summary>
    public const string PodTypeValue = "pod.tls.identity.v1";

    /// <summary><c>pod_type</c> (string).</summary>
    public const string PodType = "pod_type";

    /// <summary><c>owner</c> (eddsa_pubkey): the holder's Semaphore V4 public key.</summary>
    public const string Owner = "owner";

    /// <summary><c>provider</c> (string): the provider spec id.</summary>
    public const string Provider = "provider";

    /// <summary><c>provider_spec_hash</c> (bytes): SHA-256 of the canonical provider spec.</summary>
    public const string ProviderSpecHash = "provider_spec_hash";

    /// <summary><c>uid</c> (cryptographic): the 248-bit keyed UID.</summary>
    public const string Uid = "uid";

    /// <summary><c>uid_scheme</c> (string): <c>hmac-sha256-248/v1/&lt;keyId&gt;</c>.</summary>
    public const string UidScheme = "uid_scheme";

    /// <summary><c>attestation_kind</c> (string): <c>sgx-dcap-v3</c>, <c>reclaim-v1</c> or <c>simulated</c>.</summary>
    public const string AttestationKind = "attestation_kind";

    /// <summary>
    /// <c>attestation_digest</c> (bytes): SHA-256 of the evidence. The store refuses a digest twice, so it also makes
    /// content IDs differ per issuance, and it commits to the quote and so to the enclave's measurement.
    /// </summary>
    public const string AttestationDigest = "attestation_digest";

    /// <summary><c>issued_at</c> (date).</summary>
    public const string IssuedAt = "issued_at";

    /// <summary><c>valid_until</c> (date).</summary>
    public const string ValidUntil = "valid_until";

    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        PodType, Owner, Provider, ProviderSpecHash, Uid, UidScheme, AttestationKind, AttestationDigest, IssuedAt, ValidUntil,
    };

    /// <summary>
    /// The most claim and derived entries a provider spec may declare: with the issuer's ten entries an identity POD
    /// then has at most 16 entries, a Merkle tree of depth 5, which every proto-pod-gpc circuit with membership lists
    /// accepts (docs/tls-issuer.md, "Issued entries").
    /// </summary>
    public const int MaxClaimEntries = 6;

    /// <summary>True when the name is written by the issuer itself.</summary>
    public static bool IsReserved(string name) => Reserved.Contains(name);
}
