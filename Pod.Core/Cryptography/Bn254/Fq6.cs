using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Bn254;

/// <summary>Fq6 = Fq2[v] / (v^3 - xi), xi = 9 + u: c0 + c1*v + c2*v^2.</summary>
internal readonly struct Fq6 : IExtensionField<Fq6, Fq>, IEquatable<Fq6>
{
    public readonly Fq2 C0, C1, C2;

    public Fq6(in Fq2 c0, in Fq2 c1, in Fq2 c2)
    {
        C0 = c0;
        C1 = c1;
        C2 = c2;
    }

    public static int Degree => 6;

    public static Fq6 Zero => default;

    public static Fq6 One => new(Fq2.One, Fq2.Zero, Fq2.Zero);

    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;

    public static Fq6 Add(in Fq6 x, in Fq6 y) => x + y;

    public static Fq6 Subtract(in Fq6 x, in Fq6 y) => x - y;

    public static Fq6 Negate(in Fq6 x) => -x;

    public static Fq6 Multiply(in Fq6 x, in Fq6 y) => x * y;

    /// <summary>x * x (CH-SQR2 would save two Fq2 multiplications; Fq6 squaring is off the pairing's hot path).</summary>
    public static Fq6 Square(in Fq6 x) => x * x;

    public static Fq6 operator +(in Fq6 x, in Fq6 y) => new(x.C0 + y.C0, x.C1 + y.C1, x.C2 + y.C2);

    public static Fq6 operator -(in Fq6 x, in Fq6 y) => new(x.C0 - y.C0, x.C1 - y.C1, x.C2 - y.C2);

    public static Fq6 operator -(in Fq6 x) => new(-x.C0, -x.C1, -x.C2);

    /// <summary>Karatsuba over three coefficients (Devegili, O hEigeartaigh, Scott, Dahab 2006): six Fq2 multiplications.</summary>
    public static Fq6 operator *(in Fq6 x, in Fq6 y)
    {
        Fq2 t0 = x.C0 * y.C0, t1 = x.C1 * y.C1, t2 = x.C2 * y.C2;
        Fq2 c0 = Fq2.MultiplyByXi(((x.C1 + x.C2) * (y.C1 + y.C2)) - t1 - t2) + t0;
        Fq2 c1 = ((x.C0 + x.C1) * (y.C0 + y.C1)) - t0 - t1 + Fq2.MultiplyByXi(t2);
        Fq2 c2 = ((x.C0 + x.C2) * (y.C0 + y.C2)) - t0 - t2 + t1;
        return new(c0, c1, c2);
    }

    /// <summary>
    /// x * (b0 + b1 v), the shape of a Miller-loop line's halves: five Fq2 multiplications by Karatsuba,
    /// (x0 b0 + xi x2 b1) + (x0 b1 + x1 b0) v + (x1 b1 + x2 b0) v^2.
    /// </summary>
    public static Fq6 MultiplyBy01(in Fq6 x, in Fq2 b0, in Fq2 b1)
    {
        Fq2 a = x.C0 * b0, b = x.C1 * b1;
        Fq2 c0 = Fq2.MultiplyByXi(((x.C1 + x.C2) * b1) - b) + a;
        Fq2 c1 = ((x.C0 + x.C1) * (b0 + b1)) - a - b;
        Fq2 c2 = ((x.C0 + x.C2) * b0) - a + b;
        return new(c0, c1, c2);
    }

    /// <summary>x * v = xi*c2 + c0*v + c1*v^2.</summary>
    public static Fq6 MultiplyByV(in Fq6 x) => new(Fq2.MultiplyByXi(x.C2), x.C0, x.C1);

    public static Fq6 Scale(in Fq6 x, in Fq2 k) => new(x.C0 * k, x.C1 * k, x.C2 * k);

    /// <summary>1 / x via the adjugate, with a constant-time inverse at the bottom.</summary>
    /// <exception cref="DivideByZeroException">x is zero.</exception>
    public static Fq6 Inverse(in Fq6 x) => Inverse(x, vartime: false);

    /// <summary>1 / x via the adjugate, with the variable-time inverse at the bottom: for public data.</summary>
    /// <exception cref="DivideByZeroException">x is zero.</exception>
    public static Fq6 InverseVartime(in Fq6 x) => Inverse(x, vartime: true);

    private static Fq6 Inverse(in Fq6 x, bool vartime)
    {
        Fq2 a = Fq2.Square(x.C0) - Fq2.MultiplyByXi(x.C1 * x.C2);
        Fq2 b = Fq2.MultiplyByXi(Fq2.Square(x.C2)) - (x.C0 * x.C1);
        Fq2 c = Fq2.Square(x.C1) - (x.C0 * x.C2);
        Fq2 f = (x.C0 * a) + Fq2.MultiplyByXi((x.C2 * b) + (x.C1 * c));
        Fq2 fInverse = vartime ? Fq2.InverseVartime(f) : Fq2.Inverse(f);
        return new(a * fInverse, b * fInverse, c * fInverse);
    }

    public static bool operator ==(in Fq6 x, in Fq6 y) => x.Equals(y);

    public static bool operator !=(in Fq6 x, in Fq6 y) => !x.Equals(y);

    public bool Equals(Fq6 other) => C0 == other.C0 && C1 == other.C1 && C2 == other.C2;

    public override bool Equals(object? obj) => obj is Fq6 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(C0, C1, C2);
}
