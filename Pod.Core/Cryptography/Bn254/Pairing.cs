using System.Numerics;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// The optimal ate pairing on BN254 (Vercauteren 2010; Beuchat et al., "High-speed software
/// implementation of the optimal ate pairing over Barreto-Naehrig curves", 2010): a Miller loop over
/// 6x + 2 with two extra lines at pi(Q) and -pi^2(Q), then the final exponentiation (p^12 - 1) / r.
/// A product of pairings shares one final exponentiation.
/// </summary>
internal static class Pairing
{
    private static readonly BigInteger AteLoopCount = (6 * Bn254Curve.X) + 2;

    // Frobenius on the twist: pi(x, y) = (conj(x) * xi^((p-1)/3), conj(y) * xi^((p-1)/2)).
    private static readonly Fq2 FrobeniusX = Fq2.Pow(Fq2.Xi, (Fq.Modulus - 1) / 3);
    private static readonly Fq2 FrobeniusY = Fq2.Pow(Fq2.Xi, (Fq.Modulus - 1) / 2);

    /// <summary>e(P, Q).</summary>
    public static Fq12 Pair(in CurvePoint<Fq> p, in CurvePoint<Fq2> q) => FinalExponentiation(MillerLoop([p], [q]));

    /// <summary>True when the product of e(P_i, Q_i) is one: one shared Miller loop, one final exponentiation.</summary>
    public static bool ProductIsOne(ReadOnlySpan<CurvePoint<Fq>> ps, ReadOnlySpan<CurvePoint<Fq2>> qs) =>
        FinalExponentiation(MillerLoop(ps, qs)).IsOne;

    /// <summary>
    /// The product of the Miller loops of all pairs, run in lockstep: f is squared once per step for all
    /// pairs, and the slopes' denominators of all pairs share one inversion (Montgomery's trick). Lines are
    /// divided by yP (a factor the final exponentiation removes), which makes them sparse: 1 + b w + c w^3.
    /// </summary>
    public static Fq12 MillerLoop(ReadOnlySpan<CurvePoint<Fq>> ps, ReadOnlySpan<CurvePoint<Fq2>> qs)
    {
        if (ps.Length != qs.Length)
        {
            throw new ArgumentException("Every G1 point needs a G2 point.", nameof(qs));
        }

        var pairs = new List<(Fq XOverY, Fq YInverse, CurvePoint<Fq2> Q)>(ps.Length);
        for (int i = 0; i < ps.Length; i++)
        {
            if (!ps[i].IsInfinity && !qs[i].IsInfinity)
            {
                Fq yInverse = Fq.Inverse(ps[i].Y);
                pairs.Add((ps[i].X * yInverse, yInverse, qs[i]));
            }
        }

        int n = pairs.Count;
        var t = new CurvePoint<Fq2>[n];
        var q1 = new CurvePoint<Fq2>[n];
        var q2 = new CurvePoint<Fq2>[n];
        var denominators = new Fq2[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = pairs[i].Q;
            q1[i] = Frobenius(pairs[i].Q);
            q2[i] = Frobenius(q1[i]).Negate();
        }

        CurvePoint<Fq2>[] q = pairs.Select(x => x.Q).ToArray();
        Fq12 f = Fq12.One;
        for (int bit = (int)AteLoopCount.GetBitLength() - 2; bit >= 0; bit--)
        {
            f = Fq12.Square(f);
            Step(ref f, t, null, pairs, denominators);
            if (!(AteLoopCount >> bit).IsEven)
            {
                Step(ref f, t, q, pairs, denominators);
            }
        }

        Step(ref f, t, q1, pairs, denominators);
        Step(ref f, t, q2, pairs, denominators);
        return f;
    }

    /// <summary>
    /// For every pair: T &lt;- 2T (when <paramref name="addends"/> is null) or T &lt;- T + R, multiplying f by the
    /// line through them evaluated at P and divided by yP: 1 - lambda (xP / yP) w + ((lambda xT - yT) / yP) w^3,
    /// with lambda the slope on the twist (the untwisting maps (x, y) to (x w^2, y w^3)).
    /// </summary>
    private static void Step(
        ref Fq12 f, CurvePoint<Fq2>[] t, CurvePoint<Fq2>[]? addends, List<(Fq XOverY, Fq YInverse, CurvePoint<Fq2> Q)> pairs, Fq2[] denominators)
    {
        for (int i = 0; i < t.Length; i++)
        {
            denominators[i] = addends is null ? t[i].Y + t[i].Y : addends[i].X - t[i].X;
        }

        BatchInvert(denominators);
        for (int i = 0; i < t.Length; i++)
        {
            Fq2 lambda;
            Fq2 rx;
            if (addends is null)
            {
                Fq2 x2 = Fq2.Square(t[i].X);
                lambda = (x2 + x2 + x2) * denominators[i];
                rx = t[i].X;
            }
            else
            {
                lambda = (addends[i].Y - t[i].Y) * denominators[i];
                rx = addends[i].X;
            }

            Fq2 b = -Fq2.Scale(lambda, pairs[i].XOverY);
            Fq2 c = Fq2.Scale((lambda * t[i].X) - t[i].Y, pairs[i].YInverse);
            f = MultiplyBySparseLine(f, b, c);

            Fq2 x3 = Fq2.Square(lambda) - t[i].X - rx;
            t[i] = new CurvePoint<Fq2>(x3, (lambda * (t[i].X - x3)) - t[i].Y);
        }
    }

