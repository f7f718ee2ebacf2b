namespace Pod.Gpc.Requests;

/// <summary>The options of <c>services.AddPodGpcVerifier(...)</c>: what the verifier asks for and where the circuits' keys are.</summary>
public sealed class PodGpcVerifierOptions
{
    /// <summary>What the verifier asks for (required; checked at start-up).</summary>
    public GpcProofRequestTemplate? Template { get; set; }

    /// <summary>
    /// The installed <c>@pcd/proto-pod-gpc-artifacts</c> package folder (required; only its <c>*-vkey.json</c> files are read,
    /// on first use, so a package installed after start-up is picked up).
    /// </summary>
    public string? ArtifactsDirectory { get; set; }
}
