using System.Buffers;
using System.Runtime.CompilerServices;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// The signed base-2^c digits of a list of scalars for <see cref="MultiScalarMultiplication{TField}"/>, window-major
/// (a window's pass reads its digits sequentially): each scalar is cut into W windows of c bits whose digits lie in
/// [-2^(c-1), 2^(c-1)]. They depend on the scalars only, so MSMs over one list of scalars (the prover's A, B1 and B2
/// over the witness, and C over its private part) share one set instead of each cutting its own. The array is
/// rented from the shared pool and returned, cleared, by <see cref="Dispose"/>: a prover's digits are the
/// witness's bits.
/// </summary>
internal sealed class MsmDigits : IDisposable
{
    /// <summary>Scalars are below 2^ScalarBits (BN254's r &lt; 2^254).</summary>
    private const int ScalarBits = 254;

    private short[]? _digits;

    private MsmDigits(int count, int windowBits)
    {
        Count = count;
        WindowBits = windowBits;
        Windows = (ScalarBits / windowBits) + 1;
        _digits = ArrayPool<short>.Shared.Rent(Windows * count);
    }

    /// <summary>The number of scalars.</summary>
    public int Count { get; }

    /// <summary>c, the bits per window, chosen for <see cref="Count"/> scalars.</summary>
    public int WindowBits { get; }

    /// <summary>W, the number of windows.</summary>
    public int Windows { get; }

    /// <summary>The digits of scalars offset to offset + length - 1 in window w.</summary>
    /// <exception cref="ObjectDisposedException">The digits were returned.</exception>
    public ReadOnlySpan<short> Window(int w, int offset, int length) =>
        new(_digits ?? throw new ObjectDisposedException(nameof(MsmDigits)), (w * Count) + offset, length);

    /// <summary>Returns the digits' array to the pool, cleared.</summary>
    public void Dispose()
    {
        if (_digits is { } digits)
        {
            _digits = null;
            ArrayPool<short>.Shared.Return(digits, clearArray: true);
        }
    }

    /// <summary>Cuts plain (not Montgomery) scalars below 2^254 into digits, in parallel chunks.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static MsmDigits Compute(ReadOnlyMemory<U256> scalars, int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        int n = scalars.Length;
        var result = new MsmDigits(n, ChooseWindowBits(Math.Max(n, 1)));
        short[] digits = result._digits!;
        int chunk = Math.Max(1, (n + (4 * Environment.ProcessorCount) - 1) / (4 * Environment.ProcessorCount));
        int chunks = (n + chunk - 1) / chunk;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, chunks, options, k =>
            {
                ReadOnlySpan<U256> s = scalars.Span;
                int end = Math.Min(n, (k + 1) * chunk);
                for (int i = k * chunk; i < end; i++)
                {
                    WriteSignedDigits(s[i], result.WindowBits, result.Windows, digits, n, i);
                }
            });
        }
        catch
        {
            result.Dispose();
            throw;
        }

        return result;
    }

    /// <summary>
    /// The window size minimising the additions, W(c) * (n + 2^c): n bucket additions per window plus
    /// the running sums over 2^(c-1) buckets (two additions each).
    /// </summary>
    internal static int ChooseWindowBits(int n)
    {
        int best = 1;
        double bestCost = double.MaxValue;
        for (int c = 1; c <= 20; c++)
        {
            double cost = ((ScalarBits / c) + 1) * ((double)n + (1 << c));
            if (cost < bestCost)
            {
                bestCost = cost;
                best = c;
            }
        }

        return best;
    }

    /// <summary>
    /// Writes the signed base-2^c digits of a scalar: d_w = bits_w + carry, and a digit above 2^(c-1)
    /// becomes d_w - 2^c with a carry into the next window. The top window holds fewer than c bits of a
    /// 254-bit scalar, so its digit plus a carry never exceeds 2^(c-1) and never carries out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteSignedDigits(in U256 scalar, int c, int windows, short[] digits, int n, int index)
    {
        int half = 1 << (c - 1);
        int full = 1 << c;
        int carry = 0;
        for (int w = 0; w < windows; w++)
        {
            int digit = ExtractBits(scalar, w * c, c) + carry;
            if (digit > half)
            {
                digit -= full;
                carry = 1;
            }
            else
            {
                carry = 0;
            }

            digits[(w * n) + index] = (short)digit;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int ExtractBits(in U256 value, int start, int count)
    {
        if (start >= 256)
        {
            return 0;
        }

        int limb = start >> 6, shift = start & 63;
        ulong low = Limb(value, limb) >> shift;
        if (shift + count > 64 && limb < 3)
        {
            low |= Limb(value, limb + 1) << (64 - shift);
        }

        return (int)(low & ((1UL << count) - 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Limb(in U256 value, int i) => i switch
    {
        0 => value.L0,
        1 => value.L1,
        2 => value.L2,
        _ => value.L3,
    };
}
