using System.Runtime.InteropServices;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Native;

/// <summary>
/// The known-answer check a native library must pass before Pod uses it: its kernels against the managed
/// code on fixed inputs, bit for bit. The inputs reach every special case of the bucket kernel (a bucket
/// set from empty, doubled, cancelled to infinity by the opposite point, refilled; skipped zero digits and
/// points at infinity) and the field's edge values.
/// </summary>
internal static class NativeSelfTest
{
    /// <summary>Null when the library agrees with the managed code, or what disagreed.</summary>
    public static string? Run(NativeLibraryKernels kernels) => CheckMultiply(kernels) ?? CheckBuckets(kernels);

    private static string? CheckMultiply(NativeLibraryKernels kernels)
    {
        U256 p = Montgomery<FqModulus>.Modulus;
        var values = new List<U256>
        {
            default,
            new(1, 0, 0, 0),
            new(2, 0, 0, 0),
            Montgomery<FqModulus>.One,
            U256.Subtract(p, new U256(1, 0, 0, 0), out _),
            U256.Subtract(p, new U256(2, 0, 0, 0), out _),
        };

        // Fixed pseudo-random values below p (the top limb kept under p's), from SplitMix64.
        ulong state = 0x9e3779b97f4a7c15;
        for (int i = 0; i < 10; i++)
        {
            values.Add(new U256(Next(ref state), Next(ref state), Next(ref state), Next(ref state) % p.L3));
        }

        foreach (U256 a in values)
        {
            foreach (U256 b in values)
            {
                Fq expected = new(Montgomery<FqModulus>.Multiply(a, b));
                Fq actual = kernels.Multiply(new Fq(a), new Fq(b));
                if (!actual.Value.Equals(expected.Value))
                {
                    return $"Fq multiplication of {Hex(a)} and {Hex(b)} gave {Hex(actual.Value)}, not {Hex(expected.Value)}";
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
