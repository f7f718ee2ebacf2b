using System.Numerics;
using Pod.Cryptography.Fields;

namespace Pod.Gpc.Bn254;

/// <summary>
/// Fq12 = Fq6[w] / (w^2 - v): c0 + c1*w, the target group of the pairing. With w^6 = xi, an element is
/// also sum g_i w^i with g_0, g_2, g_4 = c0's coefficients and g_1, g_3, g_5 = c1's.
/// </summary>
internal readonly struct Fq12 : IEquatable<Fq12>
{
    public readonly Fq6 C0, C1;

    public Fq12(in Fq6 c0, in Fq6 c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fq12 One => new(Fq6.One, Fq6.Zero);

    public bool IsOne => this == One;

    public static Fq12 operator *(in Fq12 x, in Fq12 y)
    {
        Fq6 t0 = x.C0 * y.C0, t1 = x.C1 * y.C1;
        return new(t0 + Fq6.MultiplyByV(t1), ((x.C0 + x.C1) * (y.C0 + y.C1)) - t0 - t1);
    }

    /// <summary>Complex squaring: (c0 + c1 w)^2 = (c0 + c1)(c0 + v c1) - t - v t + 2t w, t = c0 c1.</summary>
    public static Fq12 Square(in Fq12 x)
    {
        Fq6 t = x.C0 * x.C1;
        Fq6 c0 = ((x.C0 + x.C1) * (x.C0 + Fq6.MultiplyByV(x.C1))) - t - Fq6.MultiplyByV(t);
        return new(c0, t + t);
    }

    /// <summary>x^(p^6): negates the odd powers of w; the inverse of elements of the cyclotomic subgroup.</summary>
    public static Fq12 Conjugate(in Fq12 x) => new(x.C0, -x.C1);

    public static Fq12 Inverse(in Fq12 x)
    {
        Fq6 denominator = Fq6.Inverse((x.C0 * x.C0) - Fq6.MultiplyByV(x.C1 * x.C1));
        return new(x.C0 * denominator, -(x.C1 * denominator));
    }

    /// <summary>
    /// x^p: each coefficient g_i of w^i becomes conj(g_i) * xi^(i (p - 1) / 6), since w^(i p) = w^i * (w^6)^(i (p - 1) / 6).
    /// </summary>
    public static Fq12 Frobenius(in Fq12 x)
    {
        ReadOnlySpan<Fq2> g = FrobeniusCoefficients.Value;
        return new(
            new Fq6(Fq2.Conjugate(x.C0.C0), Fq2.Conjugate(x.C0.C1) * g[2], Fq2.Conjugate(x.C0.C2) * g[4]),
            new Fq6(Fq2.Conjugate(x.C1.C0) * g[1], Fq2.Conjugate(x.C1.C1) * g[3], Fq2.Conjugate(x.C1.C2) * g[5]));
    }

    /// <summary>xi^(i (p - 1) / 6) for i = 0..5, computed once.</summary>
    internal static readonly Lazy<Fq2[]> FrobeniusCoefficients = new(() =>
    {
        var coefficients = new Fq2[6];
        for (int i = 0; i < 6; i++)
        {
            coefficients[i] = Fq2.Pow(Fq2.Xi, i * (Fq.Modulus - 1) / 6);
        }

        return coefficients;
    });

    /// <summary>x^e for a non-negative exponent, by square and multiply (public exponents only).</summary>
    public static Fq12 Pow(in Fq12 x, BigInteger exponent)
    {
        Fq12 result = One;
        for (long i = (long)exponent.GetBitLength() - 1; i >= 0; i--)
        {
            result = Square(result);
            if (!(exponent >> (int)i).IsEven)
            {
                result *= x;
            }
        }

        return result;
    }

    public static bool operator ==(in Fq12 x, in Fq12 y) => x.Equals(y);

    public static bool operator !=(in Fq12 x, in Fq12 y) => !x.Equals(y);

    public bool Equals(Fq12 other) => C0 == other.C0 && C1 == other.C1;

    public override bool Equals(object? obj) => obj is Fq12 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(C0, C1);
}
