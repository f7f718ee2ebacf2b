using System.Buffers;
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

        using MsmDigits digits = MsmDigits.Compute(scalars[..n], maxDegreeOfParallelism, cancellationToken);
        return Compute(bases[..n], digits, 0, maxDegreeOfParallelism, cancellationToken, native);
    }

    /// <summary>
    /// sum s_(offset + i) * bases[i] for the scalars whose digits are given: scalars shared by several MSMs (the
    /// prover's A, B1, B2 and, from an offset, C) are cut into digits once. The bases must not run past the digits.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    internal static JacobianPoint<TField> Compute(
        ReadOnlyMemory<RawAffinePoint<TField>> bases,
        MsmDigits digits,
        int offset,
        int maxDegreeOfParallelism,
        CancellationToken cancellationToken,
        NativeLibraryKernels? native)
    {
        int n = bases.Length;
        if (offset < 0 || offset > digits.Count || n > digits.Count - offset)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"The {n} bases from offset {offset} run past the {digits.Count} scalars.");
        }

        if (n == 0)
        {
            return JacobianPoint<TField>.Infinity;
        }

        int c = digits.WindowBits;
        int windows = digits.Windows;
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };

        // A fixed number of workers, each with one bucket array it clears between the windows it takes, rented
        // from the shared pool: a window's buckets (512 KB in G1, 1 MB in G2 at 13 bits) would otherwise be a
        // fresh large-object allocation per window, garbage that a prover's process carries until a full
        // collection; pooled, successive MSMs and proofs reuse the same arrays.
        var windowSums = new XyzzPoint<TField>[windows];
        int workers = Math.Min(windows, maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount);
        int bucketCount = 1 << (c - 1);
        int nextWindow = -1;
        Parallel.For(0, workers, options, _ =>
        {
            XyzzPoint<TField>[] rented = ArrayPool<XyzzPoint<TField>>.Shared.Rent(bucketCount);
            try
            {
                Span<XyzzPoint<TField>> buckets = rented.AsSpan(0, bucketCount);
                for (int w = Interlocked.Increment(ref nextWindow); w < windows; w = Interlocked.Increment(ref nextWindow))
                {
                    buckets.Clear();
                    windowSums[w] = SumWindow(bases.Span, digits.Window(w, offset, n), buckets, native, cancellationToken);
                }
            }
            finally
            {
                ArrayPool<XyzzPoint<TField>>.Shared.Return(rented);
            }
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

    private static XyzzPoint<TField> SumWindow(
        ReadOnlySpan<RawAffinePoint<TField>> bases, ReadOnlySpan<short> digits, Span<XyzzPoint<TField>> buckets, NativeLibraryKernels? kernels, CancellationToken cancellationToken)
    {

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
