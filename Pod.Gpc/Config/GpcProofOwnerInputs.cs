using Pod.Identity;

namespace Pod.Gpc;

/// <summary>
/// The owner of a proof (@pcd/gpc's GPCProofOwnerInputs): the identities that owner entries
/// (<see cref="GpcProofEntryConfig.IsOwnerId"/>) must match, and an optional external nullifier.
/// </summary>
public sealed class GpcProofOwnerInputs
{
    /// <summary>
    /// The owner's Semaphore V3 identity, needed when an entry is a SemaphoreV3 owner. The caller keeps and disposes it;
    /// its trapdoor and nullifier go only into the circuit's private inputs.
    /// </summary>
    public SemaphoreV3Identity? SemaphoreV3 { get; init; }

    /// <summary>
    /// The owner's Semaphore V4 identity, needed when an entry is a SemaphoreV4 owner. The caller keeps and disposes it;
    /// its secret scalar goes only into the circuit's private inputs.
    /// </summary>
    public SemaphoreIdentity? SemaphoreV4 { get; init; }

    /// <summary>
    /// When set, the proof reveals a nullifier hash tied to this value and the owner's identity, so
    /// repeated proofs (double votes) show without revealing who made them. Requires an owner entry.
    /// Numeric values enter the circuit as numbers, others as their value hash.
    /// </summary>
    public PodValue? ExternalNullifier { get; init; }
}
