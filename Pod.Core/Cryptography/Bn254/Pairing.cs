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
    // 6x + 2, the ate loop count (65 bits), as its bits from the most significant down, computed once so the
    // loop never shifts a BigInteger.
    private static readonly bool[] AteLoopBits = LoopBits((6 * Bn254Curve.X) + 2);

    // Frobenius on the twist: pi(x, y) = (conj(x) * xi^((p-1)/3), conj(y) * xi^((p-1)/2)).
    private static readonly Fq2 FrobeniusX = Fq2.Pow(Fq2.Xi, (Fq.Modulus - 1) / 3);
    private static readonly Fq2 FrobeniusY = Fq2.Pow(Fq2.Xi, (Fq.Modulus - 1) / 2);

    // Above this many pairs the loop's scratch arrays come from the heap instead of the stack.
    private const int StackPairs = 8;

    /// <summary>e(P, Q).</summary>
    public static Fq12 Pair(in CurvePoint<Fq> p, in CurvePoint<Fq2> q) =>
        FinalExponentiation(MillerLoop(new ReadOnlySpan<CurvePoint<Fq>>(in p), new ReadOnlySpan<CurvePoint<Fq2>>(in q)));

    /// <summary>True when the product of e(P_i, Q_i) is one: one shared Miller loop, one final exponentiation.</summary>
    public static bool ProductIsOne(ReadOnlySpan<CurvePoint<Fq>> ps, ReadOnlySpan<CurvePoint<Fq2>> qs) =>
        FinalExponentiation(MillerLoop(ps, qs)).IsOne;

    /// <summary>
    /// The product of the Miller loops of all pairs, run in lockstep: f is squared once per step for all
    /// pairs, and the slopes' denominators of all pairs share one inversion (Montgomery's trick). Lines are
    /// divided by yP (a factor the final exponentiation removes), which makes them sparse: 1 + b w + c w^3.
    /// Pairs with a point at infinity contribute one and are skipped.
    /// </summary>
    public static Fq12 MillerLoop(ReadOnlySpan<CurvePoint<Fq>> ps, ReadOnlySpan<CurvePoint<Fq2>> qs)
    {
        if (ps.Length != qs.Length)
        {
            throw new ArgumentException("Every G1 point needs a G2 point.", nameof(qs));
        }

        int n = 0;
        for (int i = 0; i < ps.Length; i++)
        {
            if (!ps[i].IsInfinity && !qs[i].IsInfinity)
            {
                n++;
            }
        }

        // One scratch block per call (on the stack for the handful of pairs a Groth16 check has): the G1 terms
        // xP / yP and 1 / yP, then the twist points Q, pi(Q), -pi^2(Q), T, and the slopes' denominators.
        Span<Fq> g1Terms = n <= StackPairs ? stackalloc Fq[2 * StackPairs] : new Fq[2 * n];
        Span<CurvePoint<Fq2>> points = n <= StackPairs ? stackalloc CurvePoint<Fq2>[4 * StackPairs] : new CurvePoint<Fq2>[4 * n];
        Span<Fq2> scratch = n <= StackPairs ? stackalloc Fq2[2 * StackPairs] : new Fq2[2 * n];
        Span<Fq> xOverY = g1Terms[..n], yInverse = g1Terms.Slice(n, n);
        Span<CurvePoint<Fq2>> q = points[..n], q1 = points.Slice(n, n), q2 = points.Slice(2 * n, n), t = points.Slice(3 * n, n);
        Span<Fq2> denominators = scratch[..n], prefix = scratch.Slice(n, n);

        for (int i = 0, k = 0; i < ps.Length; i++)
        {
            if (!ps[i].IsInfinity && !qs[i].IsInfinity)
            {
                yInverse[k] = Fq.InverseVartime(ps[i].Y);
                xOverY[k] = ps[i].X * yInverse[k];
                q[k] = qs[i];
                t[k] = qs[i];
                q1[k] = Frobenius(qs[i]);
                q2[k] = Frobenius(q1[k]).Negate();
                k++;
            }
        }

        var lines = new LineTerms(xOverY, yInverse, denominators, prefix);
        Fq12 f = Fq12.One;
        foreach (bool bit in AteLoopBits)
        {
            f = Fq12.Square(f);
            Step(ref f, t, default, lines);
            if (bit)
            {
                Step(ref f, t, q, lines);
            }
        }

        Step(ref f, t, q1, lines);
        Step(ref f, t, q2, lines);
        return f;
    }

    /// <summary>The bits of <paramref name="count"/> below its leading one, most significant first.</summary>
    private static bool[] LoopBits(BigInteger count)
    {
        var bits = new bool[(int)count.GetBitLength() - 1];
        for (int i = 0; i < bits.Length; i++)
        {
            bits[i] = !(count >> (bits.Length - 1 - i)).IsEven;
        }

        return bits;
    }

    /// <summary>The per-pair G1 terms of the lines, and scratch for the batched inversion.</summary>
    private readonly ref struct LineTerms(Span<Fq> xOverY, Span<Fq> yInverse, Span<Fq2> denominators, Span<Fq2> prefix)
    {
        public readonly Span<Fq> XOverY = xOverY;
        public readonly Span<Fq> YInverse = yInverse;
        public readonly Span<Fq2> Denominators = denominators;
        public readonly Span<Fq2> Prefix = prefix;
    }

    /// <summary>
    /// For every pair: T &lt;- 2T (when <paramref name="addends"/> is empty) or T &lt;- T + R, multiplying f by the
    /// line through them evaluated at P and divided by yP: 1 - lambda (xP / yP) w + ((lambda xT - yT) / yP) w^3,
    /// with lambda the slope on the twist (the untwisting maps (x, y) to (x w^2, y w^3)).
    /// </summary>
    private static void Step(ref Fq12 f, Span<CurvePoint<Fq2>> t, ReadOnlySpan<CurvePoint<Fq2>> addends, in LineTerms lines)
    {
        bool doubling = addends.IsEmpty;
        Span<Fq2> denominators = lines.Denominators;
        for (int i = 0; i < t.Length; i++)
        {
            denominators[i] = doubling ? t[i].Y + t[i].Y : addends[i].X - t[i].X;
        }

        BatchInvert(denominators, lines.Prefix);
        for (int i = 0; i < t.Length; i++)
        {
            Fq2 lambda;
            Fq2 rx;
            if (doubling)
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

            Fq2 b = -Fq2.Scale(lambda, lines.XOverY[i]);
            Fq2 c = Fq2.Scale((lambda * t[i].X) - t[i].Y, lines.YInverse[i]);
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
    private static void BatchInvert(Span<Fq2> values, Span<Fq2> prefix)
    {
        Fq2 running = Fq2.One;
        for (int i = 0; i < values.Length; i++)
        {
            prefix[i] = running;
            if (!values[i].IsZero)
            {
                running *= values[i];
            }
        }

        Fq2 inverse = Fq2.InverseVartime(running);
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
        Fq12 t = Fq12.Conjugate(f) * Fq12.InverseVartime(f);
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
