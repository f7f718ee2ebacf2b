using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;
using Pod.Cryptography.Native;
using Pod.Gpc.Proving;

namespace Pod.Benchmarks;

/// <summary>
/// The kernels of docs/native.md on each backend in one process: the managed code, Pod.Native's portable C
/// multiplication and its MULX/ADCX/ADOX one (both tables loaded from the bundled library by path, so the
/// comparison does not depend on which one NativeKernels chose). Fr and Fq multiplication as a chain of
/// dependent products (latency, what the point formulas see; native: one call per product), the 2^16 FFT,
/// the G1 and G2 MSMs over 2^16 points of the largest GPC key with uniform scalars, and Poseidon with 1, 2
/// and 16 inputs (one call per hash, the inputs of reference/bench.mjs's poseidon1/2/16) and as a LeanIMT
/// level of 1024 pairs (one batch call; managed: one hash after another).
/// </summary>
/// <remarks>
/// In process (no generated project to build: on the shared, loaded machine BenchmarkDotNet's build of one
/// timed out at two minutes).
/// </remarks>
[Config(typeof(InProcessShortConfig))]
public class NativeBenchmarks
{
    private const int Chain = 1000;
    private const int Log2Size = 16;
    private const int LevelPairs = 1024;

    private NativeLibraryKernels? _kernels;
    private Fr[] _values = null!;
    private FrDomain _domain = null!;
    private RawAffinePoint<Fq>[] _g1 = null!;
    private RawAffinePoint<Fq2>[] _g2 = null!;
    private U256[] _scalars = null!;
    private Fr[] _poseidonInputs = null!;
    private Fr[] _level = null!;
    private Fr[] _levelOutputs = null!;

    [Params("managed", "portable", "mulx")]
    public string Backend { get; set; } = "managed";

    [GlobalSetup]
    public void Setup()
    {
        _kernels = BenchmarkBackends.Load(Backend);

        int n = 1 << Log2Size;
        _values = new Fr[n];
        _scalars = new U256[n];
        Span<byte> bytes = stackalloc byte[64];
        for (int i = 0; i < n; i++)
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
            _values[i] = Fr.FromBytesReduced(bytes);
            _scalars[i] = Montgomery<FrModulus>.FromMontgomery(_values[i].Value);
        }

        _domain = new FrDomain(Log2Size);
        _poseidonInputs = Enumerable.Range(0, Poseidon.MaxInputs).Select(i => Fr.FromBigInteger(ReferenceInputs.Element(i))).ToArray();
        _level = _values[..(2 * LevelPairs)];
        _levelOutputs = new Fr[LevelPairs];
    }

    /// <summary>The MSMs' bases come from the largest GPC key (the artifacts test.sh installs); the other rows do without.</summary>
    [GlobalSetup(Targets = [nameof(MsmG1), nameof(MsmG2)])]
    public void SetupMsm()
    {
        Setup();
        int n = 1 << Log2Size;
        Groth16ProvingKey key = Groth16ProvingKey.Load(Path.Combine(ProvingPaths.Artifacts(), ProvingBenchmarks.LargeCircuit + "-pkey.zkey"));
        _g1 = key.H[..n];
        _g2 = Enumerable.Range(0, n).Select(i => key.B2[i % key.B2.Length]).ToArray();
    }

    [Benchmark]
    public Fr Poseidon1() => PoseidonHash(1);

    [Benchmark]
    public Fr Poseidon2() => PoseidonHash(2);

    [Benchmark]
    public Fr Poseidon16() => PoseidonHash(16);

    [Benchmark(OperationsPerInvoke = LevelPairs)]
    public Fr[] PoseidonLevel()
    {
        if (_kernels is { } native)
        {
            native.PoseidonHash(PoseidonOptimizedParameters.ForInputs(2), _level, _levelOutputs);
        }
        else
        {
            for (int i = 0; i < LevelPairs; i++)
            {
                _levelOutputs[i] = Poseidon.HashManaged(_level.AsSpan(2 * i, 2));
            }
        }

        return _levelOutputs;
    }

    [Benchmark(OperationsPerInvoke = Chain)]
    public Fr FrMultiply()
    {
        Fr x = _values[0], y = _values[1];
        if (_kernels is { } native)
        {
            for (int i = 0; i < Chain; i++)
            {
                x = native.Multiply(x, y);
            }
        }
        else
        {
            for (int i = 0; i < Chain; i++)
            {
                x = Fr.Multiply(x, y);
            }
        }

        return x;
    }

    [Benchmark(OperationsPerInvoke = Chain)]
    public ulong FqMultiply()
    {
        Fq x = new(_values[0].Value), y = new(_values[1].Value);
        if (_kernels is { } native)
        {
            for (int i = 0; i < Chain; i++)
            {
                x = native.Multiply(x, y);
            }
        }
        else
        {
            for (int i = 0; i < Chain; i++)
            {
                x = Fq.Multiply(x, y);
            }
        }

        return x.Value.L0;
    }

    [Benchmark]
    public Fr[] Fft()
    {
        if (_kernels is { } native)
        {
            native.Fft(_values, Log2Size, _domain.Twiddles, scale: null);
        }
        else
        {
            _domain.FftManaged(_values);
        }

        return _values;
    }

    [Benchmark]
    public bool MsmG1() => MultiScalarMultiplication<Fq>.Compute(_g1, _scalars, -1, default, _kernels).IsInfinity;

    [Benchmark]
    public bool MsmG2() => MultiScalarMultiplication<Fq2>.Compute(_g2, _scalars, -1, default, _kernels).IsInfinity;

    private Fr PoseidonHash(int inputs)
    {
        ReadOnlySpan<Fr> span = _poseidonInputs.AsSpan(0, inputs);
        if (_kernels is not { } native)
        {
            return Poseidon.HashManaged(span);
        }

        Fr result = default;
        native.PoseidonHash(PoseidonOptimizedParameters.ForInputs(inputs), span, new Span<Fr>(ref result));
        return result;
    }

    /// <summary>One in-process job: one launch, one warm-up and five measured iterations.</summary>
    private sealed class InProcessShortConfig : ManualConfig
    {
        public InProcessShortConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
    }
}
