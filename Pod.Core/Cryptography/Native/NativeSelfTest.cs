using System.Numerics;
using System.Runtime.InteropServices;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;

namespace Pod.Cryptography.Native;

/// <summary>
/// The known-answer check a kernel table must pass before Pod uses it: every kernel against the managed
/// code on fixed inputs, bit for bit. The inputs reach every special case of the bucket kernels in G1 and
/// G2 (a bucket set from empty, doubled, cancelled to infinity by the opposite point, refilled; skipped zero
/// digits and points at infinity), both fields' edge values, a 16-point FFT both ways, Poseidon of
/// every width (1 to 16 inputs) on batches of edge and pseudo-random inputs, the pairing (a plain and a
/// prepared pair with a pair at infinity of each kind: the Miller loop's value and its final exponentiation),
/// and the fixed-base MSM of Groth16 verification (edge scalars 0, 1, (r - 1) / 2, (r + 1) / 2, r - 2, r - 1, a
/// repeated base and scalar, a base at infinity, a scalar and its negation on one base) at every window size.
/// </summary>
internal static class NativeSelfTest
{
    /// <summary>Null when the library agrees with the managed code, or what disagreed.</summary>
    public static string? Run(NativeLibraryKernels kernels) =>
        CheckMultiply<FqModulus>(kernels, "Fq", (a, b) => kernels.Multiply(new Fq(a), new Fq(b)).Value)
        ?? CheckMultiply<FrModulus>(kernels, "Fr", (a, b) => kernels.Multiply(new Fr(a), new Fr(b)).Value)
        ?? CheckFq2Multiply(kernels)
        ?? CheckBuckets(kernels)
        ?? CheckG2Buckets(kernels)
        ?? CheckFft(kernels)
        ?? CheckPoseidon(kernels)
        ?? CheckPairing(kernels)
        ?? CheckFixedBaseMsm(kernels);

    /// <summary>The field's edge values (0, 1, 2, R, p - 1, p - 2) and fixed pseudo-random values below p.</summary>
    internal static List<U256> Values<TModulus>(ulong seed, int randomCount)
        where TModulus : struct, IMontgomeryModulus
    {
        U256 p = Montgomery<TModulus>.Modulus;
        var values = new List<U256>
        {
            default,
            new(1, 0, 0, 0),
            new(2, 0, 0, 0),
            Montgomery<TModulus>.One,
            U256.Subtract(p, new U256(1, 0, 0, 0), out _),
            U256.Subtract(p, new U256(2, 0, 0, 0), out _),
        };

        // The top limb kept under p's, from SplitMix64.
        ulong state = seed;
        for (int i = 0; i < randomCount; i++)
        {
            values.Add(new U256(Next(ref state), Next(ref state), Next(ref state), Next(ref state) % p.L3));
        }

        return values;
    }

    private static string? CheckMultiply<TModulus>(NativeLibraryKernels kernels, string field, Func<U256, U256, U256> native)
        where TModulus : struct, IMontgomeryModulus
    {
        List<U256> values = Values<TModulus>(0x9e3779b97f4a7c15, 10);
        foreach (U256 a in values)
        {
            foreach (U256 b in values)
            {
                U256 expected = Montgomery<TModulus>.Multiply(a, b);
                U256 actual = native(a, b);
                if (!actual.Equals(expected))
                {
                    return $"{field} multiplication ({kernels.MultiplyKind}) of {Hex(a)} and {Hex(b)} gave {Hex(actual)}, not {Hex(expected)}";
                }
            }
        }

        return null;
    }

    private static string? CheckFq2Multiply(NativeLibraryKernels kernels)
    {
        List<U256> values = Values<FqModulus>(0x5851f42d4c957f2d, 6);
        for (int i = 0; i < values.Count; i++)
        {
            var a = new Fq2(new Fq(values[i]), new Fq(values[(i + 1) % values.Count]));
            foreach (U256 value in values)
            {
                var b = new Fq2(new Fq(value), new Fq(values[(i + 5) % values.Count]));
                if (kernels.Multiply(a, b) != Fq2.Multiply(a, b))
                {
                    return "the Fq2 multiplication differs from the managed code";
                }
            }
        }

        return null;
    }

