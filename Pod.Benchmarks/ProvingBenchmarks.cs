using BenchmarkDotNet.Attributes;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Gpc.Proving;

namespace Pod.Benchmarks;

/// <summary>
/// Proving on the real GPC circuits with the inputs of ../shared/prover-inputs: the smallest circuit
/// (1o-1e-5md…, domain 2^13) and the largest (3o-10e-8md-4nv-2ei-4x20l-5x3t…, domain 2^16, a real Zupass
/// input). Witness computation (the circuit's wasm under Wasmtime), the Groth16 proof from a given witness
/// (the self-check included, as Pod always runs it), and the MSM and NTT alone. snarkjs and rapidsnark are
/// timed on the same witnesses by Pod.Benchmarks/proving-anchors.sh, in the same sitting.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 7)]
public class ProvingBenchmarks
{
    public const string SmallCircuit = "proto-pod-gpc_1o-1e-5md-0nv-0ei-0x0l-0x0t-0ov3-1ov4";
    public const string LargeCircuit = "proto-pod-gpc_3o-10e-8md-4nv-2ei-4x20l-5x3t-1ov3-1ov4";

    private Circuit _small = null!;
    private Circuit _large = null!;
    private RawAffinePoint<Fq>[] _msmBases = null!;
    private U256[] _msmScalars = null!;
    private Fr[] _nttValues = null!;
    private FrDomain _domain = null!;

    [Params(13, 16)]
    public int Log2Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _small = Circuit.Load(SmallCircuit);
        _large = Circuit.Load(LargeCircuit);

        // The MSM over the large key's H points with its real witness-derived magnitudes replaced by
        // uniform scalars (85% of the real witness is full size); the NTT over as many uniform elements.
        int n = 1 << Log2Size;
        _msmBases = _large.Key.H[..n];
        _msmScalars = new U256[n];
        _nttValues = new Fr[n];
        Span<byte> bytes = stackalloc byte[64];
        for (int i = 0; i < n; i++)
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
            Fr value = Fr.FromBytesReduced(bytes);
            _nttValues[i] = value;
            _msmScalars[i] = Montgomery<FrModulus>.FromMontgomery(value.Value);
        }

        _domain = new FrDomain(Log2Size);
    }

    [Benchmark]
    public Fr[] WitnessSmall() => _small.Calculator.Calculate(_small.Inputs);

    [Benchmark]
    public Fr[] WitnessLarge() => _large.Calculator.Calculate(_large.Inputs);

    [Benchmark]
    public Groth16ProvingResult ProveSmall() => Groth16Prover.Prove(_small.Key, _small.Witness);

    [Benchmark]
    public Groth16ProvingResult ProveLarge() => Groth16Prover.Prove(_large.Key, _large.Witness);

    [Benchmark]
    public Groth16ProvingResult ProveLargeWithoutSelfCheck() =>
        Groth16Prover.Prove(_large.Key, _large.Witness, new Groth16ProvingOptions { VerifyBeforeReturning = false });

    [Benchmark]
    public bool MsmG1() => MultiScalarMultiplication<Fq>.Compute(_msmBases, _msmScalars, -1, default).IsInfinity;

    [Benchmark]
    public Fr[] NttForwardAndInverse()
    {
        _domain.Fft(_nttValues, maxDegreeOfParallelism: -1);
        _domain.InverseFft(_nttValues, maxDegreeOfParallelism: -1);
        return _nttValues;
    }

    /// <summary>A circuit's calculator, key, inputs and witness.</summary>
    private sealed record Circuit(CircomWitnessCalculator Calculator, Groth16ProvingKey Key, string Inputs, Fr[] Witness)
    {
        public static Circuit Load(string identifier)
        {
            string artifacts = ProvingPaths.Artifacts();
            string inputs = File.ReadAllText(Path.Combine(ProvingPaths.ProverInputs(), $"input_{identifier["proto-pod-gpc_".Length..]}.json"));
            var calculator = CircomWitnessCalculator.Load(Path.Combine(artifacts, identifier + ".wasm"));
            var key = Groth16ProvingKey.Load(Path.Combine(artifacts, identifier + "-pkey.zkey"));
            return new Circuit(calculator, key, inputs, calculator.Calculate(inputs));
        }
    }
}

/// <summary>Where the benchmarks find the artifacts package and ../shared/prover-inputs.</summary>
internal static class ProvingPaths
{
    public static string Artifacts() => Environment.GetEnvironmentVariable("POD_GPC_ARTIFACTS")
        ?? Path.Combine(RepositoryRoot(), "tools", "gpc-artifacts", "node_modules", "@pcd", "proto-pod-gpc-artifacts");

    public static string ProverInputs() => Environment.GetEnvironmentVariable("POD_PROVER_INPUTS")
        ?? Path.Combine(RepositoryRoot(), "..", "shared", "prover-inputs");

    /// <summary>The folder holding Pod.sln, above wherever BenchmarkDotNet runs the benchmark from.</summary>
    public static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Pod.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Pod.sln not found above the benchmark; set POD_GPC_ARTIFACTS and POD_PROVER_INPUTS.");
    }
}
