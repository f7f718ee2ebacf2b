using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Requests;
using Pod.Issuers.Tls;

namespace Pod.Samples.Airdrop;

/// <summary>
/// What the airdrop asks a holder of a TLS identity POD to prove: "I am 18 or older now" (an <c>inRange</c> on the hidden
/// birth date, whose upper end moves with time, and the POD not expired) and "my nationality is not on this 50-element
/// list" (hidden), both about a POD of the trusted issuer, each bound to a fresh challenge, scoped to the airdrop.
/// </summary>
/// <remarks>
/// Two proofs, because no circuit of the family takes both: the circuits with numeric slots take lists of at most 20
/// elements, and the 50-element list circuit has no numeric slot. Both reveal the holder's nullifier hash for the
/// airdrop, and the service requires the two to be equal: both are made by the owner of identity PODs of the issuer.
/// The issuer binds each UID (each person at the provider) to one owner identity, so this nullifier is one per UID per
/// airdrop. (Two PODs owned by one identity, for two UIDs, could answer one proof each; the claim still counts once.)
/// </remarks>
internal sealed record Airdrop(string Id, EdDsaPublicKey Issuer, IReadOnlyList<string> Banned)
{
    /// <summary>How far a moving bound may lag behind now: the time to fetch a request, prove and post.</summary>
    public static readonly TimeSpan BoundTolerance = TimeSpan.FromMinutes(10);

    /// <summary>Proof A; its two ranges are placeholders that the moving bounds replace with their value at request time.</summary>
    public static GpcProofConfig AgeConfig { get; } = GpcJson.ParseProofConfig("""
        {"pods":{"id":{"entries":{
            "pod_type":{"isRevealed":true},
            "birth_date":{"isRevealed":false,"inRange":{"min":-8640000000000000,"max":0}},
            "valid_until":{"isRevealed":false,"inRange":{"min":0,"max":8640000000000000}},
            "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}
        """);

    /// <summary>Proof B.</summary>
    public static GpcProofConfig NationalityConfig { get; } = GpcJson.ParseProofConfig("""
        {"pods":{"id":{"entries":{
            "pod_type":{"isRevealed":true},
            "nationality":{"isRevealed":false,"isNotMemberOf":"banned"},
            "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}
        """);

    /// <summary>50 codes: the user-assigned ISO 3166 ranges XA-XZ and YA-YX stand in for a real list.</summary>
    public static IReadOnlyList<string> SampleBannedList { get; } =
        [.. Enumerable.Range(0, 50).Select(i => $"{(char)('X' + (i / 26))}{(char)('A' + (i % 26))}")];

    public PodValue ExternalNullifier => PodValue.String(Id);

    /// <summary>Proof A's template: no external nullifier of its own (the service compares its nullifier with proof B's, which registers it).</summary>
    public GpcProofRequestTemplate AgeTemplate => new()
    {
        ProofConfig = AgeConfig,
        TrustedSigners = new HashSet<EdDsaPublicKey> { Issuer },
        RequiredEntries = new Dictionary<string, PodValue> { ["id.pod_type"] = PodValue.String(TlsPodEntries.PodTypeValue) },
        MovingBounds = [GpcMovingBound.AgeAtLeast("id.birth_date", 18, BoundTolerance), GpcMovingBound.NotExpired("id.valid_until", BoundTolerance)],
    };

    /// <summary>Proof B's template: the banned list, and the airdrop as external nullifier, registered once.</summary>
    public GpcProofRequestTemplate NationalityTemplate => new()
    {
        ProofConfig = NationalityConfig,
        MembershipLists = new Dictionary<string, GpcMembershipList> { ["banned"] = GpcMembershipList.Of(Banned.Select(PodValue.String)) },
        TrustedSigners = new HashSet<EdDsaPublicKey> { Issuer },
        RequiredEntries = new Dictionary<string, PodValue> { ["id.pod_type"] = PodValue.String(TlsPodEntries.PodTypeValue) },
        ExternalNullifier = ExternalNullifier,
    };
}
