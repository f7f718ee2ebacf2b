using Pod.Cryptography.Signatures;
using Pod.Issuers.Tls.Providers;

namespace Pod.Issuers.Tls;

/// <summary>Configuration of a <see cref="TlsPodIssuer"/>. Its <see cref="ToString"/> shows no key material.</summary>
public sealed class TlsIssuerOptions
{
    /// <summary>The issuer's EdDSA-Poseidon signing key (required). Use a separate key when simulated evidence is allowed.</summary>
    public EdDsaPrivateKey? IssuerKey { get; set; }

    /// <summary>
    /// The signing key for PODs issued from simulated evidence, required when <see cref="AllowSimulatedEvidence"/> is set and never
    /// the <see cref="IssuerKey"/>, so verifiers tell them apart by signer. <c>AddPodSimulatedAttestation</c> makes one per process.
    /// </summary>
    public EdDsaPrivateKey? SimulatedIssuerKey { get; set; }

    /// <summary>The UID key K_uid, at least 32 bytes (required). Long-lived: rotating it breaks sybil resistance.</summary>
    public byte[]? UidKey { get; set; }

    /// <summary>The UID key id recorded in <c>uid_scheme</c>. Default <c>k1</c>.</summary>
    public string UidKeyId { get; set; } = "k1";

    /// <summary>
    /// Accept simulated evidence (development only). Default false. A hosted issuer gets it only from the development-only
    /// <c>AddPodSimulatedAttestation</c>, which refuses the Production environment; an issuer built by hand (tests, in-process
    /// samples) sets it together with a <see cref="Simulation.SimulatedEnclaveVerifier"/> and a <see cref="SimulatedIssuerKey"/>.
    /// </summary>
    public bool AllowSimulatedEvidence { get; set; }

    /// <summary>The enclave policy.</summary>
    public EnclavePolicy Policy { get; set; } = new();

    /// <summary>The provider specs, by id.</summary>
    public IList<ProviderSpec> Providers { get; } = [];

    /// <summary>How long a nonce (and its session) stays usable. Default 10 minutes.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a session (its state and issued POD, for <see cref="TlsPodIssuer.GetIssuedPodAsync"/> and idempotent retries)
    /// is kept after its nonce expired, before <see cref="TlsPodIssuer.PurgeExpiredSessionsAsync"/> deletes it. Default 1 day.
    /// </summary>
    public TimeSpan SessionRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The oldest notarization accepted. Default 10 minutes.</summary>
    public TimeSpan MaxNotarizationAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How far in the future a notarization time may lie. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The validity of issued PODs unless the provider spec sets one. Default 365 days.</summary>
    public TimeSpan DefaultValidity { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// For <see cref="TlsIssuerServiceCollectionExtensions.AddPodTlsIssuer"/>: keep issuance state in memory when no
    /// <see cref="Storage.ITlsIssuerStore"/> is registered (tests and development): lost at every restart, so never for
    /// production. The database stores come from Pod.Storage.Sqlite (<c>AddPodSqliteTlsIssuerStore</c>) and
    /// Pod.Storage.PostgreSql (<c>AddPodPostgreSqlTlsIssuerStore</c>).
    /// </summary>
    public bool UseInMemoryStore { get; set; }

    /// <summary>For the service registration: the pinned SGX root public-key hash. Default: the Intel SGX Root CA.</summary>
    public string SgxRootPublicKeySha256 { get; set; } = Sgx.SgxDcapVerifier.IntelRootPublicKeySha256;

    /// <summary>For the service registration: trusted Reclaim attestor addresses; none disables Reclaim evidence.</summary>
    public IList<string> ReclaimAttestors { get; } = [];

    /// <summary>For the service registration: how many trusted Reclaim attestors must sign. Default 1.</summary>
    public int ReclaimThreshold { get; set; } = 1;

    /// <summary>Lists the settings without keys.</summary>
    public override string ToString() =>
        $"TlsIssuerOptions (issuer key {(IssuerKey is null ? "unset" : "set")}, UID key {(UidKey is null ? "unset" : "set")} id {UidKeyId}, " +
        $"simulated evidence {(AllowSimulatedEvidence ? "allowed" : "refused")}, {Providers.Count} providers)";
}
