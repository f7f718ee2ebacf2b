using Pod.Cryptography.Signatures;
using Pod.Pods;

namespace Pod.Samples.Verifier;

/// <summary>
/// What the verifier service accepts: where the circuits' keys are, which election (or airdrop) it counts, and the
/// policy a proof must meet besides being valid: which circuits, which issuers, which revealed values.
/// </summary>
internal sealed class GpcVerifierOptions
{
    /// <summary>The installed <c>@pcd/proto-pod-gpc-artifacts</c> package folder (only the <c>*-vkey.json</c> files are read).</summary>
    public required string ArtifactsDirectory { get; init; }

    /// <summary>The SQLite file of the nullifier registry (created if missing).</summary>
    public required string RegistryPath { get; init; }

    /// <summary>
    /// The election or action this service counts: the external nullifier every proof must carry (for example
    /// <c>PodValue.String("devcon-vote-2025")</c>). Its circuit signal is the registry scope.
    /// </summary>
    public required PodValue ExternalNullifier { get; init; }

    /// <summary>The circuits a bound config may name; a proof made for any other circuit is refused.</summary>
    public required IReadOnlySet<string> AllowedCircuits { get; init; }

    /// <summary>The issuers trusted: every POD in a proof must reveal its signer, and the signer must be one of these.</summary>
    public required IReadOnlySet<EdDsaPublicKey> TrustedSigners { get; init; }

    /// <summary>
    /// The bound configs accepted, as their canonical JSON (<c>GpcJson.SerializeBoundConfig(GpcCompiler.BindConfig(proofConfig).BoundConfig)</c>):
    /// the statements this verifier asks for. Null accepts any config on an allowed circuit (then the other checks carry the policy).
    /// </summary>
    public IReadOnlySet<string>? ExpectedBoundConfigs { get; init; }

    /// <summary>
    /// Revealed entries the policy requires, as <c>(pod name, entry name) → value</c>: for example the event of a ticket.
    /// Each must be revealed and equal.
    /// </summary>
    public IReadOnlyDictionary<(string Pod, string Entry), PodValue> RequiredEntries { get; init; } =
        new Dictionary<(string Pod, string Entry), PodValue>();

    /// <summary>The watermark a proof must carry (for example a per-session challenge); null accepts any or none.</summary>
    public PodValue? ExpectedWatermark { get; init; }

    /// <summary>The largest request body accepted, in bytes (a proof request is a few KiB).</summary>
    public long MaxRequestBodyBytes { get; init; } = 256 * 1024;
}