    /// <summary>f * (1 + b w + c w^3) = f * (1 + L w), L = b + c v: twelve Fq2 multiplications.</summary>
    private static Fq12 MultiplyBySparseLine(in Fq12 f, in Fq2 b, in Fq2 c)
    {
        Fq6 f0l = MultiplyByLinear(f.C0, b, c);
        Fq6 f1l = MultiplyByLinear(f.C1, b, c);
        return new Fq12(f.C0 + Fq6.MultiplyByV(f1l), f0l + f.C1);
    }

    /// <summary>(x0 + x1 v + x2 v^2)(b + c v) = (x0 b + xi x2 c) + (x0 c + x1 b) v + (x1 c + x2 b) v^2.</summary>
    private static Fq6 MultiplyByLinear(in Fq6 x, in Fq2 b, in Fq2 c) => new(
        (x.C0 * b) + Fq2.MultiplyByXi(x.C2 * c),
        (x.C0 * c) + (x.C1 * b),
        (x.C1 * c) + (x.C2 * b));

    /// <summary>Inverts every element with one field inversion (Montgomery's trick); zeros stay zero.</summary>
    private static void BatchInvert(Fq2[] values)
    {
        var prefix = new Fq2[values.Length];
        Fq2 running = Fq2.One;
        for (int i = 0; i < values.Length; i++)
        {
            prefix[i] = running;
            if (!values[i].IsZero)
            {
                running *= values[i];
            }
        }

        Fq2 inverse = Fq2.Inverse(running);
        for (int i = values.Length - 1; i >= 0; i--)
        {
            if (values[i].IsZero)
            {
                continue;
            }

            Fq2 value = values[i];
            values[i] = inverse * prefix[i];
            inverse *= value;
        }
    }

    private static CurvePoint<Fq2> Frobenius(in CurvePoint<Fq2> q) =>
        new(Fq2.Conjugate(q.X) * FrobeniusX, Fq2.Conjugate(q.Y) * FrobeniusY);

    /// <summary>
    /// f^((p^12 - 1) / r): the easy part f^((p^6 - 1)(p^2 + 1)) by conjugation, one inversion and Frobenius;
    /// the hard part (p^4 - p^2 + 1) / r through three powers of x and Frobenius maps, with the exponent
    /// written in base p (Scott, Benger, Charlemagne, Dominguez Perez, Kachisa, "On the final
    /// exponentiation for calculating pairings on ordinary elliptic curves", 2009). The result is a fixed
    /// power, coprime to r, of the reduced pairing: bilinear and non-degenerate, so a product check holds
    /// exactly when it holds for the reduced pairing.
    /// </summary>
    public static Fq12 FinalExponentiation(in Fq12 f)
    {
        Fq12 t = Fq12.Conjugate(f) * Fq12.Inverse(f);
        t = Frobenius2(t) * t;

        Fq12 fp = Fq12.Frobenius(t);
        Fq12 fp2 = Frobenius2(t);
        Fq12 fp3 = Fq12.Frobenius(fp2);
        Fq12 fx = PowX(t);
        Fq12 fx2 = PowX(fx);
        Fq12 fx3 = PowX(fx2);

        Fq12 y0 = fp * fp2 * fp3;
        Fq12 y1 = Fq12.Conjugate(t);
        Fq12 y2 = Frobenius2(fx2);
        Fq12 y3 = Fq12.Conjugate(Fq12.Frobenius(fx));
        Fq12 y4 = Fq12.Conjugate(fx * Fq12.Frobenius(fx2));
        Fq12 y5 = Fq12.Conjugate(fx2);
        Fq12 y6 = Fq12.Conjugate(fx3 * Fq12.Frobenius(fx3));

        Fq12 t0 = Fq12.Square(y6) * y4 * y5;
        Fq12 t1 = y3 * y5 * t0;
        t0 *= y2;
        t1 = Fq12.Square(Fq12.Square(t1) * t0);
        t0 = Fq12.Square(t1 * y1);
        t1 *= y0;
        return t0 * t1;
    }

    private static Fq12 Frobenius2(in Fq12 f) => Fq12.Frobenius(Fq12.Frobenius(f));

    /// <summary>f^x for the BN parameter x (63 bits); f is in the cyclotomic subgroup.</summary>
    private static Fq12 PowX(in Fq12 f)
    {
        ulong x = (ulong)Bn254Curve.X;
        Fq12 result = f;
        for (int i = 62 - System.Numerics.BitOperations.LeadingZeroCount(x); i >= 0; i--)
        {
            result = Fq12.CyclotomicSquare(result);
            if (((x >> i) & 1) != 0)
            {
                result *= f;
            }
        }

        return result;
    }
}
