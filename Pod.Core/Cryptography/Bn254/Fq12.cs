using System.Numerics;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// Fq12 = Fq6[w] / (w^2 - v): c0 + c1*w, the target group of the pairing. With w^6 = xi, an element is
/// also sum g_i w^i with g_0, g_2, g_4 = c0's coefficients and g_1, g_3, g_5 = c1's.
/// </summary>
internal readonly struct Fq12 : IExtensionField<Fq12, Fq>
{
    public readonly Fq6 C0, C1;

    public Fq12(in Fq6 c0, in Fq6 c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static int Degree => 12;

    public static Fq12 Zero => default;

    public static Fq12 One => new(Fq6.One, Fq6.Zero);

    public bool IsOne => this == One;

    public bool IsZero => C0.IsZero && C1.IsZero;

    public static Fq12 Add(in Fq12 x, in Fq12 y) => new(x.C0 + y.C0, x.C1 + y.C1);

    public static Fq12 Subtract(in Fq12 x, in Fq12 y) => new(x.C0 - y.C0, x.C1 - y.C1);

    public static Fq12 Negate(in Fq12 x) => new(-x.C0, -x.C1);

    public static Fq12 Multiply(in Fq12 x, in Fq12 y) => x * y;

    public static Fq12 operator *(in Fq12 x, in Fq12 y)
    {
        Fq6 t0 = x.C0 * y.C0, t1 = x.C1 * y.C1;
        return new(t0 + Fq6.MultiplyByV(t1), ((x.C0 + x.C1) * (y.C0 + y.C1)) - t0 - t1);
    }

    /// <summary>
    /// f * (c0 + c3 w + c4 w^3), a Miller-loop line: with L0 = c0 and L1 = c3 + c4 v in Fq6, Karatsuba over w
    /// gives f0 L0 + v f1 L1 + ((f0 + f1)(L0 + L1) - f0 L0 - f1 L1) w; thirteen Fq2 multiplications.
    /// </summary>
    public static Fq12 MultiplyBy034(in Fq12 f, in Fq2 c0, in Fq2 c3, in Fq2 c4)
    {
        Fq6 a = Fq6.Scale(f.C0, c0);
        Fq6 b = Fq6.MultiplyBy01(f.C1, c3, c4);
        Fq6 e = Fq6.MultiplyBy01(f.C0 + f.C1, c0 + c3, c4);
        return new(a + Fq6.MultiplyByV(b), e - a - b);
    }

    /// <summary>f * (1 + c3 w + c4 w^3), a line scaled to a leading one: ten Fq2 multiplications.</summary>
    public static Fq12 MultiplyBy34(in Fq12 f, in Fq2 c3, in Fq2 c4)
    {
        Fq6 b = Fq6.MultiplyBy01(f.C1, c3, c4);
        Fq6 e = Fq6.MultiplyBy01(f.C0 + f.C1, Fq2.One + c3, c4);
        return new(f.C0 + Fq6.MultiplyByV(b), e - f.C0 - b);
    }

    /// <summary>Complex squaring: (c0 + c1 w)^2 = (c0 + c1)(c0 + v c1) - t - v t + 2t w, t = c0 c1.</summary>
    public static Fq12 Square(in Fq12 x)
    {
        Fq6 t = x.C0 * x.C1;
        Fq6 c0 = ((x.C0 + x.C1) * (x.C0 + Fq6.MultiplyByV(x.C1))) - t - Fq6.MultiplyByV(t);
        return new(c0, t + t);
    }

    /// <summary>
    /// Squaring in the cyclotomic subgroup (elements with x^(p^6 + 1) = 1, as after the easy part of the
    /// final exponentiation), after Granger and Scott, "Faster squaring in the cyclotomic subgroup of sixth
    /// degree extensions", 2010: with s = w^3 and x = A + B w + C w^2 over Fq4 = Fq2[s], A = g0 + g3 s,
    /// B = g1 + g4 s, C = g2 + g5 s, the square is (3A^2 - 2 conj A) + (3 s C^2 + 2 conj B) w + (3B^2 - 2 conj C) w^2.
    /// Nine Fq2 squarings instead of twelve Fq2 multiplications.
    /// </summary>
    public static Fq12 CyclotomicSquare(in Fq12 x)
    {
        Fq2 g0 = x.C0.C0, g2 = x.C0.C1, g4 = x.C0.C2, g1 = x.C1.C0, g3 = x.C1.C1, g5 = x.C1.C2;
        (Fq2 a0, Fq2 a1) = SquareFq4(g0, g3);
        (Fq2 b0, Fq2 b1) = SquareFq4(g1, g4);
        (Fq2 c0, Fq2 c1) = SquareFq4(g2, g5);

        // A' = 3A^2 - 2 conj(A); B' = 3 s C^2 + 2 conj(B), with s C^2 = xi c1 + c0 s; C' = 3B^2 - 2 conj(C).
        Fq2 n0 = Triple(a0) - Double(g0);
        Fq2 n3 = Triple(a1) + Double(g3);
        Fq2 n1 = Triple(Fq2.MultiplyByXi(c1)) + Double(g1);
        Fq2 n4 = Triple(c0) - Double(g4);
        Fq2 n2 = Triple(b0) - Double(g2);
        Fq2 n5 = Triple(b1) + Double(g5);
        return new Fq12(new Fq6(n0, n2, n4), new Fq6(n1, n3, n5));
    }

    /// <summary>(a + b s)^2 = (a^2 + xi b^2) + 2ab s in Fq4 = Fq2[s] / (s^2 - xi).</summary>
    private static (Fq2 Real, Fq2 S) SquareFq4(in Fq2 a, in Fq2 b)
    {
        Fq2 a2 = Fq2.Square(a), b2 = Fq2.Square(b);
        return (a2 + Fq2.MultiplyByXi(b2), Fq2.Square(a + b) - a2 - b2);
    }

    private static Fq2 Double(in Fq2 x) => x + x;

    private static Fq2 Triple(in Fq2 x) => x + x + x;

    /// <summary>x^(p^6): negates the odd powers of w; the inverse of elements of the cyclotomic subgroup.</summary>
    public static Fq12 Conjugate(in Fq12 x) => new(x.C0, -x.C1);

    /// <summary>1 / x = (c0 - c1 w) / (c0^2 - v c1^2), with a constant-time inverse at the bottom.</summary>
    /// <exception cref="DivideByZeroException">x is zero.</exception>
    public static Fq12 Inverse(in Fq12 x)
    {
        Fq6 denominator = Fq6.Inverse((x.C0 * x.C0) - Fq6.MultiplyByV(x.C1 * x.C1));
        return new(x.C0 * denominator, -(x.C1 * denominator));
    }

    /// <summary>1 / x with the variable-time inverse at the bottom: for public data (the pairing's final exponentiation).</summary>
    /// <exception cref="DivideByZeroException">x is zero.</exception>
    public static Fq12 InverseVartime(in Fq12 x)
    {
        Fq6 denominator = Fq6.InverseVartime((x.C0 * x.C0) - Fq6.MultiplyByV(x.C1 * x.C1));
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
