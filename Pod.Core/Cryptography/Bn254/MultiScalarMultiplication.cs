using System.Runtime.CompilerServices;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// Multi-scalar multiplication sum k_i P_i over BN254's G1 (Fq) or G2 (Fq2) by Pippenger's bucket
/// method with signed digits: each scalar is cut into W windows of c bits whose digits lie in
/// [-2^(c-1), 2^(c-1)], so a window needs only 2^(c-1) buckets and a negative digit adds -P (a free
/// negation). Buckets are affine, filled in batches that share one inversion (batch-affine addition, about
/// 5M + 1S a point); a window is summed by the running-sum trick in XYZZ coordinates (2 * 2^(c-1)
/// additions) and the windows are joined by Horner's rule.
/// Windows are independent, so they run in parallel. Variable time: public bases, and scalars that are
/// a witness the prover holds anyway (the proof's zero knowledge comes from the blinding, not from here).
/// </summary>
internal static class MultiScalarMultiplication<TField>
    where TField : struct, IPrimeField<TField>
{
    /// <summary>Scalars are below 2^ScalarBits (BN254's r &lt; 2^254).</summary>
    private const int ScalarBits = 254;

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
        CancellationToken cancellationToken)
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
            windowSums[w] = SumWindow(bases.Span, new ReadOnlySpan<short>(digits, w * n, n), c, cancellationToken);
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

    /// <summary>
    /// One window: every point added into its bucket, then sum_k (k + 1) B_k. Buckets are affine and
    /// points are added in batches with one inversion per batch (Montgomery's trick): an affine addition
    /// costs 5M + 1S with its share of the inversion, against 8M + 2S for an XYZZ bucket. Two additions
    /// into one bucket cannot share a batch (the second needs the first's result), so such a point waits
    /// for the next pass; doubling and cancellation (the same or the opposite point) are done at once.
    /// </summary>
    private static XyzzPoint<TField> SumWindow(
        ReadOnlySpan<RawAffinePoint<TField>> bases, ReadOnlySpan<short> digits, int c, CancellationToken cancellationToken)
    {
        var buckets = new RawAffinePoint<TField>[1 << (c - 1)];
        var batch = new AffineBatch(buckets);
        int[] waiting = new int[digits.Length];
        int waitingCount = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            if ((i & (CancellationCheckInterval - 1)) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (digits[i] != 0 && !bases[i].IsInfinity && !batch.TryAdd(bases[i], digits[i]))
            {
                waiting[waitingCount++] = i;
            }
        }

        batch.Flush();
        while (waitingCount > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int stillWaiting = 0;
            for (int w = 0; w < waitingCount; w++)
            {
                int i = waiting[w];
                if (!batch.TryAdd(bases[i], digits[i]))
                {
                    waiting[stillWaiting++] = i;
                }
            }

            batch.Flush();
            waitingCount = stillWaiting;
        }

        // sum_k (k + 1) B_k = sum over k of the running sums B_top + ... + B_k.
        XyzzPoint<TField> running = default, sum = default;
        for (int k = buckets.Length - 1; k >= 0; k--)
        {
            if (!buckets[k].IsInfinity)
            {
                running.AddAffine(buckets[k].X, buckets[k].Y);
            }

            sum.Add(running);
        }

        return sum;
    }

    /// <summary>Pending affine additions into distinct buckets, finished together with one inversion.</summary>
    private sealed class AffineBatch(RawAffinePoint<TField>[] buckets)
    {
        private const int Capacity = 256;

        private readonly int[] _bucketOf = new int[Capacity];
        private readonly TField[] _x = new TField[Capacity];
        private readonly TField[] _y = new TField[Capacity];
        private readonly TField[] _prefix = new TField[Capacity];
        private readonly int[] _stamp = new int[buckets.Length];
        private int _count;
        private int _batch = 1;

        /// <summary>Adds sign(digit) * p to bucket |digit| - 1, now or in this batch; false when the bucket already has an addition pending.</summary>
        public bool TryAdd(in RawAffinePoint<TField> p, short digit)
        {
            int k = digit > 0 ? digit - 1 : -digit - 1;
            if (_stamp[k] == _batch)
            {
                return false;
            }

            TField y = digit > 0 ? p.Y : TField.Negate(p.Y);
            ref RawAffinePoint<TField> bucket = ref buckets[k];
            if (bucket.IsInfinity)
            {
                bucket = new RawAffinePoint<TField>(p.X, y);
                return true;
            }

            if (bucket.X.Equals(p.X))
            {
                // The same point doubles, the opposite cancels; both rare, so done here with their own inversion.
                bucket = bucket.Y.Equals(y) ? Double(bucket) : default;
                return true;
            }

            _stamp[k] = _batch;
            _bucketOf[_count] = k;
            _x[_count] = p.X;
            _y[_count] = y;
            if (++_count == Capacity)
            {
                Flush();
            }

            return true;
        }

        /// <summary>Finishes the pending additions: lambda = (y2 - y1) / (x2 - x1), x3 = lambda^2 - x1 - x2, y3 = lambda (x1 - x3) - y1.</summary>
        public void Flush()
        {
            if (_count == 0)
            {
                _batch++;
                return;
            }

            TField product = TField.One;
            for (int i = 0; i < _count; i++)
            {
                _prefix[i] = product;
                product = TField.Multiply(product, TField.Subtract(_x[i], buckets[_bucketOf[i]].X));
            }

            TField inverse = TField.Inverse(product);
            for (int i = _count - 1; i >= 0; i--)
            {
                ref RawAffinePoint<TField> bucket = ref buckets[_bucketOf[i]];
                TField denominator = TField.Subtract(_x[i], bucket.X);
                TField inverseDenominator = TField.Multiply(inverse, _prefix[i]);
                inverse = TField.Multiply(inverse, denominator);
                TField lambda = TField.Multiply(TField.Subtract(_y[i], bucket.Y), inverseDenominator);
                TField x3 = TField.Subtract(TField.Subtract(TField.Square(lambda), bucket.X), _x[i]);
                TField y3 = TField.Subtract(TField.Multiply(lambda, TField.Subtract(bucket.X, x3)), bucket.Y);
                bucket = new RawAffinePoint<TField>(x3, y3);
            }

            _count = 0;
            _batch++;
        }

        /// <summary>2P for an affine P with y != 0 (BN254's groups have odd order, so no point has y = 0): lambda = 3x^2 / 2y.</summary>
        private static RawAffinePoint<TField> Double(in RawAffinePoint<TField> p)
        {
            TField x2 = TField.Square(p.X);
            TField lambda = TField.Multiply(TField.Add(TField.Add(x2, x2), x2), TField.Inverse(TField.Add(p.Y, p.Y)));
            TField x3 = TField.Subtract(TField.Square(lambda), TField.Add(p.X, p.X));
            return new RawAffinePoint<TField>(x3, TField.Subtract(TField.Multiply(lambda, TField.Subtract(p.X, x3)), p.Y));
        }
    }
}
