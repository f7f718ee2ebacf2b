using System.Runtime.InteropServices;
using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;
using Pod.Gpc;

namespace Pod.Benchmarks;

/// <summary>
/// Where Groth16 verification spends its time (the <c>verify-phases</c> mode): on the vector proofs with the
/// fewest and the most public signals, the median thread processor time of each phase (public-input point from the IC tables, the
/// Miller loop as verification runs it and with all four pairs plain, the final exponentiation) and of the whole check, in one process;
/// then the pairing check (Miller loop and final exponentiation) through the seam (native when Pod.Native runs) and on the managed
/// twins, interleaved, for a same-process A/B. For choosing what to optimise; the figures to quote come from <see cref="Groth16Benchmarks"/>.
/// </summary>
internal static class VerifyPhases
{
    public static void Run(int runs)
    {
        string vectors = Path.Combine(AppContext.BaseDirectory, "Vectors");
        JsonArray proofs = JsonNode.Parse(File.ReadAllText(Path.Combine(vectors, "gpc-proofs.json")))!["proofs"]!.AsArray();
        JsonNode keys = JsonNode.Parse(File.ReadAllText(Path.Combine(vectors, "gpc-vkeys.json")))!["vkeys"]!;
        List<JsonNode> byCount = [.. proofs.Select(p => p!).OrderBy(p => p["publicSignals"]!.AsArray().Count)];
        Console.WriteLine($"backend {NativeKernels.Backend} ({NativeKernels.MultiplyKind}); medians of {runs} runs, microseconds");
        foreach (JsonNode item in new[] { byCount[0], byCount[^1] })
        {
            var key = Groth16VerificationKey.Parse(keys[item["circuitIdentifier"]!.GetValue<string>()]!.ToJsonString());
            Groth16Proof proof = Groth16Proof.Parse(item["proof"]!.ToJsonString());
            Fr[] signals = [.. item["publicSignals"]!.AsArray().Select(s => Fr.FromBigInteger(BigInteger.Parse(s!.GetValue<string>(), CultureInfo.InvariantCulture)))];
            if (!Groth16.Verify(key, proof, signals))
            {
                throw new InvalidOperationException("The vector proof does not verify.");
            }

            CurvePoint<Fq> vkX = Groth16.PublicInputPoint(key, signals);
            CurvePoint<Fq>[] g1 = [proof.A.Negate(), key.Alpha, vkX, proof.C];
            CurvePoint<Fq2>[] g2 = [proof.B, key.Beta, key.Gamma, key.Delta];
            Groth16VerificationKey.PreparedKey prepared = key.Prepared;
            CurvePoint<Fq>[] plainP = [proof.A.Negate()], preparedP = [vkX, proof.C];
            CurvePoint<Fq2>[] plainQ = [proof.B];
            PreparedG2Point[] preparedQ = [prepared.Gamma, prepared.Delta];
            Fq12 f = Pairing.MillerLoop(g1, g2);
            Console.WriteLine(
                $"{signals.Length,4} signals: verify {Median(runs, () => Groth16.Verify(key, proof, signals)),8:F0}"
                + $"  public input {Median(runs, () => Groth16.PublicInputPoint(key, signals)),7:F0}"
                + $"  Miller loop (B plain, gamma and delta prepared) {Median(runs, () => Pairing.MillerLoop(plainP, plainQ, preparedP, preparedQ)),7:F0}"
                + $"  (4 plain pairs) {Median(runs, () => Pairing.MillerLoop(g1, g2)),7:F0}"
                + $"  final exponentiation {Median(runs, () => Pairing.FinalExponentiation(f)),7:F0}"
                + $"  verify (again, warm) {Median(runs, () => Groth16.Verify(key, proof, signals)),8:F0}");
            // The managed twins run nowhere else in this process: a first round of each warms them up to the
            // optimised code (tiered compilation) and is left out.
            double seam = 0, managed = 0, loop = 0, final = 0;
            for (int round = 0; round < 4; round++)
            {
                if (round == 1)
                {
                    (seam, managed, loop, final) = (0, 0, 0, 0);
                }

                seam += Median(runs, () => Pairing.Product(plainP, plainQ, preparedP, preparedQ));
                managed += Median(runs, () => Pairing.FinalExponentiationManaged(Pairing.MillerLoopManaged(plainP, plainQ, preparedP, preparedQ)));
                loop += Median(runs, () => Pairing.MillerLoopManaged(plainP, plainQ, preparedP, preparedQ));
                final += Median(runs, () => Pairing.FinalExponentiationManaged(f));
            }

            Console.WriteLine(
                $"      pairing check: {NativeKernels.Backend} {seam / 3,7:F0}  managed {managed / 3,7:F0} (Miller loop {loop / 3,7:F0}, final exponentiation {final / 3,7:F0})"
                + $"  managed / {NativeKernels.Backend} {managed / seam,5:F2}x");
        }
    }

    // The thread's processor time, not wall time: on a shared machine it is the steadier of the two (Linux only).
    private static double Median<T>(int runs, Func<T> action)
    {
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = ThreadTimeNanoseconds();
            action();
            times[i] = (ThreadTimeNanoseconds() - start) / 1000.0;
        }

        Array.Sort(times);
        return times[runs / 2];
    }

    private static long ThreadTimeNanoseconds()
    {
        const int ClockThreadCpuTime = 3;
        return clock_gettime(ClockThreadCpuTime, out TimeSpec time) == 0
            ? (time.Seconds * 1_000_000_000) + time.Nanoseconds
            : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
