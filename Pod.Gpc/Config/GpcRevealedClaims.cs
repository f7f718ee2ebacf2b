
namespace Pod.Gpc;

/// <summary>
/// The public data of a proof (@pcd/gpc's GPCRevealedClaims): what it reveals of each POD, of the owner,
/// the membership lists and the watermark. A verifier checks a proof against a bound config and these.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(GpcJsonConverter))]
public sealed class GpcRevealedClaims
{
    private readonly IReadOnlyDictionary<string, GpcRevealedObjectClaims> _pods = null!;
    private readonly IReadOnlyDictionary<string, GpcMembershipList>? _membershipLists;

    /// <summary>What is revealed of each POD, by name (PODs with nothing revealed are absent).</summary>
    /// <exception cref="ArgumentNullException">The map or one of its claims is null.</exception>
    public required IReadOnlyDictionary<string, GpcRevealedObjectClaims> Pods
    {
        get => _pods;
        init => _pods = ReadOnlyMaps.Copy(value, nameof(Pods));
    }

    /// <summary>The owner claims, present when the inputs had an external nullifier.</summary>
    public GpcRevealedOwnerClaims? Owner { get; init; }

    /// <summary>The membership lists of the inputs.</summary>
    /// <exception cref="ArgumentNullException">One of the lists is null.</exception>
    public IReadOnlyDictionary<string, GpcMembershipList>? MembershipLists
    {
        get => _membershipLists;
        init => _membershipLists = value is null ? null : ReadOnlyMaps.Copy(value, nameof(MembershipLists));
    }

    /// <summary>The watermark of the inputs.</summary>
    public PodValue? Watermark { get; init; }
}
