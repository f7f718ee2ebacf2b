using System.Buffers;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// sum s_k B_k over fixed G1 bases, a verification key's IC points, which every proof multiplies by its public
/// signals. The multiples 2^(4j) B_k (j &lt; 64) are precomputed (4 KB a base), so no doubling is needed: with
/// signed c-bit digits (c = 4, 8, 12 or 16), s_k B_k = sum over windows w of d_w (2^(cw) B_k), and all the
/// (scalar, window) pairs fill the buckets of one Pippenger window, summed once by running sums. A scalar above
/// (r - 1) / 2 is taken as -(r - s): GPC signals are often small, absent (r - 1) or r - small, and then cost one
/// or two additions. Pod.Native's kernel does it all in one call, its buckets summed with batch-affine additions;
/// the managed code (the fallback, and the reference the kernel is checked against) adds into XYZZ buckets.
/// Both give the same point. Variable time (public data).
/// </summary>
internal sealed class G1FixedBaseMsm
{
    /// <summary>The precomputed multiples per base.</summary>
    internal const int Rows = 64;

    /// <summary>log2 of the ratio of successive multiples.</summary>
    internal const int RowBits = 4;

    private const int MaxWindowBits = 16;

    // (r - 1) / 2: scalars above it are negated.
    private static readonly U256 HalfOrder = U256.FromBigInteger((Fr.Modulus - 1) / 2);

    private readonly RawAffinePoint<Fq>[] _table;

    /// <summary>Precomputes the multiples of the bases (with one inversion for all of them).</summary>
    public G1FixedBaseMsm(ReadOnlySpan<CurvePoint<Fq>> bases)
    {
        Count = bases.Length;
        var jacobian = new JacobianPoint<Fq>[bases.Length * Rows];
        for (int k = 0; k < bases.Length; k++)
        {
            JacobianPoint<Fq> row = bases[k].ToJacobian();
            for (int j = 0; j < Rows; j++)
            {
                jacobian[(k * Rows) + j] = row;
                for (int d = 0; d < RowBits; d++)
                {
                    row = JacobianPoint<Fq>.Double(row);
                }
            }
        }

        _table = Normalize(jacobian);
    }

    /// <summary>The number of bases.</summary>
    public int Count { get; }

    /// <summary>table[64 k + j] = 2^(4j) B_k, (0, 0) for infinity: the layout of Pod.Native's g1_fixed_base_msm.</summary>
    internal ReadOnlySpan<RawAffinePoint<Fq>> Table => _table;

    /// <summary>sum scalars[k] * B_k, on the native kernel when <see cref="NativeKernels"/> selected one.</summary>
    /// <exception cref="ArgumentException">The scalar count differs from the base count.</exception>
    public XyzzPoint<Fq> Compute(ReadOnlySpan<Fr> scalars) => Compute(scalars, NativeKernels.Active, windowBits: 0);

    /// <summary>
    /// The same on given native kernels, or the managed code when <paramref name="native"/> is null or the kernel
    /// had no memory for its scratch space; <paramref name="windowBits"/> 4, 8, 12 or 16, or 0 to choose from the
    /// scalars (tests try every size, the benchmarks compare the backends).
    /// </summary>
    /// <exception cref="ArgumentException">The scalar count differs from the base count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The window size is not 0, 4, 8, 12 or 16.</exception>
    internal XyzzPoint<Fq> Compute(ReadOnlySpan<Fr> scalars, NativeLibraryKernels? native, int windowBits)
    {
        if (scalars.Length != Count)
        {
            throw new ArgumentException($"{scalars.Length} scalars were given for {Count} bases.", nameof(scalars));
        }

        if (windowBits is < 0 or > MaxWindowBits || windowBits % RowBits != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(windowBits), windowBits, "The window size must be 4, 8, 12 or 16 bits, or 0 to choose.");
        }

