using BenchmarkDotNet.Attributes;
using Pod.Gpc;

namespace Pod.Benchmarks;

/// <summary>
/// GPC compilation, as reference-gpc/bench.mjs times @pcd/gpc's gpcPreProve and gpcPreVerify on the same
/// two cases: checks, circuit choice, canonicalization and every circuit signal (plus, here, the expected
/// outputs and the revealed claims). Inputs get fresh list and watermark values each call, and claims are
/// read from JSON, so hashing the reference redoes on every call is timed here too.
/// </summary>
[MemoryDiagnoser]
public class GpcBenchmarks
{
    private GpcBoundConfig _oneBound = null!;
    private string _oneClaims = null!;
    private GpcBoundConfig _threeBound = null!;
    private string _threeClaims = null!;

    [GlobalSetup]
    public void Setup()
    {
        GpcProofPreparation one = GpcCompiler.PreProve(GpcBenchmarkInputs.OnePodConfig, GpcBenchmarkInputs.OnePodInputs());
        GpcProofPreparation three = GpcCompiler.PreProve(GpcBenchmarkInputs.ThreePodConfig, GpcBenchmarkInputs.ThreePodInputs());
        if (one.Circuit.Identifier != GpcBenchmarkInputs.OnePodCircuit || three.Circuit.Identifier != GpcBenchmarkInputs.ThreePodCircuit)
        {
            throw new InvalidOperationException($"Unexpected circuits {one.Circuit} and {three.Circuit}: the cases no longer match reference-gpc/bench.mjs.");
        }

        _threeInputsReused = GpcBenchmarkInputs.ThreePodInputs();
        (_oneBound, _oneClaims) = (one.BoundConfig, GpcJson.SerializeRevealedClaims(one.RevealedClaims));
        (_threeBound, _threeClaims) = (three.BoundConfig, GpcJson.SerializeRevealedClaims(three.RevealedClaims));
    }

    private GpcProofInputs _threeInputsReused = null!;

    /// <summary>gpcPreProve's work: checks, binding and every input signal.</summary>
    [Benchmark]
    public GpcProofPreparation PreProveOnePodOwnership() => GpcCompiler.PreProve(GpcBenchmarkInputs.OnePodConfig, GpcBenchmarkInputs.OnePodInputs());

    /// <summary>gpcPreProve's work: checks, binding and every input signal.</summary>
    [Benchmark]
    public GpcProofPreparation PreProveThreePodsListsBounds() => GpcCompiler.PreProve(GpcBenchmarkInputs.ThreePodConfig, GpcBenchmarkInputs.ThreePodInputs());

    /// <summary>Also the expected outputs and the claims (what gpcPostProve gives), which hash the revealed values and nullifier.</summary>
    [Benchmark]
    public GpcRevealedClaims PreProveOnePodOwnershipWithClaims() => GpcCompiler.PreProve(GpcBenchmarkInputs.OnePodConfig, GpcBenchmarkInputs.OnePodInputs()).RevealedClaims;

    /// <summary>Also the expected outputs and the claims (what gpcPostProve gives), which hash the revealed values and nullifier.</summary>
    [Benchmark]
    public GpcRevealedClaims PreProveThreePodsListsBoundsWithClaims() => GpcCompiler.PreProve(GpcBenchmarkInputs.ThreePodConfig, GpcBenchmarkInputs.ThreePodInputs()).RevealedClaims;

    /// <summary>The same list objects every time, as an issuer's lists are reused across proofs: their value hashes are cached.</summary>
    [Benchmark]
    public GpcProofPreparation PreProveThreePodsListsBoundsReusedLists() => GpcCompiler.PreProve(GpcBenchmarkInputs.ThreePodConfig, _threeInputsReused);

    /// <summary>PreVerify with claims read from JSON, as a verifier receives them (their value hashes are not cached).</summary>
    [Benchmark]
    public GpcVerifyPreparation PreVerifyOnePodOwnership() => GpcVerifier.PreVerify(_oneBound, GpcJson.ParseRevealedClaims(_oneClaims));

    /// <summary>PreVerify with claims read from JSON, as a verifier receives them (their value hashes are not cached).</summary>
    [Benchmark]
    public GpcVerifyPreparation PreVerifyThreePodsListsBounds() => GpcVerifier.PreVerify(_threeBound, GpcJson.ParseRevealedClaims(_threeClaims));
}
