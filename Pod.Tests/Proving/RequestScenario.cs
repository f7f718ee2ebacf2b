using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Gpc.Requests;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Tests.Support;

namespace Pod.Tests.Proving;

/// <summary>
/// A verifier's world for the request tests, with real proofs (GpcProver on the installed artifacts): a trusted issuer
/// and a rogue one, a holder's identity POD (owner, birth date, kind) and two templates, one that hides the signer in the
/// trusted-signer list with an age bound relative to now and an airdrop nullifier, one that reveals the signer and an entry
/// and has no nullifier. Fixed keys and a manual clock; the proofs answer requests the verifiers issue.
/// </summary>
internal sealed class RequestScenario : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly PodValue Airdrop = PodValue.String("airdrop-2026");

    private static readonly Lazy<GpcProver> SharedProver = new(() => new GpcProver(ProvingReference.Artifacts()));

    public RequestScenario()
    {
        Trusted = EdDsaPrivateKey.Import(Bytes(1));
        Rogue = EdDsaPrivateKey.Import(Bytes(2));
        Holder = SemaphoreIdentity.FromPrivateKey(Bytes(3));
        OtherHolder = SemaphoreIdentity.FromPrivateKey(Bytes(4));
        Keys = new GpcVerificationKeys(ProvingReference.Artifacts());
    }

    public EdDsaPrivateKey Trusted { get; }

    public EdDsaPrivateKey Rogue { get; }

    public SemaphoreIdentity Holder { get; }

    public SemaphoreIdentity OtherHolder { get; }

    public GpcVerificationKeys Keys { get; }

    public ManualTimeProvider Clock { get; } = new(Start);

    public static GpcProver Prover => SharedProver.Value;

    /// <summary>"Over 18, from one of my trusted issuers (not saying which), once per airdrop", answering a fresh challenge.</summary>
    public GpcProofRequestTemplate HiddenSignerTemplate() => new()
    {
        ProofConfig = GpcJson.ParseProofConfig("""
            {"pods":{"id":{"entries":{
              "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"},
              "birthDate":{"isRevealed":false,"inRange":{"min":-2208988800000,"max":0}}},
              "signerPublicKey":{"isRevealed":false,"isMemberOf":"trustedSigners"}}}}
            """),
        TrustedSigners = new HashSet<EdDsaPublicKey> { Trusted.PublicKey, EdDsaPrivateKey.Import(Bytes(5)).PublicKey },
        MovingBounds = [GpcMovingBound.AgeAtLeast("id.birthDate", 18, TimeSpan.FromDays(1))],
        ExternalNullifier = Airdrop,
    };

    /// <summary>"A passport from a trusted issuer, over 18", the signer and the kind revealed, no nullifier, a fresh challenge.</summary>
    public GpcProofRequestTemplate RevealedSignerTemplate() => new()
    {
        ProofConfig = GpcJson.ParseProofConfig("""
            {"pods":{"id":{"entries":{
              "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"},
              "kind":{"isRevealed":true},
              "birthDate":{"isRevealed":false,"inRange":{"min":-2208988800000,"max":0}}}}}}
            """),
        TrustedSigners = new HashSet<EdDsaPublicKey> { Trusted.PublicKey },
        MovingBounds = [GpcMovingBound.AgeAtLeast("id.birthDate", 18, TimeSpan.FromDays(1))],
        RequiredEntries = new Dictionary<string, PodValue> { ["id.kind"] = PodValue.String("passport") },
    };

    /// <summary>The holder's identity POD, born in 1990, signed by <paramref name="issuer"/>.</summary>
    public SignedPod IdentityPod(EdDsaPrivateKey issuer, SemaphoreIdentity? holder = null) =>
        SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue>
        {
            ["owner"] = PodValue.EdDsaPublicKey((holder ?? Holder).PublicKey),
            ["birthDate"] = PodValue.Date(new DateTimeOffset(1990, 5, 17, 0, 0, 0, TimeSpan.Zero)),
            ["kind"] = PodValue.String("passport"),
        }), issuer);

    public GpcRequestVerifier Verifier(GpcProofRequestTemplate template, IGpcChallengeStore? challenges = null, NullifierRegistry? registry = null, GpcVerificationKeys? keys = null) =>
        new(template, keys ?? Keys, challenges ?? new InMemoryGpcChallengeStore(Clock), registry ?? new NullifierRegistry(new InMemoryNullifierStore()), Clock);

    /// <summary>The holder's answer to a request: its config, lists, external nullifier and watermark, proven over <paramref name="pod"/>.</summary>
    public static GpcProofResponse Answer(GpcProofRequest request, SignedPod pod, SemaphoreIdentity holder, IReadOnlyDictionary<string, GpcMembershipList>? lists = null)
    {
        GpcProvingResult result = Prover.Prove(request.ProofConfig, new GpcProofInputs
        {
            Pods = new Dictionary<string, SignedPod> { ["id"] = pod },
            Owner = new GpcProofOwnerInputs { SemaphoreV4 = holder, ExternalNullifier = request.ExternalNullifier },
            MembershipLists = lists ?? request.MembershipLists,
            Watermark = request.Watermark,
        });
        return new GpcProofResponse(result.Proof, result.BoundConfig, result.RevealedClaims);
    }

    public void Dispose()
    {
        Trusted.Dispose();
        Rogue.Dispose();
    }

    private static byte[] Bytes(byte seed) => Enumerable.Range(0, 32).Select(i => (byte)(seed * 31 + i)).ToArray();
}
