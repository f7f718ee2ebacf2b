using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;
using Pod.Gpc;

namespace Pod.Benchmarks;

/// <summary>
/// Groth16 verification's public-input point vk_x = IC_0 + sum s_i IC_i on each backend in one process (the
/// managed XYZZ buckets, Pod.Native's g1_fixed_base_msm on its portable C and its MULX tables, loaded by path
/// as <see cref="NativeBenchmarks"/> does), on the vector proofs with the fewest (20) and the most (182) public
/// signals; <see cref="Groth16Benchmarks"/> times the whole verification on the backend NativeKernels chose.
/// </summary>
[MemoryDiagnoser]
public class PublicInputPointBenchmarks
{
    private NativeLibraryKernels? _kernels;
    private Groth16VerificationKey _smallKey = null!;
    private Groth16VerificationKey _largeKey = null!;
    private Fr[] _smallSignals = null!;
    private Fr[] _largeSignals = null!;

    [Params("managed", "portable", "mulx")]
    public string Backend { get; set; } = "managed";

    [GlobalSetup]
    public void Setup()
    {
        _kernels = BenchmarkBackends.Load(Backend);

        string vectors = Path.Combine(AppContext.BaseDirectory, "Vectors");
        JsonArray proofs = JsonNode.Parse(File.ReadAllText(Path.Combine(vectors, "gpc-proofs.json")))!["proofs"]!.AsArray();
        JsonNode keys = JsonNode.Parse(File.ReadAllText(Path.Combine(vectors, "gpc-vkeys.json")))!["vkeys"]!;
        List<JsonNode> byCount = [.. proofs.Select(p => p!).OrderBy(p => p["publicSignals"]!.AsArray().Count)];
        (_smallKey, _smallSignals) = Load(byCount[0], keys);
        (_largeKey, _largeSignals) = Load(byCount[^1], keys);

        // The multiples are built on first use; and every backend must give the point the managed code gives.
        foreach ((Groth16VerificationKey key, Fr[] signals) in new[] { (_smallKey, _smallSignals), (_largeKey, _largeSignals) })
        {
            if (!Groth16.PublicInputPoint(key, signals, _kernels).Equals(Groth16.PublicInputPoint(key, signals, native: null)))
            {
                throw new InvalidOperationException($"The {Backend} public-input point differs from the managed one.");
            }
        }
    }

    [Benchmark]
    public bool PublicInputPointSmall() => Groth16.PublicInputPoint(_smallKey, _smallSignals, _kernels).IsInfinity;

    [Benchmark]
    public bool PublicInputPointLarge() => Groth16.PublicInputPoint(_largeKey, _largeSignals, _kernels).IsInfinity;

    private static (Groth16VerificationKey, Fr[]) Load(JsonNode item, JsonNode keys) =>
        (Groth16VerificationKey.Parse(keys[item["circuitIdentifier"]!.GetValue<string>()]!.ToJsonString()),
         [.. item["publicSignals"]!.AsArray().Select(s => Fr.FromBigInteger(BigInteger.Parse(s!.GetValue<string>(), CultureInfo.InvariantCulture)))]);
}
