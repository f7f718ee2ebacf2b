using System.Numerics;
using Pod.Cryptography.Fields;

namespace Pod.Gpc.Bn254;

/// <summary>
/// The optimal ate pairing on BN254 (Vercauteren 2010; Beuchat et al., "High-speed software
/// implementation of the optimal ate pairing over Barreto-Naehrig curves", 2010): a Miller loop over
/// 6x + 2 with two extra lines at pi(Q) and -pi^2(Q), then the final exponentiation (p^12 - 1) / r.
/// A product of pairings shares one final exponentiation.
/// </summary>
internal static class Pairing
{
    private static readonly BigInteger AteLoopCount = (6 * Bn254Curve.X) + 2;

    private static readonly BigInteger HardExponent =
        (BigInteger.Pow(Fq.Modulus, 4) - BigInteger.Pow(Fq.Modulus, 2) + 1) / Bn254Curve.Order;

    // Frobenius on the twist: pi(x, y) = (conj(x) * xi^((p-1)/3), conj(y) * xi^((p-1)/2)).
    private static readonly Fq2 FrobeniusX = Fq2.Pow(Fq2.Xi, (Fq.Modulus - 1) / 3);
    private static readonly Fq2 FrobeniusY = Fq2.Pow(Fq2.Xi, (Fq.Modulus - 1) / 2);

    /// <summary>e(P, Q).</summary>
    public static Fq12 Pair(in CurvePoint<Fq> p, in CurvePoint<Fq2> q) => FinalExponentiation(MillerLoop(p, q));

    /// <summary>True when the product of e(P_i, Q_i) is one: one Miller loop per pair, one final exponentiation.</summary>
    public static bool ProductIsOne(ReadOnlySpan<CurvePoint<Fq>> ps, ReadOnlySpan<CurvePoint<Fq2>> qs)
    {
        Fq12 f = Fq12.One;
        for (int i = 0; i < ps.Length; i++)
        {
            f *= MillerLoop(ps[i], qs[i]);
        }

        return FinalExponentiation(f).IsOne;
    }

    public static Fq12 MillerLoop(in CurvePoint<Fq> p, in CurvePoint<Fq2> q)
    {
        if (p.IsInfinity || q.IsInfinity)
        {
            return Fq12.One;
        }

        Fq12 f = Fq12.One;
        CurvePoint<Fq2> t = q;
        for (int i = (int)AteLoopCount.GetBitLength() - 2; i >= 0; i--)
        {
            f = Fq12.Square(f) * Line(ref t, t, p, doubling: true);
            if (!(AteLoopCount >> i).IsEven)
            {
                f *= Line(ref t, q, p, doubling: false);
            }
        }

        CurvePoint<Fq2> q1 = Frobenius(q);
        CurvePoint<Fq2> q2 = Frobenius(q1).Negate();
        f *= Line(ref t, q1, p, doubling: false);
        f *= Line(ref t, q2, p, doubling: false);
        return f;
    }

    /// <summary>
    /// The line through T and R (the tangent when doubling) evaluated at P, and T advanced to T + R.
    /// Under the untwisting (x, y) -> (x w^2, y w^3) the line is yP - lambda xP w + (lambda xT - yT) w^3,
    /// with lambda the slope on the twist.
    /// </summary>
    private static Fq12 Line(ref CurvePoint<Fq2> t, in CurvePoint<Fq2> r, in CurvePoint<Fq> p, bool doubling)
    {
        Fq2 lambda;
        if (doubling)
        {
            Fq2 x2 = Fq2.Square(t.X);
            lambda = (x2 + x2 + x2) * Fq2.Inverse(t.Y + t.Y);
        }
        else
        {
            lambda = (r.Y - t.Y) * Fq2.Inverse(r.X - t.X);
        }

        Fq2 x3 = Fq2.Square(lambda) - t.X - r.X;
        Fq2 y3 = (lambda * (t.X - x3)) - t.Y;
        var line = new Fq12(
            new Fq6(new Fq2(p.Y, Fq.Zero), Fq2.Zero, Fq2.Zero),
            new Fq6(-Fq2.Scale(lambda, p.X), (lambda * t.X) - t.Y, Fq2.Zero));
        t = new CurvePoint<Fq2>(x3, y3);
        return line;
    }

    private static CurvePoint<Fq2> Frobenius(in CurvePoint<Fq2> q) =>
        new(Fq2.Conjugate(q.X) * FrobeniusX, Fq2.Conjugate(q.Y) * FrobeniusY);

    /// <summary>f^((p^12 - 1) / r) = (f^((p^6 - 1)(p^2 + 1)))^((p^4 - p^2 + 1) / r).</summary>
    public static Fq12 FinalExponentiation(in Fq12 f)
    {
        Fq12 easy = Fq12.Conjugate(f) * Fq12.Inverse(f);
        easy = Fq12.Frobenius(Fq12.Frobenius(easy)) * easy;
        return Fq12.Pow(easy, HardExponent);
    }
}
