
namespace Pod.Gpc.Requests;

/// <summary>
/// What a verifier asks a holder to prove (@parcnet-js/podspec's <c>ProofRequest</c>, which apps hand to Zupass's
/// Z API <c>gpc.prove</c>): the proof config, the membership lists the config names, and optionally the external
/// nullifier (the scope of one use per person) and the watermark (the challenge the proof must carry).
/// </summary>
/// <remarks>
/// Issued by <see cref="GpcRequestVerifier.IssueRequestAsync"/> from a <see cref="GpcProofRequestTemplate"/>; its JSON
/// (<see cref="GpcJson.SerializeProofRequest"/>) is
/// <c>{"proofConfig": proofConfigToJSON, "membershipLists": podMembershipListsToJSON, "externalNullifier"?: podValueToJSON, "watermark"?: podValueToJSON}</c>,
/// the member names of podspec's <c>ProofRequest</c>, each member in the JSON form of the @pcd/gpc or @pcd/pod function that reads it.
/// </remarks>
public sealed class GpcProofRequest
{
    private readonly IReadOnlyDictionary<string, GpcMembershipList> _membershipLists = new Dictionary<string, GpcMembershipList>(StringComparer.Ordinal);

    /// <summary>The statement to prove.</summary>
    public required GpcProofConfig ProofConfig { get; init; }

    /// <summary>The membership lists the config names, by name (empty when it names none); copied when set.</summary>
    /// <exception cref="ArgumentNullException">The map or one of its lists is null.</exception>
    public IReadOnlyDictionary<string, GpcMembershipList> MembershipLists
    {
        get => _membershipLists;
        init => _membershipLists = ReadOnlyMaps.Copy(value, nameof(MembershipLists));
    }

    /// <summary>The external nullifier the owner's nullifier hash is computed for (the scope of one use per person); null for none.</summary>
    public PodValue? ExternalNullifier { get; init; }

    /// <summary>The watermark the proof must carry (for a challenge, the fresh value the verifier issued); null for none.</summary>
    public PodValue? Watermark { get; init; }
}
