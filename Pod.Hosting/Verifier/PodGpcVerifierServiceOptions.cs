using Pod.Gpc.Requests;

namespace Pod.Hosting;

/// <summary>
/// The GPC verifier service's settings, bound from a configuration section (<c>Verifier</c> for <c>pod verifier serve</c>) by
/// <see cref="PodServiceHostingExtensions.AddPodGpcVerifierService"/> and validated when the host starts, each failure naming
/// its setting. The request the service issues is <see cref="Template"/> when code sets it, else the one the settings describe.
/// </summary>
public sealed class PodGpcVerifierServiceOptions
{
    /// <summary>The configuration section <c>pod verifier serve</c> reads.</summary>
    public const string SectionName = "Verifier";

    /// <summary>The installed <c>@pcd/proto-pod-gpc-artifacts</c> package folder (required; only its <c>*-vkey.json</c> files are read, on first use).</summary>
    public string? ArtifactsDirectory { get; set; }

    /// <summary>The proof config the service asks for: a file in @pcd/gpc's JSON form (required unless <see cref="Template"/> is set).</summary>
    public string? ProofConfigFile { get; set; }

    /// <summary>The issuers whose PODs are accepted: EdDSA public keys (Base64 or hex), at least one.</summary>
    public IList<string> TrustedSigners { get; } = [];

    /// <summary>The external nullifier (a string), for one use per identity (an election, an airdrop); null: none, no registry used.</summary>
    public string? ExternalNullifier { get; set; }

    /// <summary>The watermark: <see cref="GpcWatermarkPolicy.Challenge"/> (a fresh challenge per request, the default), <c>Any</c> or <c>Fixed</c>.</summary>
    public GpcWatermarkPolicy WatermarkPolicy { get; set; } = GpcWatermarkPolicy.Challenge;

    /// <summary>The watermark string for <see cref="GpcWatermarkPolicy.Fixed"/>.</summary>
    public string? FixedWatermark { get; set; }

    /// <summary>How long a challenge stays usable; null: the template's default (5 minutes).</summary>
    public TimeSpan? ChallengeLifetime { get; set; }

    /// <summary>The circuits accepted (identifiers such as <c>proto-pod-gpc_1o-5e-6md-...</c>); empty: any circuit of the family that fits.</summary>
    public IList<string> AllowedCircuits { get; } = [];

    /// <summary>The nullifier registry; SQLite's default file is <c>pod-nullifiers.db</c>.</summary>
    public PodStoreSettings Registry { get; set; } = new();

    /// <summary>The largest request body accepted, in bytes (a proof response is a few KiB). Default 256 KiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = ServiceHosting.DefaultMaxRequestBodyBytes;

    /// <summary>
    /// What the service asks for, set in code (membership lists, moving bounds and required entries have no settings); when set,
    /// <see cref="ProofConfigFile"/>, <see cref="TrustedSigners"/>, <see cref="ExternalNullifier"/>, the watermark settings,
    /// <see cref="ChallengeLifetime"/> and <see cref="AllowedCircuits"/> are ignored. Never bound from configuration.
    /// </summary>
    public GpcProofRequestTemplate? Template { get; set; }

    /// <summary>Lists the settings.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"PodGpcVerifierServiceOptions (artifacts {ArtifactsDirectory ?? "unset"}, {(Template is null ? $"proof config {ProofConfigFile ?? "unset"}" : "template set in code")}, "
        + $"{TrustedSigners.Count} trusted signers, registry {Registry.Kind})";
}