    private static string? CheckBuckets(NativeLibraryKernels kernels)
    {
        JacobianPoint<Fq> g = Bn254Curve.G1Generator.ToJacobian();
        RawAffinePoint<Fq> Multiple(int k) => RawAffinePoint<Fq>.FromCurvePoint(JacobianPoint<Fq>.Multiply(g, k).ToAffine());

        RawAffinePoint<Fq> g1 = Multiple(1), g2 = Multiple(2), g3 = Multiple(3), g4 = Multiple(4), g5 = Multiple(5);
        RawAffinePoint<Fq>[] bases = [g1, g1, g2, default, g3, g5, g4, g1, g2, g5, g2, g1];
        short[] digits = [1, 1, -1, 2, 1, 0, 2, -2, 3, 3, -3, -1];

        var expected = new XyzzPoint<Fq>[3];
        var actual = new XyzzPoint<Fq>[3];
        MultiScalarMultiplication<Fq>.AccumulateBuckets(bases, digits, expected);
        kernels.AccumulateG1Buckets(bases, digits, actual);
        if (!MemoryMarshal.AsBytes<XyzzPoint<Fq>>(actual).SequenceEqual(MemoryMarshal.AsBytes<XyzzPoint<Fq>>(expected)))
        {
            return "the G1 bucket accumulation differs from the managed code";
        }

        XyzzPoint<Fq>[] reduced = [MultiScalarMultiplication<Fq>.ReduceBuckets(expected), kernels.ReduceG1Buckets(expected)];
        if (!MemoryMarshal.AsBytes<XyzzPoint<Fq>>(reduced.AsSpan(0, 1)).SequenceEqual(MemoryMarshal.AsBytes<XyzzPoint<Fq>>(reduced.AsSpan(1, 1))))
        {
            return "the G1 bucket reduction differs from the managed code";
        }

        return null;
    }

    private static string? CheckG2Buckets(NativeLibraryKernels kernels)
    {
        JacobianPoint<Fq2> g = Bn254Curve.G2Generator.ToJacobian();
        RawAffinePoint<Fq2> Multiple(int k) => RawAffinePoint<Fq2>.FromCurvePoint(JacobianPoint<Fq2>.Multiply(g, k).ToAffine());

        RawAffinePoint<Fq2> g1 = Multiple(1), g2 = Multiple(2), g3 = Multiple(3);
        RawAffinePoint<Fq2>[] bases = [g1, g1, g2, default, g3, g1, g2, g3];
        short[] digits = [1, 1, -1, 2, 2, -2, 2, -1];

        var expected = new XyzzPoint<Fq2>[2];
        var actual = new XyzzPoint<Fq2>[2];
        MultiScalarMultiplication<Fq2>.AccumulateBuckets(bases, digits, expected);
        kernels.AccumulateG2Buckets(bases, digits, actual);
        if (!MemoryMarshal.AsBytes<XyzzPoint<Fq2>>(actual).SequenceEqual(MemoryMarshal.AsBytes<XyzzPoint<Fq2>>(expected)))
        {
            return "the G2 bucket accumulation differs from the managed code";
        }

        XyzzPoint<Fq2>[] reduced = [MultiScalarMultiplication<Fq2>.ReduceBuckets(expected), kernels.ReduceG2Buckets(expected)];
        if (!MemoryMarshal.AsBytes<XyzzPoint<Fq2>>(reduced.AsSpan(0, 1)).SequenceEqual(MemoryMarshal.AsBytes<XyzzPoint<Fq2>>(reduced.AsSpan(1, 1))))
        {
            return "the G2 bucket reduction differs from the managed code";
        }

        return null;
    }

    private static string? CheckFft(NativeLibraryKernels kernels)
    {
        var domain = new FrDomain(4);
        Fr[] values = Values<FrModulus>(0x2545f4914f6cdd1d, domain.Size - 6).Select(v => new Fr(v)).ToArray();
        Fr[] expected = values.ToArray(), actual = values.ToArray();
        domain.FftManaged(expected);
        kernels.Fft(actual, domain.Log2Size, domain.Twiddles, scale: null);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            return "the FFT differs from the managed code";
        }

