using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Pod.Cryptography.Fields;
using Pod.Gpc.Bn254;
using Pod.Gpc.Verification;

namespace Pod.Benchmarks;

/// <summary>
/// Groth16 verification of proofs made by @pcd/gpc, the same two proofs reference/groth16.mjs gives
/// snarkjs: the smallest circuit of the vectors (20 public signals) and the largest (182).
/// </summary>
[MemoryDiagnoser]
public class Groth16Benchmarks
{
    private Groth16VerificationKey _smallKey = null!;
    private Groth16VerificationKey _largeKey = null!;
    private Groth16Proof _smallProof = null!;
    private Groth16Proof _largeProof = null!;
    private Fr[] _smallSignals = null!;
    private Fr[] _largeSignals = null!;
    private string _smallProofJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        string vectors = Path.Combine(AppContext.BaseDirectory, "Vectors");
        JsonArray proofs = JsonNode.Parse(File.ReadAllText(Path.Combine(vectors, "gpc-proofs.json")))!["proofs"]!.AsArray();
        JsonNode keys = JsonNode.Parse(File.ReadAllText(Path.Combine(vectors, "gpc-vkeys.json")))!["vkeys"]!;
        (_smallKey, _smallProof, _smallSignals, _smallProofJson) = Load(proofs, keys, "pub-01-reveal-single-string");
        (_largeKey, _largeProof, _largeSignals, _) = Load(proofs, keys, "pub-20-largest-circuit-v3-4lists-tuple");
        if (!Groth16.Verify(_smallKey, _smallProof, _smallSignals) || !Groth16.Verify(_largeKey, _largeProof, _largeSignals))
        {
            throw new InvalidOperationException("The benchmark proofs do not verify.");
        }
    }

    [Benchmark]
    public bool Pairing() => !Pod.Gpc.Bn254.Pairing.Pair(Bn254Curve.G1Generator, Bn254Curve.G2Generator).IsOne;

    [Benchmark]
    public Groth16Proof ParseProof() => Groth16Proof.Parse(_smallProofJson);

    [Benchmark]
    public bool VerifySmallCircuit() => Groth16.Verify(_smallKey, _smallProof, _smallSignals);

    [Benchmark]
    public bool VerifyLargeCircuit() => Groth16.Verify(_largeKey, _largeProof, _largeSignals);

    private static (Groth16VerificationKey, Groth16Proof, Fr[], string) Load(JsonArray proofs, JsonNode keys, string id)
    {
        JsonNode item = proofs.First(p => p!["id"]!.GetValue<string>() == id)!;
        string proofJson = item["proof"]!.ToJsonString();
        Fr[] signals = item["publicSignals"]!.AsArray()
            .Select(s => Fr.FromBigInteger(BigInteger.Parse(s!.GetValue<string>(), CultureInfo.InvariantCulture)))
            .ToArray();
        return (Groth16VerificationKey.Parse(keys[item["circuitIdentifier"]!.GetValue<string>()]!.ToJsonString()), Groth16Proof.Parse(proofJson), signals, proofJson);
    }
}
