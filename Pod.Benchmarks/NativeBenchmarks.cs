using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;
using Pod.Gpc.Proving;

namespace Pod.Benchmarks;

/// <summary>
/// The kernels of docs/native.md on each backend in one process: the managed code, Pod.Native's portable C
/// multiplication and its MULX/ADCX/ADOX one (both tables loaded from the bundled library by path, so the
/// comparison does not depend on which one NativeKernels chose). Fr and Fq multiplication as a chain of
/// dependent products (latency, what the point formulas see; native: one call per product), the 2^16 FFT,
/// and the G1 and G2 MSMs over 2^16 points of the largest GPC key with uniform scalars.
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

    private NativeLibraryKernels? _kernels;
    private Fr[] _values = null!;
    private FrDomain _domain = null!;
    private RawAffinePoint<Fq>[] _g1 = null!;
    private RawAffinePoint<Fq2>[] _g2 = null!;
    private U256[] _scalars = null!;

    [Params("managed", "portable", "mulx")]
    public string Backend { get; set; } = "managed";

    [GlobalSetup]
    public void Setup()
    {
        if (Backend != "managed")
        {
            int kind = Backend == "mulx" ? NativeLibraryKernels.MulxMultiply : NativeLibraryKernels.PortableMultiply;
            _kernels = NativeLibraryKernels.TryLoad(NativeKernels.BundledLibraryPath, out string reason, kind)
                ?? throw new InvalidOperationException($"No {Backend} kernels: {reason}");
        }

        int n = 1 << Log2Size;
        Groth16ProvingKey key = Groth16ProvingKey.Load(Path.Combine(ProvingPaths.Artifacts(), ProvingBenchmarks.LargeCircuit + "-pkey.zkey"));
        _g1 = key.H[..n];
        _g2 = Enumerable.Range(0, n).Select(i => key.B2[i % key.B2.Length]).ToArray();
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

    /// <summary>One in-process job: one launch, one warm-up and five measured iterations.</summary>
    private sealed class InProcessShortConfig : ManualConfig
    {
        public InProcessShortConfig() =>
            AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
    }
}
