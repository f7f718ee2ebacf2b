using System.Runtime.CompilerServices;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Curves;

/// <summary>
/// A BabyJubJub point in extended twisted Edwards coordinates (X : Y : T : Z) on the isomorphic a = -1
/// curve of <see cref="Curve"/>: u = X/Z = s*x, y = Y/Z, T = X*Y/Z (Hisil, Wong, Carter, Dawson,
/// "Twisted Edwards curves revisited", 2008).
/// </summary>
/// <remarks>
/// The addition formula is unified and complete on this curve (-1 is a square, d' is not), so it also
/// doubles and handles the identity and small-order points without special cases.
/// </remarks>
internal readonly struct ExtendedPoint
{
    public readonly Fr X, Y, T, Z;

    public ExtendedPoint(in Fr x, in Fr y, in Fr t, in Fr z)
    {
        X = x;
        Y = y;
        T = t;
        Z = z;
    }

    public static ExtendedPoint Identity => new(Fr.Zero, Fr.One, Fr.Zero, Fr.One);

    /// <summary>The point with BabyJubJub affine coordinates (x, y).</summary>
    public static ExtendedPoint FromAffine(in Fr x, in Fr y)
    {
        Fr u = x * Curve.S;
        return new(u, y, u * y, Fr.One);
    }

    /// <summary>add-2008-hwcd-3 (a = -1, k = 2d'): 9M.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedPoint Add(in ExtendedPoint p, in ExtendedPoint q)
    {
        Fr a = (p.Y - p.X) * (q.Y - q.X);
        Fr b = (p.Y + p.X) * (q.Y + q.X);
        Fr c = p.T * Curve.K * q.T;
        Fr zz = p.Z * q.Z;
        Fr d = zz + zz;
        return Finish(a, b, c, d);
    }

    /// <summary>Mixed addition with a precomputed point (Z = 1, k*T precomputed): 7M.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedPoint AddAffine(in ExtendedPoint p, in AffineEntry q)
    {
        Fr a = (p.Y - p.X) * q.YMinusU;
        Fr b = (p.Y + p.X) * q.YPlusU;
        Fr c = p.T * q.KUY;
        Fr d = p.Z + p.Z;
        return Finish(a, b, c, d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ExtendedPoint Finish(in Fr a, in Fr b, in Fr c, in Fr d)
    {
        Fr e = b - a;
        Fr f = d - c;
        Fr g = d + c;
        Fr h = b + a;
        return new ExtendedPoint(e * f, g * h, e * h, f * g);
    }

    /// <summary>dbl-2008-hwcd with a = -1: 4M + 4S.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedPoint Double(in ExtendedPoint p) => DoubleCore(p, computeT: true);

    /// <summary>
    /// dbl-2008-hwcd with a = -1, optionally skipping T (then 3M + 4S). Doubling never reads T, so a
    /// result without T may be doubled again but never added.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ExtendedPoint DoubleCore(in ExtendedPoint p, bool computeT)
    {
        Fr a = Fr.Square(p.X);
        Fr b = Fr.Square(p.Y);
        Fr zz = Fr.Square(p.Z);
        Fr c = zz + zz;
        Fr d = -a;
        Fr e = Fr.Square(p.X + p.Y) - a - b;
        Fr g = d + b;
        Fr f = g - c;
        Fr h = d - b;
        return new ExtendedPoint(e * f, g * h, computeT ? e * h : default, f * g);
    }

    /// <summary>16 * p: four doublings, computing T only in the last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ExtendedPoint TimesSixteen(in ExtendedPoint p) =>
        Double(DoubleCore(DoubleCore(DoubleCore(p, computeT: false), computeT: false), computeT: false));

    public static ExtendedPoint Negate(in ExtendedPoint p) => new(-p.X, p.Y, -p.T, p.Z);

    /// <summary>Equality of the represented points: X1 Z2 = X2 Z1 and Y1 Z2 = Y2 Z1.</summary>
    public static bool RepresentSame(in ExtendedPoint p, in ExtendedPoint q) =>
        (p.X * q.Z) == (q.X * p.Z) && (p.Y * q.Z) == (q.Y * p.Z);

    public bool IsIdentity => X.IsZero && Y == Z;

    /// <summary>The BabyJubJub affine coordinates, x = u / s.</summary>
    public BabyJubJubPoint ToAffine()
    {
        Fr zInverse = Fr.Inverse(Z);
        return BabyJubJubPoint.FromCoordinatesUnchecked(X * zInverse * Curve.SInverse, Y * zInverse);
    }

    /// <summary>Conditionally selects q when mask is all ones, in constant time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AffineEntry Select(ulong mask, in AffineEntry q, in AffineEntry otherwise) => new(
        new Fr(U256.Select(mask, q.YMinusU.Value, otherwise.YMinusU.Value)),
        new Fr(U256.Select(mask, q.YPlusU.Value, otherwise.YPlusU.Value)),
        new Fr(U256.Select(mask, q.KUY.Value, otherwise.KUY.Value)));

    /// <summary>Conditionally selects q when mask is all ones, in constant time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedPoint Select(ulong mask, in ExtendedPoint q, in ExtendedPoint otherwise) => new(
        new Fr(U256.Select(mask, q.X.Value, otherwise.X.Value)),
        new Fr(U256.Select(mask, q.Y.Value, otherwise.Y.Value)),
        new Fr(U256.Select(mask, q.T.Value, otherwise.T.Value)),
        new Fr(U256.Select(mask, q.Z.Value, otherwise.Z.Value)));

    /// <summary>scalar * p with a 4-bit window and constant-time table lookups; time depends only on the bit length of the scalar type.</summary>
    public static ExtendedPoint Multiply(in ExtendedPoint p, in U256 scalar)
    {
        Span<ExtendedPoint> table = stackalloc ExtendedPoint[16];
        table[0] = Identity;
        for (int i = 1; i < 16; i++)
        {
            table[i] = Add(table[i - 1], p);
        }

        ExtendedPoint result = Identity;
        for (int nibble = 63; nibble >= 0; nibble--)
        {
            result = TimesSixteen(result);
            int digit = scalar.Nibble(nibble);
            ExtendedPoint chosen = table[0];
            for (int j = 1; j < 16; j++)
            {
                chosen = Select(U256.MaskOf(j == digit ? 1UL : 0UL), table[j], chosen);
            }

            result = Add(result, chosen);
        }

        return result;
    }

    /// <summary>scalar * p with a 4-bit window whose additions depend on the scalar: for public scalars only.</summary>
    public static ExtendedPoint MultiplyVartime(in ExtendedPoint p, in U256 scalar)
    {
        Span<ExtendedPoint> table = stackalloc ExtendedPoint[16];
        table[0] = Identity;
        table[1] = p;
        for (int i = 2; i < 16; i++)
        {
            table[i] = (i & 1) == 0 ? Double(table[i / 2]) : Add(table[i - 1], p);
        }

        int top = (scalar.BitLength + 3) / 4;
        ExtendedPoint result = Identity;
        for (int nibble = top - 1; nibble >= 0; nibble--)
        {
            result = TimesSixteen(result);
            int digit = scalar.Nibble(nibble);
            if (digit != 0)
            {
                result = Add(result, table[digit]);
            }
        }

        return result;
    }
}
