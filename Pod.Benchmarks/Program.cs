using System.Diagnostics;
using BenchmarkDotNet.Running;
using Pod.Benchmarks;
using Pod.Cryptography.Fields;
using Pod.Gpc.Proving;

// dotnet run -c Release --project Pod.Benchmarks -- --filter '*'   (see docs/benchmarks.md)
// dotnet run -c Release --project Pod.Benchmarks -- prove ZKEY WTNS RUNS   (one process, for peak memory
//   under /usr/bin/time beside snarkjs and rapidsnark: see Pod.Benchmarks/proving-anchors.sh)
// dotnet run -c Release --project Pod.Benchmarks -- witness WASM INPUT RUNS   (beside snarkjs's wtns calculate)
if (args is ["prove", string zkey, string wtns, string runs])
{
    Groth16ProvingKey key = Groth16ProvingKey.Load(zkey);
    Fr[] witness = WitnessFile.Read(File.ReadAllBytes(wtns));
    var times = new List<double>();
    var phases = new PhaseTimer();
    for (int i = 0; i < int.Parse(runs, System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        long start = Stopwatch.GetTimestamp();
        Groth16Prover.Prove(key, witness, progress: phases);
        phases.Report(null);
        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"{{\"medianMs\": {times[times.Count / 2]:F1}, \"runs\": [{string.Join(", ", times.Select(t => t.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}], \"phasesMs\": {phases}}}");
    return;
}

if (args is ["witness", string wasm, string input, string witnessRuns])
{
    // The calculator is compiled once (as a service keeps it); each run instantiates and computes.
    CircomWitnessCalculator calculator = CircomWitnessCalculator.Load(wasm);
    string inputJson = File.ReadAllText(input);
    var times = new List<double>();
    for (int i = 0; i < int.Parse(witnessRuns, System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        long start = Stopwatch.GetTimestamp();
        calculator.Calculate(inputJson);
        times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"{{\"medianMs\": {times[times.Count / 2]:F1}}}");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ProvingBenchmarks).Assembly).Run(args);

/// <summary>Milliseconds spent in each proving phase, summed over runs (the time to the next phase's report).</summary>
internal sealed class PhaseTimer : IProgress<Groth16ProvingPhase?>, IProgress<Groth16ProvingPhase>
{
    private readonly Dictionary<Groth16ProvingPhase, double> _totals = [];
    private (Groth16ProvingPhase Phase, long Start)? _current;

    public void Report(Groth16ProvingPhase value) => Report((Groth16ProvingPhase?)value);

    public void Report(Groth16ProvingPhase? value)
    {
        long now = Stopwatch.GetTimestamp();
        if (_current is { } current)
        {
            _totals[current.Phase] = _totals.GetValueOrDefault(current.Phase) + Stopwatch.GetElapsedTime(current.Start, now).TotalMilliseconds;
        }

        _current = value is { } phase ? (phase, now) : null;
    }

    public override string ToString() =>
        "{" + string.Join(", ", _totals.Select(t => $"\"{t.Key}\": {t.Value.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)}")) + "}";
}
