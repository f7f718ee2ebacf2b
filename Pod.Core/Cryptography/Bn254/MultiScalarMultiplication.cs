using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// Multi-scalar multiplication sum k_i P_i over BN254's G1 (Fq) or G2 (Fq2) by Pippenger's bucket
/// method with signed digits: each scalar is cut into W windows of c bits whose digits lie in
/// [-2^(c-1), 2^(c-1)], so a window needs only 2^(c-1) buckets and a negative digit adds -P (a free
/// negation). Buckets are extended Jacobian (XYZZ) points taking affine bases at 8M + 2S; a window is
/// summed by the running-sum trick (2 * 2^(c-1) additions) and the windows are joined by Horner's rule.
/// Windows are independent, so they run in parallel. A window's buckets are filled and summed by
/// Pod.Native's C kernels (G1 and G2) when <see cref="Native.NativeKernels"/> selected them (docs/native.md).
/// Variable time: public bases, and scalars that are a witness the prover holds anyway (the proof's zero
/// knowledge comes from the blinding, not from here).
/// </summary>
internal static class MultiScalarMultiplication<TField>
    where TField : struct, ICurveCoordinateField<TField>
{
    /// <summary>Scalars are below 2^ScalarBits (BN254's r &lt; 2^254).</summary>
    private const int ScalarBits = 254;

    /// <summary>Points per bucket-accumulation call; the token is checked between calls (about a millisecond apart).</summary>
    private const int CancellationCheckInterval = 1 << 12;

    /// <summary>
    /// sum scalars[i] * bases[i] for i below the shorter length; scalars are plain (not Montgomery)
    /// integers below 2^254, points at infinity and zero scalars contribute nothing.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static JacobianPoint<TField> Compute(
        ReadOnlyMemory<RawAffinePoint<TField>> bases,
        ReadOnlyMemory<U256> scalars,
        int maxDegreeOfParallelism,
        CancellationToken cancellationToken) =>
        Compute(bases, scalars, maxDegreeOfParallelism, cancellationToken, NativeKernels.Active);

    /// <summary>
    /// <see cref="Compute(ReadOnlyMemory{RawAffinePoint{TField}}, ReadOnlyMemory{U256}, int, CancellationToken)"/>
    /// on given native kernels, or on the managed code when <paramref name="native"/> is null (the benchmarks
    /// compare the backends in one process).
    /// </summary>
    internal static JacobianPoint<TField> Compute(
        ReadOnlyMemory<RawAffinePoint<TField>> bases,
        ReadOnlyMemory<U256> scalars,
        int maxDegreeOfParallelism,
        CancellationToken cancellationToken,
        NativeLibraryKernels? native)
    {
        int n = Math.Min(bases.Length, scalars.Length);
        if (n == 0)
        {
            return JacobianPoint<TField>.Infinity;
        }

        int c = ChooseWindowBits(n);
        int windows = (ScalarBits / c) + 1;
        short[] digits = new short[windows * n];
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };

        // Digits, window-major so that a window's pass reads them sequentially.
        int chunk = Math.Max(1, (n + (4 * Environment.ProcessorCount) - 1) / (4 * Environment.ProcessorCount));
        int chunks = (n + chunk - 1) / chunk;
        Parallel.For(0, chunks, options, k =>
        {
            ReadOnlySpan<U256> s = scalars.Span;
            int end = Math.Min(n, (k + 1) * chunk);
            for (int i = k * chunk; i < end; i++)
            {
                WriteSignedDigits(s[i], c, windows, digits, n, i);
            }
        });

        var windowSums = new XyzzPoint<TField>[windows];
        Parallel.For(0, windows, options, w =>
        {
            windowSums[w] = SumWindow(bases.Span, new ReadOnlySpan<short>(digits, w * n, n), c, native, cancellationToken);
        });

        XyzzPoint<TField> result = windowSums[windows - 1];
        for (int w = windows - 2; w >= 0; w--)
        {
            for (int j = 0; j < c; j++)
            {
                result.Double();
            }

            result.Add(windowSums[w]);
        }

        return result.ToJacobian();
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
    private static int ExtractBits(in U256 value, int start, int count)
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

    private static XyzzPoint<TField> SumWindow(
        ReadOnlySpan<RawAffinePoint<TField>> bases, ReadOnlySpan<short> digits, int c, NativeLibraryKernels? kernels, CancellationToken cancellationToken)
    {
        var buckets = new XyzzPoint<TField>[1 << (c - 1)];

        // G1 and G2 go to the native kernels when there are any; the JIT folds the type tests away.
        NativeLibraryKernels? native = typeof(TField) == typeof(Fq) || typeof(TField) == typeof(Fq2) ? kernels : null;
        for (int start = 0; start < digits.Length; start += CancellationCheckInterval)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int length = Math.Min(CancellationCheckInterval, digits.Length - start);
            if (native is null)
            {
                AccumulateBuckets(bases.Slice(start, length), digits.Slice(start, length), buckets);
            }
            else if (typeof(TField) == typeof(Fq))
            {
                native.AccumulateG1Buckets(As<Fq>(bases.Slice(start, length)), digits.Slice(start, length), As<Fq>(buckets));
            }
            else
            {
                native.AccumulateG2Buckets(As<Fq2>(bases.Slice(start, length)), digits.Slice(start, length), As<Fq2>(buckets));
            }
        }

        if (native is null)
        {
            return ReduceBuckets(buckets);
        }

        if (typeof(TField) == typeof(Fq))
        {
            XyzzPoint<Fq> sum = native.ReduceG1Buckets(As<Fq>(buckets));
            return Unsafe.As<XyzzPoint<Fq>, XyzzPoint<TField>>(ref sum);
        }

        XyzzPoint<Fq2> sum2 = native.ReduceG2Buckets(As<Fq2>(buckets));
        return Unsafe.As<XyzzPoint<Fq2>, XyzzPoint<TField>>(ref sum2);
    }

    /// <summary>
    /// buckets[|d| - 1] += sign(d) * bases[i] for every non-zero digit d = digits[i] and finite base: the
    /// managed bucket accumulation, and the reference the native kernel is checked against. Every |d| must
    /// be at most the bucket count.
    /// </summary>
    internal static void AccumulateBuckets(
        ReadOnlySpan<RawAffinePoint<TField>> bases, ReadOnlySpan<short> digits, Span<XyzzPoint<TField>> buckets)
    {
        for (int i = 0; i < digits.Length; i++)
        {
            int digit = digits[i];
            if (digit == 0)
            {
                continue;
            }

            ref readonly RawAffinePoint<TField> p = ref bases[i];
            if (p.IsInfinity)
            {
                continue;
            }

            if (digit > 0)
            {
                buckets[digit - 1].AddAffine(p.X, p.Y);
            }
            else
            {
                buckets[-digit - 1].SubtractAffine(p.X, p.Y);
            }
        }
    }

    /// <summary>
    /// sum_k (k + 1) B_k = sum over k of the running sums B_top + ... + B_k: the managed bucket reduction,
    /// and the reference the native kernel is checked against.
    /// </summary>
    internal static XyzzPoint<TField> ReduceBuckets(ReadOnlySpan<XyzzPoint<TField>> buckets)
    {
        XyzzPoint<TField> running = default, sum = default;
        for (int k = buckets.Length - 1; k >= 0; k--)
        {
            running.Add(buckets[k]);
            sum.Add(running);
        }

        return sum;
    }

    // Reinterpretations for TField = TTarget only (the caller has checked): the same memory, no copy.
    private static ReadOnlySpan<RawAffinePoint<TTarget>> As<TTarget>(ReadOnlySpan<RawAffinePoint<TField>> span)
        where TTarget : struct, ICurveCoordinateField<TTarget> =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<RawAffinePoint<TField>, RawAffinePoint<TTarget>>(ref MemoryMarshal.GetReference(span)), span.Length);

    private static Span<XyzzPoint<TTarget>> As<TTarget>(Span<XyzzPoint<TField>> span)
        where TTarget : struct, ICurveCoordinateField<TTarget> =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<XyzzPoint<TField>, XyzzPoint<TTarget>>(ref MemoryMarshal.GetReference(span)), span.Length);
}
