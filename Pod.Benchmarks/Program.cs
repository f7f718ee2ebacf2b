using System.Diagnostics;
using BenchmarkDotNet.Running;
using Pod.Benchmarks;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;
using Pod.Gpc.Proving;

// dotnet run -c Release --project Pod.Benchmarks -- --filter '*'   (see docs/benchmarks.md)
// dotnet run -c Release --project Pod.Benchmarks -- prove ZKEY WTNS RUNS   (one process, for peak memory
//   under /usr/bin/time beside snarkjs and rapidsnark: see Pod.Benchmarks/proving-anchors.sh)
if (args is ["prove", string zkey, string wtns, string runs])
{
    Groth16ProvingKey key = Groth16ProvingKey.Load(zkey);
    Fr[] witness = WitnessFile.Read(File.ReadAllBytes(wtns));
    var times = new List<double>();
    for (int i = 0; i < int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        long start = Stopwatch.GetTimestamp();
        Groth16Prover.Prove(key, witness);
        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    PrintTimes(times);
    PrintMemory();
    return;
}

// dotnet Pod.Benchmarks.dll baseline   (does nothing: under /usr/bin/time, the peak resident memory of the runtime
//   and this harness alone, the floor under the prove mode's figure; see docs/proving.md)
if (args is ["baseline"])
{
    Console.WriteLine($"peak working set {Environment.WorkingSet / 1024} KiB at exit");
    return;
}

// dotnet Pod.Benchmarks.dll prove-phases ZKEY WTNS RUNS   (the prove harness with each phase's median, from
//   the prover's progress reports: where the time goes, for choosing the next kernel)
if (args is ["prove-phases", string phaseZkey, string phaseWtns, string phaseRuns])
{
    Groth16ProvingKey key = Groth16ProvingKey.Load(phaseZkey);
    Fr[] witness = WitnessFile.Read(File.ReadAllBytes(phaseWtns));
    Console.WriteLine($"loaded: {Environment.WorkingSet >> 20} MiB resident, {GC.GetTotalMemory(false) >> 20} MiB GC heap");
    var phases = new Dictionary<Groth16ProvingPhase, List<double>>();
    var times = new List<double>();
    for (int i = 0; i < int.Parse(phaseRuns, System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        (Groth16ProvingPhase Phase, long Start)? current = null;
        void Close(long now)
        {
            if (current is { } c)
            {
                (phases.TryGetValue(c.Phase, out List<double>? list) ? list : phases[c.Phase] = []).Add(Stopwatch.GetElapsedTime(c.Start, now).TotalMilliseconds);
            }
        }

        long start = Stopwatch.GetTimestamp();
        Groth16Prover.Prove(key, witness, progress: new SynchronousProgress(phase =>
        {
            long now = Stopwatch.GetTimestamp();
            if (i == 0)
            {
                Console.Write($"{phase}: {Environment.WorkingSet >> 20} MiB resident, {GC.GetTotalMemory(false) >> 20} MiB GC heap; ");
            }

            Close(now);
            current = (phase, now);
        }));
        Close(Stopwatch.GetTimestamp());
        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    Console.WriteLine();
    PrintTimes(times);
    PrintMemory();
    Console.WriteLine("  " + string.Join(", ", phases.Select(p => $"{p.Key} {p.Value.Order().ElementAt(p.Value.Count / 2):F0} ms")));
    return;
}

// dotnet Pod.Benchmarks.dll gpc-prove ARTIFACTS JOBS RUNS   (gpcProve end to end, config and PODs to proof, on the
//   cheapest and the dearest circuit; writes JOBS for reference-gpc/gpcprove.mjs: see Pod.Benchmarks/gpc-prove.sh)
if (args is ["gpc-prove", string gpcArtifacts, string jobs, string gpcRuns])
{
    GpcProveBenchmark.Run(gpcArtifacts, jobs, int.Parse(gpcRuns, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// dotnet Pod.Benchmarks.dll msm-g1 ZKEY LOG2N RUNS   (the G1 MSM over the key's first 2^LOG2N H points with
//   uniform scalars, in one process; POD_NATIVE=0 and 1 in turn give a same-sitting A/B, docs/native.md)
if (args is ["msm-g1", string msmZkey, string log2Size, string msmRuns])
{
    Groth16ProvingKey key = Groth16ProvingKey.Load(msmZkey);
    int n = 1 << int.Parse(log2Size, System.Globalization.CultureInfo.InvariantCulture);
    RawAffinePoint<Fq>[] bases = key.H[..n];
    var scalars = new U256[n];
    Span<byte> bytes = stackalloc byte[64];
    for (int i = 0; i < n; i++)
    {
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        scalars[i] = Montgomery<FrModulus>.FromMontgomery(Fr.FromBytesReduced(bytes).Value);
    }

    // Processor time beside wall time: on a shared, loaded machine it is the steadier of the two.
    var times = new List<double>();
    var processorTimes = new List<double>();
    for (int i = 0; i < int.Parse(msmRuns, System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        TimeSpan processorStart = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        MultiScalarMultiplication<Fq>.Compute(bases, scalars, -1, default);
        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        processorTimes.Add((Process.GetCurrentProcess().TotalProcessorTime - processorStart).TotalMilliseconds);
    }

    PrintTimes(times);
    processorTimes.Sort();
    Console.WriteLine($"  processor time: median {processorTimes[processorTimes.Count / 2]:F1} ms");
    return;
}

// dotnet Pod.Benchmarks.dll g1-buckets ZKEY LOG2N RUNS   (one MSM window's bucket accumulation and reduction
//   over the key's first 2^LOG2N H points with uniform signed digits, managed and native in turn in one process)
if (args is ["g1-buckets", string bucketZkey, string bucketLog2Size, string bucketRuns])
{
    NativeLibraryKernels native = NativeKernels.Active ?? throw new InvalidOperationException($"No native kernels: {NativeKernels.Reason}");
    Groth16ProvingKey key = Groth16ProvingKey.Load(bucketZkey);
    int n = 1 << int.Parse(bucketLog2Size, System.Globalization.CultureInfo.InvariantCulture);
    RawAffinePoint<Fq>[] bases = key.H[..n];
    int half = 1 << (MsmDigits.ChooseWindowBits(n) - 1);
    short[] digits = new short[n];
    for (int i = 0; i < n; i++)
    {
        digits[i] = (short)(System.Security.Cryptography.RandomNumberGenerator.GetInt32(-half, half + 1));
    }

    var managedTimes = new List<double>();
    var nativeTimes = new List<double>();
    for (int run = 0; run < int.Parse(bucketRuns, System.Globalization.CultureInfo.InvariantCulture); run++)
    {
        var buckets = new XyzzPoint<Fq>[half];
        long start = Stopwatch.GetTimestamp();
        MultiScalarMultiplication<Fq>.AccumulateBuckets(bases, digits, buckets);
        XyzzPoint<Fq> managedSum = MultiScalarMultiplication<Fq>.ReduceBuckets(buckets);
        managedTimes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

        buckets = new XyzzPoint<Fq>[half];
        start = Stopwatch.GetTimestamp();
        native.AccumulateG1Buckets(bases, digits, buckets);
        XyzzPoint<Fq> nativeSum = native.ReduceG1Buckets(buckets);
        nativeTimes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        if (!managedSum.ToAffine().Equals(nativeSum.ToAffine()))
        {
            throw new InvalidOperationException("The native window sum differs from the managed one.");
        }
    }

    managedTimes.Sort();
    nativeTimes.Sort();
    Console.WriteLine($"n = {n}, {half} buckets: managed {managedTimes[managedTimes.Count / 2]:F1} ms, native {nativeTimes[nativeTimes.Count / 2]:F1} ms (medians of {managedTimes.Count})");
    return;
}

// dotnet Pod.Benchmarks.dll fq-mul RUNS   (a chain of 10^7 dependent Fq multiplications, managed and native
//   in turn in one process: ns per multiplication, medians over RUNS)
if (args is ["fq-mul", string mulRuns])
{
    NativeLibraryKernels native = NativeKernels.Active ?? throw new InvalidOperationException($"No native kernels: {NativeKernels.Reason}");
    const int Chain = 10_000_000;
    var managedTimes = new List<double>();
    var nativeTimes = new List<double>();
    Fq seed = Fq.FromUInt64(0x1234567), x = Fq.One;
    for (int run = 0; run < int.Parse(mulRuns, System.Globalization.CultureInfo.InvariantCulture); run++)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Chain; i++)
        {
            x = Fq.Multiply(x, seed);
        }

        managedTimes.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / Chain);
        start = Stopwatch.GetTimestamp();
        for (int i = 0; i < Chain; i++)
        {
            x = native.Multiply(x, seed);
        }

        nativeTimes.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / Chain);
    }

    managedTimes.Sort();
    nativeTimes.Sort();
    Console.WriteLine($"managed {managedTimes[managedTimes.Count / 2]:F1} ns, native {nativeTimes[nativeTimes.Count / 2]:F1} ns ({native.MultiplyKind}, one call per multiplication) [{x}]");
    return;
}

// dotnet Pod.Benchmarks.dll verify-phases RUNS   (Groth16 verification split into its phases on the vector
//   proofs with the fewest and the most public signals: what to optimise next; docs/verifying.md)
if (args is ["verify-phases", string verifyRuns])
{
    VerifyPhases.Run(int.Parse(verifyRuns, System.Globalization.CultureInfo.InvariantCulture));
    return;
}

// dotnet Pod.Benchmarks.dll witness WASM INPUT RUNS   (beside snarkjs's wtns calculate: the calculator is
//   compiled once, as a service keeps it; each run instantiates the circuit and computes)
if (args is ["witness", string wasm, string input, string witnessRuns])
{
    CircomWitnessCalculator calculator = CircomWitnessCalculator.Load(wasm);
    string inputJson = File.ReadAllText(input);
    var times = new List<double>();
    for (int i = 0; i < int.Parse(witnessRuns, System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        long start = Stopwatch.GetTimestamp();
        calculator.Calculate(inputJson);
        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    PrintTimes(times);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ProvingBenchmarks).Assembly).Run(args);

static void PrintTimes(List<double> times)
{
    times.Sort();
    Console.WriteLine($"{{\"backend\": \"{NativeKernels.Backend}\", \"multiply\": \"{NativeKernels.MultiplyKind}\", \"medianMs\": {times[times.Count / 2]:F1}, \"runs\": [{string.Join(", ", times.Select(t => t.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}]}}");
}

static void PrintMemory()
{
    GCMemoryInfo gc = GC.GetGCMemoryInfo(GCKind.Any);
    using var process = Process.GetCurrentProcess();
    Console.WriteLine($"  peak working set {process.PeakWorkingSet64 >> 20} MiB; GC heap {gc.HeapSizeBytes >> 20} MiB, committed {gc.TotalCommittedBytes >> 20} MiB, live after the last GC {GC.GetTotalMemory(false) >> 20} MiB");
}

/// <summary>An IProgress that calls back on the reporting thread (Progress&lt;T&gt; posts to the thread pool, too late for timing).</summary>
internal sealed class SynchronousProgress(Action<Groth16ProvingPhase> report) : IProgress<Groth16ProvingPhase>
{
    public void Report(Groth16ProvingPhase value) => report(value);
}
