using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Xunit;

namespace Pod.Tests.Support;

/// <summary>
/// The second property every public reader has: nothing slower than linear. Each reader's seeds are grown along the
/// shapes that make parsers superlinear (long numbers, long strings, many escapes, many members, deep nesting,
/// padding, repetition), and the reader's CPU time on the large input is compared with the small one.
/// </summary>
/// <remarks>
/// This is a complexity check, not a performance figure: it compares the reader with itself, on one thread, in one
/// test, at two sizes <see cref="Factor"/> apart. Linear work grows by about <see cref="Factor"/>, quadratic by its
/// square; the bound, three times linear, leaves room for cache effects and is five times short of quadratic. It reads the thread's own CPU time
/// (not wall time, which a loaded machine stretches), keeps the fastest of several runs, and calls a shape superlinear
/// only when three separate measurements all say so, so scheduling noise cannot fail it while a quadratic reader
/// cannot pass.
/// </remarks>
internal static class ReaderGrowth
{
    /// <summary>How many units of growth the small input gets.</summary>
    public const int Small = 4096;

    /// <summary>The large input is this many times the small one.</summary>
    public const int Factor = 16;

    /// <summary>The most a reader's time may grow from the small to the large input (linear: 16, n log n: about 21, quadratic: 256).</summary>
    public const double Bound = Factor * 3;

    // Below this the large input's time is timer and cache noise: the reader is cheap at this size whatever its shape.
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(1);

    private const int Runs = 5;
    private const int Trials = 3;

    /// <summary>Text grown along each shape: (shape, input of n units).</summary>
    public static IEnumerable<(string Shape, Func<int, string> Grow)> Text(string seed)
    {
        int digit = seed.IndexOfAny("0123456789".ToCharArray());
        int quote = seed.IndexOf('"', StringComparison.Ordinal);
        int brace = seed.IndexOf('{', StringComparison.Ordinal);
        int hex = seed.IndexOf("0x", StringComparison.OrdinalIgnoreCase);
        if (digit >= 0) yield return ("long number", n => seed.Insert(digit + 1, new string('9', n)));
        if (hex >= 0) yield return ("long hex number", n => seed.Insert(hex + 2, new string('f', n)));
        if (quote >= 0) yield return ("long string", n => seed.Insert(quote + 1, new string('a', n)));
        if (quote >= 0) yield return ("many escapes", n => seed.Insert(quote + 1, Repeat("\\u0041", n / 6)));
        if (brace >= 0) yield return ("many members", n => seed.Insert(brace + 1, Members(n / 8)));
        yield return ("deep nesting", n => new string('[', n / 2) + seed + new string(']', n / 2));
        yield return ("padding", n => seed.Length == 0 ? new string(' ', n) : seed.Insert(1, new string(' ', n)));
        yield return ("repetition", n => Repeat(seed.Length == 0 ? "x" : seed, Math.Max(1, n / Math.Max(1, seed.Length))));
    }

    /// <summary>Bytes grown along each shape, including the text shapes when the seed is text.</summary>
    public static IEnumerable<(string Shape, Func<int, byte[]> Grow)> Bytes(byte[] seed)
    {
        yield return ("zero tail", n => [.. seed, .. new byte[n]]);
        yield return ("0xFF middle", n => [.. seed.AsSpan(0, seed.Length / 2), .. Enumerable.Repeat((byte)0xFF, n), .. seed.AsSpan(seed.Length / 2)]);
        yield return ("repetition", n => [.. Enumerable.Repeat(seed.Length == 0 ? [0] : seed, Math.Max(1, n / Math.Max(1, seed.Length))).SelectMany(b => b)]);
        if (seed.Length > 0 && IsText(seed))
        {
            foreach ((string shape, Func<int, string> grow) in Text(Encoding.UTF8.GetString(seed)))
                yield return ("text, " + shape, n => Encoding.UTF8.GetBytes(grow(n)));
        }
    }

    /// <summary>
    /// Fails when reading grows faster than linearly along a shape; <paramref name="read"/> swallows the reader's
    /// documented exceptions (a refusal is as much an answer as a value, and must be as cheap).
    /// </summary>
    public static void Check<T>(IEnumerable<(string Shape, Func<int, T> Grow)> shapes, Action<T> read)
    {
        var failures = new List<string>();
        foreach ((string shape, Func<int, T> grow) in shapes)
        {
            T small = grow(Small), large = grow(Small * Factor);
            double worst = double.MaxValue;
            TimeSpan smallTime = default, largeTime = default;
            for (int trial = 0; trial < Trials && worst > Bound; trial++)
            {
                TimeSpan s = Fastest(small, read), l = Fastest(large, read);
                double ratio = l < Floor ? 0 : l / Max(s, TimeSpan.FromTicks(1));
                if (ratio < worst) (worst, smallTime, largeTime) = (ratio, s, l);
            }

            if (worst > Bound)
            {
                failures.Add($"{shape}: {smallTime.TotalMilliseconds:0.###} ms at {Small} units, {largeTime.TotalMilliseconds:0.###} ms at "
                    + $"{Small * Factor} ({worst:0}x for {Factor}x the input, bound {Bound}x)");
            }
        }

        Assert.True(failures.Count == 0, "slower than linear: " + string.Join("; ", failures));
    }

    private static TimeSpan Fastest<T>(T input, Action<T> read)
    {
        read(input);
        TimeSpan best = TimeSpan.MaxValue;
        for (int i = 0; i < Runs; i++)
        {
            TimeSpan start = ThreadCpuTime();
            read(input);
            TimeSpan spent = ThreadCpuTime() - start;
            if (spent < best) best = spent;
        }

        return best;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string Repeat(string unit, int count) => new StringBuilder(unit.Length * count).Insert(0, unit, count).ToString();

    private static string Members(int count)
    {
        var members = new StringBuilder();
        for (int i = 0; i < count; i++) members.Append("\"k").Append(i).Append("\":").Append(i).Append(',');
        return members.ToString();
    }

    private static bool IsText(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes).All(c => c >= ' ' || c is '\n' or '\r' or '\t');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>This thread's CPU time (Linux: CLOCK_THREAD_CPUTIME_ID); elsewhere wall time, which only loosens the check.</summary>
    private static TimeSpan ThreadCpuTime()
    {
        if (OperatingSystem.IsLinux() && clock_gettime(ClockThreadCpuTime, out TimeSpec now) == 0)
            return TimeSpan.FromTicks(now.Seconds * TimeSpan.TicksPerSecond + now.Nanoseconds / 100);
        return Stopwatch.GetElapsedTime(0);
    }

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
