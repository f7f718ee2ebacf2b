using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Requests;

namespace Pod.Samples.Election;

/// <summary>
/// An anonymous election: its id (the external nullifier of every ballot), the authority that issues voter PODs, the
/// candidates, and the statement a ballot proves.
/// </summary>
/// <remarks>
/// A voter POD is <c>{electionId, owner}</c> signed by the authority, <c>owner</c> the voter's Semaphore V4 public
/// key. A ballot is a GPC proof that its sender owns such a POD: it reveals the election id and the authority's key,
/// hides the owner and the POD, carries the election as external nullifier (so it reveals the voter's nullifier hash
/// for this election, the same for every ballot of one voter, unlinkable across elections) and the choice as
/// watermark (bound into the proof, so nobody can move a ballot to another candidate).
/// </remarks>
internal sealed record Election(string Id, EdDsaPublicKey Authority, IReadOnlyList<string> Candidates)
{
    /// <summary>What a ballot proves (@pcd/gpc JSON).</summary>
    public const string BallotConfigJson = """
        {"pods":{"voter":{"entries":{
            "electionId":{"isRevealed":true},
            "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}
        """;

    public static GpcProofConfig BallotConfig { get; } = GpcJson.ParseProofConfig(BallotConfigJson);

    public PodValue ExternalNullifier => PodValue.String(Id);

    /// <summary>
    /// What the ballot box's <see cref="GpcRequestVerifier"/> checks: the ballot statement, a voter POD signed by the
    /// authority and revealing this election's id, any watermark (the choice). It has no external nullifier: the library
    /// verifier registers a nullifier once (airdrop semantics), while a ballot may be replaced, so the ballot box checks
    /// the scope itself and casts the vote in the registry's vote mode.
    /// </summary>
    public GpcProofRequestTemplate Template => new()
    {
        ProofConfig = BallotConfig,
        TrustedSigners = new HashSet<EdDsaPublicKey> { Authority },
        RequiredEntries = new Dictionary<string, PodValue> { ["voter.electionId"] = ExternalNullifier },
        WatermarkPolicy = GpcWatermarkPolicy.Any,
    };

    /// <summary>The authority's side: a voter POD for the holder of a Semaphore V4 public key (all it learns of the voter).</summary>
    public static SignedPod IssueVoterPod(string electionId, EdDsaPublicKey voter, EdDsaPrivateKey authority) =>
        SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue>
        {
            ["electionId"] = PodValue.String(electionId),
            ["owner"] = PodValue.EdDsaPublicKey(voter),
        }), authority);
}
