using BenchmarkDotNet.Attributes;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Gpc.Requests;
using Pod.Identity;
using Pod.Identity.Registry;

namespace Pod.Benchmarks;

/// <summary>
/// The verifier's check of a response against its request (<see cref="GpcRequestVerifier.CheckAsync(string, CancellationToken)"/>):
/// parsing the body, the policy (circuit, statement with a moving age bound, lists, trusted signer hidden in the
/// trusted-signer list, required scope) and the Groth16 verification, on a proof GpcProver makes in the set-up for a
/// request the verifier issued (needs the installed artifacts, POD_GPC_ARTIFACTS). Accepted: a fixed watermark and no
/// nullifier registration, so every call does the whole check; replayed: the nullifier already registered, answered
/// before the pairing; refused: a response to another statement, refused before the pairing.
/// </summary>
[MemoryDiagnoser]
public class RequestVerifierBenchmarks
{
    private GpcRequestVerifier _accepting = null!;
    private GpcRequestVerifier _registered = null!;
    private GpcRequestVerifier _otherStatement = null!;
    private string _response = null!;
    private string _nullifierResponse = null!;

    [GlobalSetup]
    public void Setup()
    {
        var keys = new GpcVerificationKeys(new GpcArtifacts(ProvingPaths.Artifacts()));
        using var issuer = EdDsaPrivateKey.Import(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        SemaphoreIdentity holder = SemaphoreIdentity.FromPrivateKey(Enumerable.Range(40, 32).Select(i => (byte)i).ToArray());
        SignedPod pod = SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue>
        {
            ["owner"] = PodValue.EdDsaPublicKey(holder.PublicKey),
            ["birthDate"] = PodValue.Date(new DateTimeOffset(1990, 5, 17, 0, 0, 0, TimeSpan.Zero)),
        }), issuer);
        GpcProofRequestTemplate Template(PodValue? externalNullifier, bool revealBirthDate = false) => new()
        {
            ProofConfig = GpcJson.ParseProofConfig("""
                {"pods":{"id":{"entries":{
                  "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"},
                  "birthDate":{"isRevealed":REVEAL,"inRange":{"min":-2208988800000,"max":0}}},
                  "signerPublicKey":{"isRevealed":false,"isMemberOf":"trustedSigners"}}}}
                """.Replace("REVEAL", revealBirthDate ? "true" : "false", StringComparison.Ordinal)),
            TrustedSigners = new HashSet<EdDsaPublicKey> { issuer.PublicKey },
            MovingBounds = [GpcMovingBound.AgeAtLeast("id.birthDate", 18, TimeSpan.FromDays(1))],
            ExternalNullifier = externalNullifier,
            WatermarkPolicy = GpcWatermarkPolicy.Fixed,
            FixedWatermark = PodValue.String("benchmark session"),
        };

        var prover = new GpcProver(new GpcArtifacts(ProvingPaths.Artifacts()));
        string Prove(GpcRequestVerifier verifier)
        {
            GpcProofRequest request = verifier.IssueRequestAsync().GetAwaiter().GetResult();
            GpcProvingResult proof = prover.Prove(request.ProofConfig, new GpcProofInputs
            {
                Pods = new Dictionary<string, SignedPod> { ["id"] = pod },
                Owner = new GpcProofOwnerInputs { SemaphoreV4 = holder, ExternalNullifier = request.ExternalNullifier },
                MembershipLists = request.MembershipLists,
                Watermark = request.Watermark,
            });
            return new GpcProofResponse(proof.Proof, proof.BoundConfig, proof.RevealedClaims).ToJson();
        }

        var registry = new NullifierRegistry(new InMemoryNullifierStore());
        _accepting = new GpcRequestVerifier(Template(null), keys, new InMemoryGpcChallengeStore(), null);
        _registered = new GpcRequestVerifier(Template(PodValue.String("airdrop")), keys, new InMemoryGpcChallengeStore(), registry);
        _otherStatement = new GpcRequestVerifier(Template(null, revealBirthDate: true), keys, new InMemoryGpcChallengeStore(), null);
        _response = Prove(_accepting);
        _nullifierResponse = Prove(_registered);
        Expect(_accepting.CheckAsync(_response).GetAwaiter().GetResult(), GpcResponseFailure.None);
        Expect(_registered.CheckAsync(_nullifierResponse).GetAwaiter().GetResult(), GpcResponseFailure.None);
        Expect(Replayed().GetAwaiter().GetResult(), GpcResponseFailure.NullifierUsed);
        Expect(Refused().GetAwaiter().GetResult(), GpcResponseFailure.UnexpectedConfig);
    }

    /// <summary>Parse, policy and Groth16 verification of an acceptable response.</summary>
    [Benchmark(Baseline = true)]
    public Task<GpcResponseCheck> Accepted() => _accepting.CheckAsync(_response);

    /// <summary>A replayed response: parse, policy, the registry read, no pairing.</summary>
    [Benchmark]
    public Task<GpcResponseCheck> Replayed() => _registered.CheckAsync(_nullifierResponse);

    /// <summary>A response to another statement: parse and the statement check, no pairing.</summary>
    [Benchmark]
    public Task<GpcResponseCheck> Refused() => _otherStatement.CheckAsync(_response);

    private static void Expect(GpcResponseCheck check, GpcResponseFailure failure)
    {
        if (check.Failure != failure)
        {
            throw new InvalidOperationException($"The benchmark's set-up is wrong: {check} where {failure.Code()} was expected.");
        }
    }
}
