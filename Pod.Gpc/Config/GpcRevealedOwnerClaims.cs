using Pod.Cryptography.Fields;

namespace Pod.Gpc;

/// <summary>
/// What a proof reveals about its owner (@pcd/gpc's GPCRevealedOwnerClaims): the external nullifier and
/// the nullifier hashes computed from it, never the identity.
/// </summary>
public sealed class GpcRevealedOwnerClaims
{
    /// <summary>The external nullifier of the inputs.</summary>
    public required PodValue ExternalNullifier { get; init; }

    /// <summary>Poseidon(external nullifier signal, V3 identity nullifier), when the circuit has a V3 owner module and a V3 identity was given.</summary>
    public Fr? NullifierHashV3 { get; init; }

    /// <summary>Poseidon(external nullifier signal, V4 secret scalar), when a V4 identity was given.</summary>
    public Fr? NullifierHashV4 { get; init; }
}
