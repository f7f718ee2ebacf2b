using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Pod.Cryptography.Fields;
using Pod.Gpc;
using Pod.Cryptography.Bn254;

namespace Pod.Benchmarks;

/// <summary>
/// Groth16 verification of proofs made by @pcd/gpc, the same two proofs reference/groth16.mjs gives
/// snarkjs and reference-gpc/gpcverify.mjs gives gpcVerify: the smallest circuit of the vectors (20 public
/// signals) and the largest (182). The full GpcVerifier calls read their keys from the installed artifacts
/// package (POD_GPC_ARTIFACTS, or tools/gpc-artifacts/node_modules as test.sh installs it). Everything but
/// <see cref="PairingCheckManaged"/> goes through the native kernels when Pod.Native passed its self-test; run
/// with POD_NATIVE=0 for the managed code throughout (docs/native.md).
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
    private (string Proof, string Bound, string Claims) _smallJson;
    private (string Proof, string Bound, string Claims) _largeJson;
    private GpcVerificationKeys _keys = null!;
    private CurvePoint<Fq>[] _checkP = null!;
    private CurvePoint<Fq2>[] _checkQ = null!;
    private CurvePoint<Fq>[] _checkPreparedP = null!;
    private PreparedG2Point[] _checkPreparedQ = null!;

    [GlobalSetup]
    public void Setup()
    {
        string vectors = Path.Combine(AppContext.BaseDirectory, "Vectors");
        JsonArray proofs = JsonNode.Parse(File.ReadAllText(Path.Combine(vectors, "gpc-proofs.json")))!["proofs"]!.AsArray();
        JsonNode keys = JsonNode.Parse(File.ReadAllText(Path.Combine(vectors, "gpc-vkeys.json")))!["vkeys"]!;
        (_smallKey, _smallProof, _smallSignals, _smallProofJson) = Load(proofs, keys, "pub-01-reveal-single-string");
        (_largeKey, _largeProof, _largeSignals, _) = Load(proofs, keys, "pub-20-largest-circuit-v3-4lists-tuple");
        _smallJson = Texts(proofs, "pub-01-reveal-single-string");
        _largeJson = Texts(proofs, "pub-20-largest-circuit-v3-4lists-tuple");
        _keys = new GpcVerificationKeys(new GpcArtifacts(ProvingPaths.Artifacts()));
        if (!Groth16.Verify(_smallKey, _smallProof, _smallSignals) || !Groth16.Verify(_largeKey, _largeProof, _largeSignals)
            || !GpcVerifySmallCircuit() || !GpcVerifyLargeCircuit())
        {
            throw new InvalidOperationException("The benchmark proofs do not verify.");
        }

        Groth16VerificationKey.PreparedKey prepared = _smallKey.Prepared;
        (_checkP, _checkQ) = ([_smallProof.A.Negate()], [_smallProof.B]);
        (_checkPreparedP, _checkPreparedQ) = ([Groth16.PublicInputPoint(_smallKey, _smallSignals), _smallProof.C], [prepared.Gamma, prepared.Delta]);
        if (!PairingCheck() || !PairingCheckManaged())
        {
            throw new InvalidOperationException("The pairing check of the small proof fails.");
        }
    }

    /// <summary>gpcVerify from JSON text: parse the proof, bound config and claims, rebuild the signals, verify.</summary>
    [Benchmark]
    public bool GpcVerifySmallCircuit() => GpcVerify(_smallJson);

    [Benchmark]
    public bool GpcVerifyLargeCircuit() => GpcVerify(_largeJson);

    private bool GpcVerify((string Proof, string Bound, string Claims) json) => GpcVerifier.Verify(
        Groth16Proof.Parse(json.Proof), GpcJson.ParseBoundConfig(json.Bound), GpcJson.ParseRevealedClaims(json.Claims), _keys).IsValid;

    private static (string, string, string) Texts(JsonArray proofs, string id)
    {
        JsonNode item = proofs.First(p => p!["id"]!.GetValue<string>() == id)!;
        return (item["proof"]!.ToJsonString(), item["boundConfig"]!.ToJsonString(), item["revealedClaims"]!.ToJsonString());
    }

    [Benchmark]
    public bool Pairing() => !Pod.Cryptography.Bn254.Pairing.Pair(Bn254Curve.G1Generator, Bn254Curve.G2Generator).IsOne;

    [Benchmark]
    public Groth16Proof ParseProof() => Groth16Proof.Parse(_smallProofJson);

    /// <summary>
    /// The small proof's pairing check alone (Miller loop over -A, B and the prepared gamma and delta lines, final
    /// exponentiation, compared with the key's e(alpha, beta)^-1; vk_x computed in setup), through the seam: the
    /// native kernel when Pod.Native passed its self-test (docs/native.md), else the managed code.
    /// </summary>
    [Benchmark]
    public bool PairingCheck() =>
        Pod.Cryptography.Bn254.Pairing.Product(_checkP, _checkQ, _checkPreparedP, _checkPreparedQ) == _smallKey.Prepared.AlphaBetaInverse;

    /// <summary>The same check on the managed code whatever the backend (Pairing's managed twins): the A/B in one process.</summary>
    [Benchmark]
    public bool PairingCheckManaged() =>
        Pod.Cryptography.Bn254.Pairing.FinalExponentiationManaged(
            Pod.Cryptography.Bn254.Pairing.MillerLoopManaged(_checkP, _checkQ, _checkPreparedP, _checkPreparedQ)) == _smallKey.Prepared.AlphaBetaInverse;

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