        domain.InverseFftManaged(expected);
        kernels.Fft(actual, domain.Log2Size, domain.InverseTwiddles, domain.SizeInverse);
        FrDomain.MultiplyPointwiseManaged(expected, values);
        kernels.MultiplyPointwise(actual, values);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            return "the inverse FFT or the pointwise product differs from the managed code";
        }

        U256[] h = new U256[values.Length], hNative = new U256[values.Length];
        FrDomain.QuotientManaged(expected, values, values.Reverse().ToArray(), h);
        kernels.Quotient(expected, values, values.Reverse().ToArray(), hNative);
        return h.AsSpan().SequenceEqual(hNative) ? null : "the quotient step differs from the managed code";
    }

    /// <summary>
    /// Each width as a batch of three hashes over Fr's edge values (0, 1, 2, R, r - 1, r - 2) and
    /// pseudo-random ones, against the managed evaluation (which Pod.Tests pins to poseidon-lite's vectors).
    /// </summary>
    private static string? CheckPoseidon(NativeLibraryKernels kernels)
    {
        const int Hashes = 3;
        List<U256> values = Values<FrModulus>(0x7c3d9a5be1f24680, 10);
        Span<Fr> inputs = stackalloc Fr[Hashes * Poseidon.MaxInputs];
        Span<Fr> outputs = stackalloc Fr[Hashes];
        for (int arity = 1; arity <= Poseidon.MaxInputs; arity++)
        {
            Span<Fr> batch = inputs[..(Hashes * arity)];
            for (int i = 0; i < batch.Length; i++)
            {
                batch[i] = new Fr(values[((arity * 7) + i) % values.Count]);
            }

            kernels.PoseidonHash(PoseidonOptimizedParameters.ForInputs(arity), batch, outputs);
            for (int h = 0; h < Hashes; h++)
            {
                if (outputs[h] != Poseidon.HashManaged(batch.Slice(h * arity, arity)))
                {
                    return $"Poseidon with {arity} inputs ({kernels.MultiplyKind}) differs from the managed code";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The Miller loop over e(5 G1, G2) e(-7 G1, 3 G2) with the second G2 point prepared, and a pair at
    /// infinity of each kind, then the final exponentiation of its value, both bit for bit against the
    /// managed code (about two milliseconds of managed work, once per process).
    /// </summary>
    private static string? CheckPairing(NativeLibraryKernels kernels)
    {
        CurvePoint<Fq> p1 = JacobianPoint<Fq>.Multiply(Bn254Curve.G1Generator.ToJacobian(), 5).ToAffine();
        CurvePoint<Fq> p2 = JacobianPoint<Fq>.Multiply(Bn254Curve.G1Generator.ToJacobian(), 7).ToAffine().Negate();
        CurvePoint<Fq2> q2 = JacobianPoint<Fq2>.Multiply(Bn254Curve.G2Generator.ToJacobian(), 3).ToAffine();
        CurvePoint<Fq>[] ps = [p1, CurvePoint<Fq>.Infinity], preparedPs = [p2, p1];
        CurvePoint<Fq2>[] qs = [Bn254Curve.G2Generator, q2];
        PreparedG2Point[] preparedQs = [Pairing.Prepare(q2), Pairing.Prepare(CurvePoint<Fq2>.Infinity)];

        Fq12 expected = Pairing.MillerLoopManaged(ps, qs, preparedPs, preparedQs);
        if (kernels.MillerLoop(ps, qs, preparedPs, preparedQs, finalExponentiation: false) != expected)
        {
            return $"the Miller loop ({kernels.MultiplyKind}) differs from the managed code";
        }

        Fq12 exponentiated = Pairing.FinalExponentiationManaged(expected);
        return kernels.FinalExponentiation(expected) != exponentiated
            || kernels.MillerLoop(ps, qs, preparedPs, preparedQs, finalExponentiation: true) != exponentiated
            ? $"the pairing's final exponentiation ({kernels.MultiplyKind}) differs from the managed code"
            : null;
    }

    private static string? CheckFixedBaseMsm(NativeLibraryKernels kernels)
    {
        JacobianPoint<Fq> g = Bn254Curve.G1Generator.ToJacobian();
        CurvePoint<Fq> Multiple(int k) => JacobianPoint<Fq>.Multiply(g, k).ToAffine();
        var msm = new G1FixedBaseMsm([Multiple(1), Multiple(1), Multiple(2), Multiple(2), CurvePoint<Fq>.Infinity, Multiple(7), Multiple(7), Multiple(3), Multiple(5), Multiple(1)]);
        BigInteger r = Fr.Modulus;
        Fr[] scalars = [.. new[] { 0, 1, (r - 1) / 2, (r + 1) / 2, 3, 5, r - 5, r - 2, r - 1, 1 }.Select(Fr.FromBigInteger)];
        foreach (int windowBits in (int[])[0, 4, 8, 12, 16])
        {
            CurvePoint<Fq> expected = msm.Compute(scalars, native: null, windowBits).ToAffine();
            if (!msm.Compute(scalars, kernels, windowBits).ToAffine().Equals(expected))
            {
                return $"the fixed-base G1 MSM ({kernels.MultiplyKind}, {windowBits}-bit windows) differs from the managed code";
            }
        }

        return null;
    }

    private static string Hex(in U256 value) => $"0x{value.L3:x16}{value.L2:x16}{value.L1:x16}{value.L0:x16}";

    private static ulong Next(ref ulong state)
    {
        unchecked
        {
            ulong z = state += 0x9e3779b97f4a7c15;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
            z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
            return z ^ (z >> 31);
        }
    }
}
