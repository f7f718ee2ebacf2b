using System.Numerics;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Bn254;

/// <summary>Fq2 = Fq[u] / (u^2 + 1), the field of G2 coordinates: a + b*u.</summary>
internal readonly struct Fq2 : IExtensionField<Fq2, Fq>, ICurveCoordinateField<Fq2>, IEquatable<Fq2>
{
    public readonly Fq A, B;

    public Fq2(in Fq a, in Fq b)
    {
        A = a;
        B = b;
    }

    public static int Degree => 2;

    public static Fq2 Zero => default;

    public static Fq2 One => new(Fq.One, Fq.Zero);

    /// <summary>xi = 9 + u, the non-residue defining Fq6 and the sextic twist.</summary>
    public static Fq2 Xi => new(Fq.FromUInt64(9), Fq.One);

    /// <summary>3 / xi: the twist y^2 = x^3 + 3 / xi that carries G2.</summary>
    public static Fq2 CurveB { get; } = Multiply(new Fq2(Fq.CurveB, Fq.Zero), InverseVartime(Xi));

    public bool IsZero => A.IsZero && B.IsZero;

    public static Fq2 Add(in Fq2 x, in Fq2 y) => new(x.A + y.A, x.B + y.B);

    public static Fq2 Subtract(in Fq2 x, in Fq2 y) => new(x.A - y.A, x.B - y.B);

    public static Fq2 Negate(in Fq2 x) => new(-x.A, -x.B);

    /// <summary>Karatsuba: three base-field multiplications.</summary>
    public static Fq2 Multiply(in Fq2 x, in Fq2 y)
    {
        Fq aa = x.A * y.A, bb = x.B * y.B;
        return new((aa - bb), ((x.A + x.B) * (y.A + y.B)) - aa - bb);
    }

    /// <summary>(a + bu)^2 = (a + b)(a - b) + 2ab u.</summary>
    public static Fq2 Square(in Fq2 x)
    {
        Fq ab = x.A * x.B;
        return new((x.A + x.B) * (x.A - x.B), ab + ab);
    }

    public static Fq2 Scale(in Fq2 x, in Fq k) => new(x.A * k, x.B * k);

    /// <summary>x / 2, variable time (public data: the pairing's doubling step).</summary>
    public static Fq2 HalveVartime(in Fq2 x) => new(Fq.HalveVartime(x.A), Fq.HalveVartime(x.B));

    /// <summary>(a + bu)(9 + u) = (9a - b) + (a + 9b)u.</summary>
    public static Fq2 MultiplyByXi(in Fq2 x)
    {
        Fq a8 = Eight(x.A), b8 = Eight(x.B);
        return new(a8 + x.A - x.B, x.A + b8 + x.B);
    }

    private static Fq Eight(in Fq x)
    {
        Fq x2 = x + x, x4 = x2 + x2;
        return x4 + x4;
    }

    public static Fq2 Conjugate(in Fq2 x) => new(x.A, -x.B);

    /// <summary>1 / (a + bu) = (a - bu) / (a^2 + b^2), with a constant-time inverse of the norm.</summary>
    /// <exception cref="DivideByZeroException">x is zero.</exception>
    public static Fq2 Inverse(in Fq2 x)
    {
        Fq norm = Fq.Inverse((x.A * x.A) + (x.B * x.B));
        return new(x.A * norm, -(x.B * norm));
    }

    /// <summary>1 / (a + bu) with the variable-time inverse of the norm: for public data.</summary>
    /// <exception cref="DivideByZeroException">x is zero.</exception>
    public static Fq2 InverseVartime(in Fq2 x)
    {
        Fq norm = Fq.InverseVartime((x.A * x.A) + (x.B * x.B));
        return new(x.A * norm, -(x.B * norm));
    }

    public static Fq2 Pow(in Fq2 x, BigInteger exponent)
    {
        Fq2 result = One;
        for (int i = (int)exponent.GetBitLength() - 1; i >= 0; i--)
        {
            result = Square(result);
            if (!(exponent >> i).IsEven)
            {
                result = Multiply(result, x);
            }
        }

        return result;
    }

    /// <summary>A square root by the complex method (p = 3 mod 4), or false when there is none; variable time.</summary>
    public static bool TrySqrtVartime(in Fq2 x, out Fq2 root)
    {
        root = default;
        if (x.IsZero)
        {
            return true;
        }

        // norm = a^2 + b^2 must be a square in Fq; then root = c + d u with c^2 = (a + sqrt(norm)) / 2.
        if (!Fq.TrySqrtVartime((x.A * x.A) + (x.B * x.B), out Fq alpha))
        {
            return false;
        }

        Fq half = Fq.InverseVartime(Fq.FromUInt64(2));
        Fq delta = (x.A + alpha) * half;
        if (!Fq.TrySqrtVartime(delta, out Fq c))
        {
            delta = (x.A - alpha) * half;
            if (!Fq.TrySqrtVartime(delta, out c))
            {
                return false;
            }
        }

        Fq d;
        if (c.IsZero)
        {
            // b = 0 and a is no square in Fq: the root is purely imaginary, d^2 = -a.
            if (!Fq.TrySqrtVartime(-x.A, out d))
            {
                return false;
            }
        }
        else
        {
            d = x.B * Fq.InverseVartime(c + c);
        }

        root = new Fq2(c, d);
        return Square(root) == x;
    }

    public static Fq2 operator +(Fq2 x, Fq2 y) => Add(x, y);

    public static Fq2 operator -(Fq2 x, Fq2 y) => Subtract(x, y);

    public static Fq2 operator -(Fq2 x) => Negate(x);

    public static Fq2 operator *(Fq2 x, Fq2 y) => Multiply(x, y);

    public static bool operator ==(Fq2 x, Fq2 y) => x.Equals(y);

    public static bool operator !=(Fq2 x, Fq2 y) => !x.Equals(y);

    public bool Equals(Fq2 other) => A == other.A && B == other.B;

    public override bool Equals(object? obj) => obj is Fq2 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(A, B);

    public override string ToString() => $"({A}, {B})";
}
