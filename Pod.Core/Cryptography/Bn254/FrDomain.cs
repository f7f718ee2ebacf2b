using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// An evaluation domain of size n = 2^k in the BN254 scalar field, with the radix-2 number-theoretic
/// transform over it. The generator is the one ffjavascript (and so snarkjs) uses: omega_n =
/// 5^((r - 1) / n), from the non-residue 5 and r's 2-adicity 28. A Groth16 prover must use exactly
/// these roots: a zkey's H points are Lagrange points of this domain, so any other root gives a wrong H.
/// The transforms and the pointwise steps run in Pod.Native's C kernels when <see cref="NativeKernels"/>
/// selected them (sequentially: one transform per thread is how the prover calls them), otherwise here.
/// </summary>
internal sealed class FrDomain
{
    /// <summary>r - 1 = 2^28 * odd.</summary>
    public const int MaxLog2Size = 28;

    private const int ParallelThreshold = 1 << 12;
    private const int ButterfliesPerTask = 1 << 11;

    private readonly Fr[] _twiddles;
    private readonly Fr[] _inverseTwiddles;

    /// <summary>A domain of 2^log2Size points.</summary>
    /// <exception cref="ArgumentOutOfRangeException">log2Size is outside [0, 28].</exception>
    public FrDomain(int log2Size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(log2Size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(log2Size, MaxLog2Size);
        Log2Size = log2Size;
        Size = 1 << log2Size;
        Generator = RootOfUnity(log2Size);
        Fr generatorInverse = Fr.Inverse(Generator);
        SizeInverse = Fr.Inverse(Fr.FromUInt64((ulong)Size));

        int half = Math.Max(1, Size / 2);
        _twiddles = new Fr[half];
        _inverseTwiddles = new Fr[half];
        Fr w = Fr.One, wi = Fr.One;
        for (int i = 0; i < half; i++)
        {
            _twiddles[i] = w;
            _inverseTwiddles[i] = wi;
            w *= Generator;
            wi *= generatorInverse;
        }
    }

    public int Log2Size { get; }

    public int Size { get; }

    /// <summary>omega_n, a primitive n-th root of unity.</summary>
    public Fr Generator { get; }

    /// <summary>1 / n.</summary>
    public Fr SizeInverse { get; }

    /// <summary>omega^k for k below n / 2 (one element when n = 1).</summary>
    internal ReadOnlySpan<Fr> Twiddles => _twiddles;

    /// <summary>omega^-k for k below n / 2.</summary>
    internal ReadOnlySpan<Fr> InverseTwiddles => _inverseTwiddles;

    /// <summary>5^((r - 1) / 2^log2Size), ffjavascript's w[log2Size].</summary>
    public static Fr RootOfUnity(int log2Size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(log2Size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(log2Size, MaxLog2Size);
        return Fr.Pow(Fr.FromUInt64(5), (Fr.Modulus - 1) >> log2Size);
    }

    /// <summary>In place: values[i] becomes sum_j values[j] omega^(ij) (evaluations from coefficients).</summary>
    public void Fft(Span<Fr> values, int maxDegreeOfParallelism = 1)
    {
        if (NativeKernels.Active is { } native)
        {
            native.Fft(values, Log2Size, _twiddles, scale: null);
            return;
        }

        Transform(values, _twiddles, maxDegreeOfParallelism);
    }

    /// <summary>In place: the inverse of <see cref="Fft"/>, including the factor 1/n.</summary>
    public void InverseFft(Span<Fr> values, int maxDegreeOfParallelism = 1)
    {
        if (NativeKernels.Active is { } native)
        {
            native.Fft(values, Log2Size, _inverseTwiddles, SizeInverse);
            return;
        }

        InverseFftManaged(values, maxDegreeOfParallelism);
    }

    /// <summary>The managed <see cref="Fft"/>: the reference the native kernel is checked against.</summary>
    internal void FftManaged(Span<Fr> values, int maxDegreeOfParallelism = 1) => Transform(values, _twiddles, maxDegreeOfParallelism);

    /// <summary>The managed <see cref="InverseFft"/>: the reference the native kernel is checked against.</summary>
    internal void InverseFftManaged(Span<Fr> values, int maxDegreeOfParallelism = 1)
    {
        Transform(values, _inverseTwiddles, maxDegreeOfParallelism);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= SizeInverse;
        }
    }

    /// <summary>values[i] *= factors[i] (a coset shift, when the factors are powers of the shift).</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void MultiplyPointwise(Span<Fr> values, ReadOnlySpan<Fr> factors)
    {
        if (NativeKernels.Active is { } native)
        {
            native.MultiplyPointwise(values, factors);
            return;
        }

        MultiplyPointwiseManaged(values, factors);
    }

    /// <summary>The managed <see cref="MultiplyPointwise"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    internal static void MultiplyPointwiseManaged(Span<Fr> values, ReadOnlySpan<Fr> factors)
    {
        if (factors.Length != values.Length)
        {
            throw new ArgumentException($"factors has {factors.Length} elements, values {values.Length}.", nameof(factors));
        }

        for (int i = 0; i < values.Length; i++)
        {
            values[i] *= factors[i];
        }
    }

    /// <summary>
    /// h[i] = a[i] b[i] - c[i] as plain integers (out of Montgomery form): the Groth16 quotient's evaluations for
    /// the H multi-exponentiation. h may be c's memory (the prover writes h over c): each h[i] is written after
    /// c[i] is read, in both backends.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Quotient(ReadOnlySpan<Fr> a, ReadOnlySpan<Fr> b, ReadOnlySpan<Fr> c, Span<U256> h)
    {
        if (NativeKernels.Active is { } native)
        {
            native.Quotient(a, b, c, h);
            return;
        }

        QuotientManaged(a, b, c, h);
    }

    /// <summary>The managed <see cref="Quotient"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    internal static void QuotientManaged(ReadOnlySpan<Fr> a, ReadOnlySpan<Fr> b, ReadOnlySpan<Fr> c, Span<U256> h)
    {
        if (b.Length != a.Length || c.Length != a.Length || h.Length != a.Length)
        {
            throw new ArgumentException($"a, b, c and h have {a.Length}, {b.Length}, {c.Length} and {h.Length} elements; they must be equal.", nameof(h));
        }

        for (int i = 0; i < a.Length; i++)
        {
            h[i] = Montgomery<FrModulus>.FromMontgomery(((a[i] * b[i]) - c[i]).Value);
        }
    }

    private void Transform(Span<Fr> values, Fr[] twiddles, int maxDegreeOfParallelism)
    {
        if (values.Length != Size)
        {
            throw new ArgumentException($"The transform takes exactly {Size} values, not {values.Length}.", nameof(values));
        }

        BitReverse(values, Log2Size);
        if (Size < ParallelThreshold || maxDegreeOfParallelism == 1)
        {
            for (int half = 1; half < Size; half <<= 1)
            {
                Butterflies(values, twiddles, half, 0, Size / 2);
            }

            return;
        }

        // Parallel over ranges of butterflies of one stage; a Span cannot enter a lambda, an array can.
        Fr[] buffer = values.ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        int tasks = (Size / 2) / ButterfliesPerTask;
        for (int half = 1; half < Size; half <<= 1)
        {
            int h = half;
            Parallel.For(0, tasks, options, t => Butterflies(buffer, twiddles, h, t * ButterfliesPerTask, (t + 1) * ButterfliesPerTask));
        }

        buffer.CopyTo(values);
    }

    /// <summary>Butterflies [from, to) of the stage joining blocks of size half into blocks of 2 half.</summary>
    private void Butterflies(Span<Fr> values, Fr[] twiddles, int half, int from, int to)
    {
        int stride = Size / (2 * half);
        for (int k = from; k < to; k++)
        {
            int block = k / half, j = k - (block * half);
            int top = (block * 2 * half) + j, bottom = top + half;
            Fr t = Fr.Multiply(values[bottom], twiddles[j * stride]);
            Fr u = values[top];
            values[top] = Fr.Add(u, t);
            values[bottom] = Fr.Subtract(u, t);
        }
    }

    private static void BitReverse(Span<Fr> values, int bits)
    {
        if (bits == 0)
        {
            return;
        }

        for (int i = 0; i < values.Length; i++)
        {
            int j = (int)(BitReverse32((uint)i) >> (32 - bits));
            if (i < j)
            {
                (values[i], values[j]) = (values[j], values[i]);
            }
        }
    }

    private static uint BitReverse32(uint x)
    {
        x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
        x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
        x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
        x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
        return (x >> 16) | (x << 16);
    }
}
