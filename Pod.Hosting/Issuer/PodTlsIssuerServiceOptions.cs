namespace Pod.Hosting;

/// <summary>
/// The TLS issuer service's settings, bound from a configuration section (<c>Issuer</c> for <c>pod issuer serve</c>) by
/// <see cref="PodServiceHostingExtensions.AddPodTlsIssuerService"/> and validated when the host starts, each failure naming
/// its setting. Secrets are given as files (or as the environment's values of <see cref="IssuerKey"/> and <see cref="UidKey"/>),
/// never printed.
/// </summary>
public sealed class PodTlsIssuerServiceOptions
{
    /// <summary>The configuration section <c>pod issuer serve</c> reads.</summary>
    public const string SectionName = "Issuer";

    /// <summary>The file holding the issuer's EdDSA-Poseidon private key (Base64 or hex, as <c>pod key new</c> writes it).</summary>
    public string? IssuerKeyFile { get; set; }

    /// <summary>The issuer's private key itself (Base64 or hex), for a secret store that injects environment variables; <see cref="IssuerKeyFile"/> is preferred.</summary>
    public string? IssuerKey { get; set; }

    /// <summary>The file holding the UID key K_uid in Base64 (at least 32 bytes; <c>head -c 32 /dev/urandom | base64</c>). Long-lived: rotating it breaks sybil resistance.</summary>
    public string? UidKeyFile { get; set; }

    /// <summary>The UID key itself in Base64, for a secret store that injects environment variables; <see cref="UidKeyFile"/> is preferred.</summary>
    public string? UidKey { get; set; }

    /// <summary>The UID key id recorded in <c>uid_scheme</c>; null: the issuer's default (<c>k1</c>).</summary>
    public string? UidKeyId { get; set; }

    /// <summary>The provider spec files (JSON, docs/tls-issuer.md), one per provider.</summary>
    public IList<string> ProviderFiles { get; } = [];

    /// <summary>Where the sessions, nonces and UID bindings live; SQLite's default file is <c>pod-tls-issuer.db</c>.</summary>
    public PodStoreSettings Store { get; set; } = new();

    /// <summary>The SGX enclaves accepted: MRENCLAVE values in hex.</summary>
    public IList<string> AllowedMrEnclaves { get; } = [];

    /// <summary>The SGX enclave signers accepted, each <c>MRSIGNER_HEX:PRODUCT_ID:MIN_SVN</c>.</summary>
    public IList<string> AllowedSigners { get; } = [];

    /// <summary>Accept debug enclaves (never in production). Default false.</summary>
    public bool AllowDebugEnclaves { get; set; }

    /// <summary>The accepted TCB statuses besides <c>UpToDate</c> (names of <c>SgxTcbStatus</c>, such as <c>SWHardeningNeeded</c>).</summary>
    public IList<string> AcceptedTcbStatuses { get; } = [];

    /// <summary>The trusted Reclaim attestor addresses; none refuses Reclaim evidence.</summary>
    public IList<string> ReclaimAttestors { get; } = [];

    /// <summary>How many trusted Reclaim attestors must sign; null: 1.</summary>
    public int? ReclaimThreshold { get; set; }

    /// <summary>How long a nonce stays usable (for example <c>00:10:00</c>); null: the issuer's default.</summary>
    public TimeSpan? NonceLifetime { get; set; }

    /// <summary>How long a session is kept after its nonce expired; null: the issuer's default.</summary>
    public TimeSpan? SessionRetention { get; set; }

    /// <summary>The oldest notarization accepted; null: the issuer's default.</summary>
    public TimeSpan? MaxNotarizationAge { get; set; }

    /// <summary>The validity of issued PODs unless a provider spec sets one; null: the issuer's default.</summary>
    public TimeSpan? DefaultValidity { get; set; }

    /// <summary>Simulated evidence: for development only, see <see cref="PodSimulationSettings"/>.</summary>
    public PodSimulationSettings Simulation { get; set; } = new();

    /// <summary>The largest request body accepted, in bytes: an issuance request carries a payload of up to 64 KiB in Base64 and its evidence. Default 256 KiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = ServiceHosting.DefaultMaxRequestBodyBytes;

    /// <summary>Lists the settings that are set, never a key.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"PodTlsIssuerServiceOptions (issuer key {(IssuerKeyFile ?? (IssuerKey is null ? "unset" : "set"))}, UID key {(UidKeyFile ?? (UidKey is null ? "unset" : "set"))}, "
        + $"{ProviderFiles.Count} provider files, store {Store.Kind}, simulated evidence {(Simulation.Enabled ? "enabled" : "disabled")})";
}

/// <summary>
/// The <c>Simulation</c> section of the issuer's settings: simulated enclave evidence (<c>sim-v1</c>), for development. It is
/// accepted only in the Development environment (<c>ASPNETCORE_ENVIRONMENT=Development</c>), or elsewhere when
/// <see cref="AllowOutsideDevelopment"/> says so explicitly; PODs issued from it carry a signer of their own, made per process.
/// </summary>
public sealed class PodSimulationSettings
{
    /// <summary>Accept simulated evidence. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The simulation root's public key (SubjectPublicKeyInfo, Base64), as <c>SimulatedEnclave.ExportRootPublicKey</c> gives it; required when enabled.</summary>
    public string? RootPublicKey { get; set; }

    /// <summary>The simulated enclave's MRENCLAVE (hex) to accept; null: <c>SimulatedEnclave.DefaultMrEnclaveHex</c>.</summary>
    public string? MrEnclave { get; set; }

    /// <summary>Accept simulated evidence outside the Development environment too (a staging host). Default false.</summary>
    public bool AllowOutsideDevelopment { get; set; }
}