        return native is not null && native.TryFixedBaseMsmG1(_table, scalars, windowBits, out XyzzPoint<Fq> result)
            ? result
            : ComputeManaged(scalars, windowBits);
    }

    private XyzzPoint<Fq> ComputeManaged(ReadOnlySpan<Fr> scalars, int windowBits)
    {
        U256[] plain = ArrayPool<U256>.Shared.Rent(Count);
        bool[] negated = ArrayPool<bool>.Shared.Rent(Count);
        try
        {
            int[] bitLengths = new int[Count];
            for (int k = 0; k < Count; k++)
            {
                U256 s = Montgomery<FrModulus>.FromMontgomery(scalars[k].Value);
                negated[k] = HalfOrder.LessThan(s);
                plain[k] = negated[k] ? Montgomery<FrModulus>.FromMontgomery(Fr.Negate(scalars[k]).Value) : s;
                bitLengths[k] = plain[k].BitLength;
            }

            int c = windowBits != 0 ? windowBits : ChooseWindowBits(bitLengths);
            return Sum(plain.AsSpan(0, Count), negated.AsSpan(0, Count), c);
        }
        finally
        {
            ArrayPool<U256>.Shared.Return(plain);
            ArrayPool<bool>.Shared.Return(negated);
        }
    }

    /// <summary>sum (-1)^negated[k] plain[k] B_k, the plain scalars below 2^253, with c-bit signed digits.</summary>
    private XyzzPoint<Fq> Sum(ReadOnlySpan<U256> plain, ReadOnlySpan<bool> negated, int c)
    {
        // The top window's row, (windows - 1) c / 4, is at most 63, and its digit never carries out (scalars < 2^253).
        int windows = (256 + c - 1) / c, rowStep = c / RowBits, half = 1 << (c - 1), full = 1 << c;
        XyzzPoint<Fq>[] rented = ArrayPool<XyzzPoint<Fq>>.Shared.Rent(half);
        try
        {
            Span<XyzzPoint<Fq>> buckets = rented.AsSpan(0, half);
            buckets.Clear();
            for (int k = 0; k < plain.Length; k++)
            {
                int carry = 0;
                for (int w = 0; w < windows; w++)
                {
                    int digit = MsmDigits.ExtractBits(plain[k], w * c, c) + carry;
                    carry = digit > half ? 1 : 0;
                    digit -= carry * full;
                    ref readonly RawAffinePoint<Fq> p = ref _table[(k * Rows) + (w * rowStep)];
                    if (digit == 0 || p.IsInfinity)
                    {
                        continue;
                    }

                    if ((digit < 0) != negated[k])
                    {
                        buckets[Math.Abs(digit) - 1].SubtractAffine(p.X, p.Y);
                    }
                    else
                    {
                        buckets[Math.Abs(digit) - 1].AddAffine(p.X, p.Y);
                    }
                }
            }

            return MultiScalarMultiplication<Fq>.ReduceBuckets(buckets);
        }
        finally
        {
            ArrayPool<XyzzPoint<Fq>>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The window size with the fewest additions for scalars of these bit lengths: at most one per window and
    /// one more for a carry, plus the running sums over the 2^(c-1) buckets (two additions each). The native
    /// kernel chooses by the same rule.
    /// </summary>
    internal static int ChooseWindowBits(ReadOnlySpan<int> bitLengths)
    {
        int best = RowBits;
        long bestCost = long.MaxValue;
        for (int c = RowBits; c <= MaxWindowBits; c += RowBits)
        {
            long cost = 1L << c;
            foreach (int bits in bitLengths)
            {
                cost += (bits + c) / c;
            }

            if (cost < bestCost)
            {
                bestCost = cost;
                best = c;
            }
        }

        return best;
    }

    /// <summary>To affine with one inversion for all points (Montgomery's trick); infinity stays (0, 0).</summary>
    private static RawAffinePoint<Fq>[] Normalize(JacobianPoint<Fq>[] points)
    {
        var affine = new RawAffinePoint<Fq>[points.Length];
        var prefix = new Fq[points.Length];
        Fq running = Fq.One;
        for (int i = 0; i < points.Length; i++)
        {
            prefix[i] = running;
            if (!points[i].IsInfinity)
            {
                running *= points[i].Z;
            }
        }

        Fq inverse = Fq.InverseVartime(running);
        for (int i = points.Length - 1; i >= 0; i--)
        {
            if (points[i].IsInfinity)
            {
                continue;
            }

            Fq zInverse = inverse * prefix[i];
            inverse *= points[i].Z;
            Fq zInverse2 = Fq.Square(zInverse);
            affine[i] = new RawAffinePoint<Fq>(points[i].X * zInverse2, points[i].Y * zInverse2 * zInverse);
        }

        return affine;
    }
}
