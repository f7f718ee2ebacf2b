
namespace Pod.Gpc;

/// <summary>
/// The data of one proof (@pcd/gpc's GPCProofInputs): the PODs named as in the config, the owner, the
/// membership lists and a watermark. The revealed parts reappear in the <see cref="GpcRevealedClaims"/>.
/// </summary>
public sealed class GpcProofInputs
{
    private readonly IReadOnlyDictionary<string, SignedPod> _pods = null!;
    private readonly IReadOnlyDictionary<string, GpcMembershipList>? _membershipLists;

    /// <summary>The PODs, by the names the config uses.</summary>
    /// <exception cref="ArgumentNullException">The map or one of its PODs is null.</exception>
    public required IReadOnlyDictionary<string, SignedPod> Pods
    {
        get => _pods;
        init => _pods = ReadOnlyMaps.Copy(value, nameof(Pods));
    }

    /// <summary>The owner's identities and external nullifier, when entries are owner IDs.</summary>
    public GpcProofOwnerInputs? Owner { get; init; }

    /// <summary>The membership lists the config names, by name (exactly those).</summary>
    /// <exception cref="ArgumentNullException">One of the lists is null.</exception>
    public IReadOnlyDictionary<string, GpcMembershipList>? MembershipLists
    {
        get => _membershipLists;
        init => _membershipLists = value is null ? null : ReadOnlyMaps.Copy(value, nameof(MembershipLists));
    }

    /// <summary>A value the proof is bound to (public, not tied to the owner): numeric values as numbers, others as their hash.</summary>
    public PodValue? Watermark { get; init; }
}
