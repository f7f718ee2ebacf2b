namespace Pod.Gpc;

/// <summary>
/// The configuration of one POD entry in a proof (@pcd/gpc's GPCProofEntryConfig): the entry is proven to
/// exist in the POD's Merkle tree (its name hash is public), its value is revealed or hidden, and it may
/// be constrained further.
/// </summary>
/// <remarks>
/// Entry identifiers name an entry as <c>podName.entryName</c>, or a virtual entry as
/// <c>podName.$contentID</c> / <c>podName.$signerPublicKey</c>. Comparisons in the circuit are of value
/// hashes (equality, lists) or of 64-bit numbers (ranges, inequalities).
/// </remarks>
public sealed class GpcProofEntryConfig : IGpcEntryConfig
{
    /// <summary>Whether the value is revealed in the claims (and its hash is a public output).</summary>
    public required bool IsRevealed { get; init; }

    /// <summary>
    /// The entry holds the owner's public identity for this protocol: a Semaphore V3 commitment
    /// (cryptographic) or a Semaphore V4 public key (eddsa_pubkey). Cannot be combined with
    /// <see cref="EqualsEntry"/> or <see cref="NotEqualsEntry"/>.
    /// </summary>
    public GpcIdentityProtocol? IsOwnerId { get; init; }

    /// <summary>An entry identifier whose value hash this entry's must equal.</summary>
    public string? EqualsEntry { get; init; }

    /// <summary>An entry identifier whose value hash this entry's must differ from.</summary>
    public string? NotEqualsEntry { get; init; }

    /// <summary>The name of a membership list (in the inputs and claims) the value must be in.</summary>
    public string? IsMemberOf { get; init; }

    /// <summary>The name of a membership list the value must not be in.</summary>
    public string? IsNotMemberOf { get; init; }

    /// <summary>The value (int, boolean or date) must lie in this interval; the bounds are public.</summary>
    public GpcClosedInterval? InRange { get; init; }

    /// <summary>The value (int, boolean or date) must lie outside this interval; the bounds are public.</summary>
    public GpcClosedInterval? NotInRange { get; init; }

    /// <summary>An entry identifier whose value this entry's must be less than (both need a bounds check).</summary>
    public string? LessThan { get; init; }

    /// <summary>An entry identifier whose value this entry's must be at most.</summary>
    public string? LessThanEq { get; init; }

    /// <summary>An entry identifier whose value this entry's must be greater than.</summary>
    public string? GreaterThan { get; init; }

    /// <summary>An entry identifier whose value this entry's must be at least.</summary>
    public string? GreaterThanEq { get; init; }
}
