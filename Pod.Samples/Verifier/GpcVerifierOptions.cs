using Pod.Gpc.Requests;

namespace Pod.Samples.Verifier;

/// <summary>
/// What the verifier service runs on: what it asks for (the library's <see cref="GpcProofRequestTemplate"/>), where the
/// circuits' keys are, and where its nullifier registry lives.
/// </summary>
internal sealed class GpcVerifierOptions
{
    /// <summary>The installed <c>@pcd/proto-pod-gpc-artifacts</c> package folder (only the <c>*-vkey.json</c> files are read).</summary>
    public required string ArtifactsDirectory { get; init; }

    /// <summary>The SQLite file of the nullifier registry (created if missing).</summary>
    public required string RegistryPath { get; init; }

    /// <summary>What the service asks for and accepts: statement, lists, trusted issuers, scope, watermark.</summary>
    public required GpcProofRequestTemplate Template { get; init; }

    /// <summary>The largest request body accepted, in bytes (a proof response is a few KiB).</summary>
    public long MaxRequestBodyBytes { get; init; } = 256 * 1024;

    /// <summary>The clock of challenges and moving bounds (the system clock when null).</summary>
    public TimeProvider? TimeProvider { get; init; }
}
