using System.Runtime.CompilerServices;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Curves;

/// <summary>
/// A BabyJubJub point in extended twisted Edwards coordinates (X : Y : T : Z), x = X/Z, y = Y/Z,
/// T = X*Y/Z (Hisil, Wong, Carter, Dawson, "Twisted Edwards curves revisited", 2008).
/// </summary>
/// <remarks>
/// The addition formula is unified and complete on this curve (a is a square, d is not), so it also
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

    public static ExtendedPoint FromAffine(in Fr x, in Fr y) => new(x, y, x * y, Fr.One);

    /// <summary>add-2008-hwcd: 9M + 2 multiplications by the curve constants.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedPoint Add(in ExtendedPoint p, in ExtendedPoint q)
    {
        Fr a = p.X * q.X;
        Fr b = p.Y * q.Y;
        Fr c = Curve.D * (p.T * q.T);
        Fr d = p.Z * q.Z;
        Fr e = ((p.X + p.Y) * (q.X + q.Y)) - a - b;
        Fr f = d - c;
        Fr g = d + c;
        Fr h = b - (Curve.A * a);
        return new ExtendedPoint(e * f, g * h, e * h, f * g);
    }

    /// <summary>Mixed addition with a precomputed affine point (Z = 1): 8M + 2 constant multiplications.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedPoint AddAffine(in ExtendedPoint p, in AffineEntry q)
    {
        Fr a = p.X * q.X;
        Fr b = p.Y * q.Y;
        Fr c = Curve.D * (p.T * q.T);
        Fr d = p.Z;
        Fr e = ((p.X + p.Y) * (q.X + q.Y)) - a - b;
        Fr f = d - c;
        Fr g = d + c;
        Fr h = b - (Curve.A * a);
        return new ExtendedPoint(e * f, g * h, e * h, f * g);
    }

    /// <summary>dbl-2008-hwcd: 4M + 4S + 1 constant multiplication.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ExtendedPoint Double(in ExtendedPoint p) => DoubleCore(p, computeT: true);

    /// <summary>
    /// dbl-2008-hwcd, optionally skipping T (then 3M + 4S + 1 constant multiplication). Doubling never
    /// reads T, so a result without T may be doubled again but never added.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ExtendedPoint DoubleCore(in ExtendedPoint p, bool computeT)
    {
        Fr a = Fr.Square(p.X);
        Fr b = Fr.Square(p.Y);
        Fr zz = Fr.Square(p.Z);
        Fr c = zz + zz;
        Fr d = Curve.A * a;
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

    public BabyJubJubPoint ToAffine()
    {
        Fr zInverse = Fr.Inverse(Z);
        return BabyJubJubPoint.FromCoordinatesUnchecked(X * zInverse, Y * zInverse);
    }

    /// <summary>Conditionally selects q when mask is all ones, in constant time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static AffineEntry Select(ulong mask, in AffineEntry q, in AffineEntry otherwise) => new(
        new Fr(U256.Select(mask, q.X.Value, otherwise.X.Value)),
        new Fr(U256.Select(mask, q.Y.Value, otherwise.Y.Value)),
        new Fr(U256.Select(mask, q.T.Value, otherwise.T.Value)));

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
