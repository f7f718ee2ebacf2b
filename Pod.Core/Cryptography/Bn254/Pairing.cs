using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Native;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// The optimal ate pairing on BN254 (Vercauteren 2010; Beuchat et al., "High-speed software
/// implementation of the optimal ate pairing over Barreto-Naehrig curves", 2010): a Miller loop over
/// 6x + 2 in non-adjacent form with two extra lines at pi(Q) and -pi^2(Q), then the final exponentiation
/// (p^12 - 1) / r. A product of pairings shares one Miller loop (one squaring of f per step) and one
/// final exponentiation. A G2 point used again and again (a verification key's gamma and delta) can be
/// prepared once (<see cref="Prepare"/>): its lines are stored and the loop only evaluates them.
/// </summary>
/// <remarks>
/// Lines are multiplied into f up to factors in Fq2 (the projective lines, scaled by Z terms) or in Fq (lines
/// divided by yP): the final exponentiation maps every element of a proper subfield of Fq12 to one, so the
/// pairing is the same whichever scaling a line has. Points must be in their groups (the callers check): the
/// loop never meets T = +-Q, which points of order r cannot reach.
/// The Miller loop and the final exponentiation go through <see cref="NativeKernels"/>: Pod.Native's port of
/// this code when it passed its self-test (the same values bit for bit, docs/native.md), else the managed
/// twins <see cref="MillerLoopManaged"/> and <see cref="FinalExponentiationManaged"/>. No input is secret.
/// </remarks>
internal static class Pairing
{
    // 6x + 2, the ate loop count (65 bits), as non-adjacent-form digits (-1, 0, 1) from the most significant
    // down, its leading 1 dropped: 22 non-zero digits against 37 one bits, so 15 fewer addition steps.
    private static readonly sbyte[] AteLoopDigits = WindowNafDigits((6 * Bn254Curve.X) + 2, 2)[1..];

    // x in width-4 non-adjacent form, most significant first, for the final exponentiation's powers f^x.
    private static readonly sbyte[] XDigits = WindowNafDigits(Bn254Curve.X, 4);

    // Frobenius on the twist: pi(x, y) = (conj(x) * xi^((p-1)/3), conj(y) * xi^((p-1)/2)).
    private static readonly Fq2 FrobeniusX = Fq2.Pow(Fq2.Xi, (Fq.Modulus - 1) / 3);
    private static readonly Fq2 FrobeniusY = Fq2.Pow(Fq2.Xi, (Fq.Modulus - 1) / 2);

    // Above this many pairs the loop's scratch comes from the heap instead of the stack.
    private const int StackPairs = 8;

    /// <summary>The number of lines a Miller loop multiplies in per pair: one per step, one per non-zero digit, two at the end.</summary>
    internal static int LineCount { get; } = AteLoopDigits.Length + AteLoopDigits.Count(d => d != 0) + 2;

    /// <summary>e(P, Q).</summary>
    public static Fq12 Pair(in CurvePoint<Fq> p, in CurvePoint<Fq2> q) =>
        Product(new ReadOnlySpan<CurvePoint<Fq>>(in p), new ReadOnlySpan<CurvePoint<Fq2>>(in q), default, default);

    /// <summary>True when the product of e(P_i, Q_i) is one: one shared Miller loop, one final exponentiation.</summary>
    public static bool ProductIsOne(ReadOnlySpan<CurvePoint<Fq>> ps, ReadOnlySpan<CurvePoint<Fq2>> qs) =>
        Product(ps, qs, default, default).IsOne;

    /// <summary>The product of the Miller loops of all pairs.</summary>
    public static Fq12 MillerLoop(ReadOnlySpan<CurvePoint<Fq>> ps, ReadOnlySpan<CurvePoint<Fq2>> qs) =>
        MillerLoop(ps, qs, default, default);

    /// <summary>
    /// The product of the pairings of the pairs (ps, qs) and (preparedPs, preparedQs): their shared Miller loop
    /// and its final exponentiation, in one native call when the native kernels run (a Groth16 check).
    /// </summary>
    /// <exception cref="ArgumentException">The spans of a kind of pair differ in length.</exception>
    public static Fq12 Product(
        ReadOnlySpan<CurvePoint<Fq>> ps,
        ReadOnlySpan<CurvePoint<Fq2>> qs,
        ReadOnlySpan<CurvePoint<Fq>> preparedPs,
        ReadOnlySpan<PreparedG2Point> preparedQs)
    {
        CheckPairs(ps, qs, preparedPs, preparedQs);
        return NativeKernels.Active is { } native
            ? native.MillerLoop(ps, qs, preparedPs, preparedQs, finalExponentiation: true)
            : FinalExponentiationManaged(MillerLoopManaged(ps, qs, preparedPs, preparedQs));
    }

    /// <summary>
    /// The lines of Q's Miller loop, computed once: per line the slope lambda and mu = lambda xT - yT of the
    /// affine line through T (and the added point), so that a pairing with Q only evaluates them at P. One
    /// inversion per line here, none in the loops that use them.
    /// </summary>
    public static PreparedG2Point Prepare(in CurvePoint<Fq2> q)
    {
        if (q.IsInfinity)
        {
            return new PreparedG2Point(q, 0);
        }

        var prepared = new PreparedG2Point(q, LineCount);
        PreparedLine[] lines = prepared.Lines;
        int k = 0;
        CurvePoint<Fq2> t = q, negated = q.Negate();
        foreach (sbyte digit in AteLoopDigits)
        {
            lines[k++] = AffineLine(ref t, default, doubling: true);
            if (digit != 0)
            {
                lines[k++] = AffineLine(ref t, digit > 0 ? q : negated, doubling: false);
            }
        }

        CurvePoint<Fq2> q1 = Frobenius(q);
        lines[k++] = AffineLine(ref t, q1, doubling: false);
        lines[k] = AffineLine(ref t, Frobenius(q1).Negate(), doubling: false);
        return prepared;
    }

    /// <summary>T &lt;- 2T or T + R, returning the slope and mu = lambda xT - yT of the line through them (before the update).</summary>
    private static PreparedLine AffineLine(ref CurvePoint<Fq2> t, in CurvePoint<Fq2> r, bool doubling)
    {
        Fq2 lambda;
        Fq2 rx;
        if (doubling)
        {
            Fq2 x2 = Fq2.Square(t.X);
            lambda = (x2 + x2 + x2) * Fq2.InverseVartime(t.Y + t.Y);
            rx = t.X;
        }
        else
        {
            lambda = (r.Y - t.Y) * Fq2.InverseVartime(r.X - t.X);
            rx = r.X;
        }

        var line = new PreparedLine(lambda, (lambda * t.X) - t.Y);
        Fq2 x3 = Fq2.Square(lambda) - t.X - rx;
        t = new CurvePoint<Fq2>(x3, (lambda * (t.X - x3)) - t.Y);
        return line;
    }

    /// <summary>
    /// The product of the Miller loops of all pairs, the pairs (ps, qs) and the pairs (preparedPs, preparedQs)
    /// in lockstep: f is squared once per step for all of them. A pair (P, Q) keeps T in homogeneous projective
    /// coordinates on the twist (Costello, Lange, Naehrig, "Faster pairing computations on curves with
    /// high-degree twists", 2010, in the form of Aranha et al. 2011 and gnark-crypto), so no step inverts; its
    /// line r0 yP + r1 xP w + r2 w^3 has three non-zero Fq2 coefficients. A prepared pair evaluates its stored
    /// line divided by yP, 1 - lambda (xP / yP) w + (mu / yP) w^3, which has two. Pairs with a point at
    /// infinity contribute one and are skipped. Native when the native kernels run (see the class remarks).
    /// </summary>
    /// <exception cref="ArgumentException">The spans of a kind of pair differ in length.</exception>
    public static Fq12 MillerLoop(
        ReadOnlySpan<CurvePoint<Fq>> ps,
        ReadOnlySpan<CurvePoint<Fq2>> qs,
        ReadOnlySpan<CurvePoint<Fq>> preparedPs,
        ReadOnlySpan<PreparedG2Point> preparedQs)
    {
        CheckPairs(ps, qs, preparedPs, preparedQs);
        return NativeKernels.Active is { } native
            ? native.MillerLoop(ps, qs, preparedPs, preparedQs, finalExponentiation: false)
            : MillerLoopManaged(ps, qs, preparedPs, preparedQs);
    }

    private static void CheckPairs(
        ReadOnlySpan<CurvePoint<Fq>> ps, ReadOnlySpan<CurvePoint<Fq2>> qs, ReadOnlySpan<CurvePoint<Fq>> preparedPs, ReadOnlySpan<PreparedG2Point> preparedQs)
    {
        if (ps.Length != qs.Length)
        {
            throw new ArgumentException("Every G1 point needs a G2 point.", nameof(qs));
        }

        if (preparedPs.Length != preparedQs.Length)
        {
            throw new ArgumentException("Every G1 point needs a prepared G2 point.", nameof(preparedQs));
        }
    }

    /// <summary>The managed Miller loop (see <see cref="MillerLoop(ReadOnlySpan{CurvePoint{Fq}}, ReadOnlySpan{CurvePoint{Fq2}}, ReadOnlySpan{CurvePoint{Fq}}, ReadOnlySpan{PreparedG2Point})"/>), the native kernel's reference.</summary>
    /// <exception cref="ArgumentException">The spans of a kind of pair differ in length.</exception>
    internal static Fq12 MillerLoopManaged(
        ReadOnlySpan<CurvePoint<Fq>> ps,
        ReadOnlySpan<CurvePoint<Fq2>> qs,
        ReadOnlySpan<CurvePoint<Fq>> preparedPs,
        ReadOnlySpan<PreparedG2Point> preparedQs)
    {
        CheckPairs(ps, qs, preparedPs, preparedQs);
        int n = 0, m = 0;
        for (int i = 0; i < ps.Length; i++)
        {
            n += !ps[i].IsInfinity && !qs[i].IsInfinity ? 1 : 0;
        }

        for (int i = 0; i < preparedPs.Length; i++)
        {
            m += !preparedPs[i].IsInfinity && !preparedQs[i].IsInfinity ? 1 : 0;
        }

        // One scratch block per call (on the stack for the handful of pairs a Groth16 check has): P, Q, -Q and T
        // of the plain pairs; -xP / yP, 1 / yP and the index of the prepared pairs.
        Span<CurvePoint<Fq>> p = n <= StackPairs ? stackalloc CurvePoint<Fq>[StackPairs] : new CurvePoint<Fq>[n];
        Span<CurvePoint<Fq2>> affine = n <= StackPairs ? stackalloc CurvePoint<Fq2>[2 * StackPairs] : new CurvePoint<Fq2>[2 * n];
        Span<ProjectivePoint> t = n <= StackPairs ? stackalloc ProjectivePoint[StackPairs] : new ProjectivePoint[n];
        Span<Fq> g1Terms = m <= StackPairs ? stackalloc Fq[2 * StackPairs] : new Fq[2 * m];
        Span<int> preparedIndex = m <= StackPairs ? stackalloc int[StackPairs] : new int[m];
        Span<CurvePoint<Fq2>> q = affine[..n], negatedQ = affine.Slice(n, n);
        Span<Fq> xNegOverY = g1Terms[..m], yInverse = g1Terms.Slice(m, m);

        for (int i = 0, k = 0; i < ps.Length; i++)
        {
            if (!ps[i].IsInfinity && !qs[i].IsInfinity)
            {
                p[k] = ps[i];
                q[k] = qs[i];
                negatedQ[k] = qs[i].Negate();
                t[k] = new ProjectivePoint(qs[i].X, qs[i].Y, Fq2.One);
                k++;
            }
        }

        for (int i = 0, k = 0; i < preparedPs.Length; i++)
        {
            if (!preparedPs[i].IsInfinity && !preparedQs[i].IsInfinity)
            {
                yInverse[k] = Fq.InverseVartime(preparedPs[i].Y);
                xNegOverY[k] = -(preparedPs[i].X * yInverse[k]);
                preparedIndex[k] = i;
                k++;
            }
        }

        p = p[..n];
        t = t[..n];
        preparedIndex = preparedIndex[..m];
        Fq12 f = Fq12.One;
        int line = 0;
        foreach (sbyte digit in AteLoopDigits)
        {
            f = Fq12.Square(f);
            for (int i = 0; i < t.Length; i++)
            {
                DoubleStep(ref t[i], out Fq2 r0, out Fq2 r1, out Fq2 r2);
                f = Fq12.MultiplyBy034(f, Fq2.Scale(r0, p[i].Y), Fq2.Scale(r1, p[i].X), r2);
            }

            MultiplyByPreparedLines(ref f, preparedQs, preparedIndex, xNegOverY, yInverse, line++);
            if (digit != 0)
            {
                for (int i = 0; i < t.Length; i++)
                {
                    AddStep(ref t[i], digit > 0 ? q[i] : negatedQ[i], out Fq2 r0, out Fq2 r1, out Fq2 r2);
                    f = Fq12.MultiplyBy034(f, Fq2.Scale(r0, p[i].Y), Fq2.Scale(r1, p[i].X), r2);
                }

                MultiplyByPreparedLines(ref f, preparedQs, preparedIndex, xNegOverY, yInverse, line++);
            }
        }

        for (int i = 0; i < t.Length; i++)
        {
            CurvePoint<Fq2> q1 = Frobenius(q[i]);
            AddStep(ref t[i], q1, out Fq2 r0, out Fq2 r1, out Fq2 r2);
            f = Fq12.MultiplyBy034(f, Fq2.Scale(r0, p[i].Y), Fq2.Scale(r1, p[i].X), r2);
            AddStep(ref t[i], Frobenius(q1).Negate(), out r0, out r1, out r2);
            f = Fq12.MultiplyBy034(f, Fq2.Scale(r0, p[i].Y), Fq2.Scale(r1, p[i].X), r2);
        }

        MultiplyByPreparedLines(ref f, preparedQs, preparedIndex, xNegOverY, yInverse, line++);
        MultiplyByPreparedLines(ref f, preparedQs, preparedIndex, xNegOverY, yInverse, line);
        return f;
    }

    private static void MultiplyByPreparedLines(
        ref Fq12 f, ReadOnlySpan<PreparedG2Point> preparedQs, ReadOnlySpan<int> index, ReadOnlySpan<Fq> xNegOverY, ReadOnlySpan<Fq> yInverse, int line)
    {
        for (int k = 0; k < index.Length; k++)
        {
            ref readonly PreparedLine l = ref preparedQs[index[k]].Lines[line];
            f = Fq12.MultiplyBy34(f, Fq2.Scale(l.Lambda, xNegOverY[k]), Fq2.Scale(l.Mu, yInverse[k]));
        }
    }

    /// <summary>A point of the twist in homogeneous projective coordinates: x = X / Z, y = Y / Z.</summary>
    private struct ProjectivePoint(in Fq2 x, in Fq2 y, in Fq2 z)
    {
        public Fq2 X = x, Y = y, Z = z;
    }

    /// <summary>
    /// T &lt;- 2T and the tangent's coefficients (Aranha, Karabina, Longa, Gebotys, Lopez, "Faster explicit
    /// formulas for computing pairings over ordinary curves", 2011, eq. 10; b' = 3 / xi the twist's constant):
    /// X3 = XY/2 (B - F), Y3 = ((B + F)/2)^2 - 3E^2, Z3 = B H with B = Y^2, C = Z^2, E = 3b'C, F = 3E,
    /// H = (Y + Z)^2 - B - C; the line is -H yP + 3X^2 xP w + (E - B) w^3, the affine tangent times -2YZ.
    /// </summary>
    private static void DoubleStep(ref ProjectivePoint t, out Fq2 r0, out Fq2 r1, out Fq2 r2)
    {
        Fq2 a = Fq2.HalveVartime(t.X * t.Y);
        Fq2 b = Fq2.Square(t.Y);
        Fq2 c = Fq2.Square(t.Z);
        Fq2 e = Fq2.CurveB * (c + c + c);
        Fq2 f = e + e + e;
        Fq2 g = Fq2.HalveVartime(b + f);
        Fq2 h = Fq2.Square(t.Y + t.Z) - (b + c);
        Fq2 j = Fq2.Square(t.X);
        Fq2 e2 = Fq2.Square(e);
        t = new ProjectivePoint(a * (b - f), Fq2.Square(g) - (e2 + e2 + e2), b * h);
        r0 = -h;
        r1 = j + j + j;
        r2 = e - b;
    }

    /// <summary>
    /// T &lt;- T + R for an affine R (the same paper, eq. 12): with O = Y - yR Z and L = X - xR Z (the slope is
    /// O / L), the line is L yP - O xP w + (xR O - yR L) w^3, the affine line through T and R times L.
    /// </summary>
    private static void AddStep(ref ProjectivePoint t, in CurvePoint<Fq2> r, out Fq2 r0, out Fq2 r1, out Fq2 r2)
    {
        Fq2 o = t.Y - (r.Y * t.Z);
        Fq2 l = t.X - (r.X * t.Z);
        Fq2 c = Fq2.Square(o);
        Fq2 d = Fq2.Square(l);
        Fq2 e = l * d;
        Fq2 f = t.Z * c;
        Fq2 g = t.X * d;
        Fq2 h = e + f - (g + g);
        t = new ProjectivePoint(l * h, ((g - h) * o) - (t.Y * e), e * t.Z);
        r0 = l;
        r1 = -o;
        r2 = (r.X * o) - (r.Y * l);
    }

    private static CurvePoint<Fq2> Frobenius(in CurvePoint<Fq2> q) =>
        new(Fq2.Conjugate(q.X) * FrobeniusX, Fq2.Conjugate(q.Y) * FrobeniusY);

    /// <summary>
    /// f^((p^12 - 1) / r): the easy part f^((p^6 - 1)(p^2 + 1)) by conjugation, one inversion and Frobenius;
    /// the hard part (p^4 - p^2 + 1) / r through three powers of x and Frobenius maps, with the exponent
    /// written in base p (Scott, Benger, Charlemagne, Dominguez Perez, Kachisa, "On the final
    /// exponentiation for calculating pairings on ordinary elliptic curves", 2009). The result is a fixed
    /// power, coprime to r, of the reduced pairing: bilinear and non-degenerate, so a product check holds
    /// exactly when it holds for the reduced pairing. Native when the native kernels run (see the class remarks).
    /// </summary>
    /// <exception cref="DivideByZeroException">f is zero.</exception>
    public static Fq12 FinalExponentiation(in Fq12 f) =>
        NativeKernels.Active is { } native ? native.FinalExponentiation(f) : FinalExponentiationManaged(f);

    /// <summary>The managed final exponentiation (see <see cref="FinalExponentiation"/>), the native kernel's reference.</summary>
    /// <exception cref="DivideByZeroException">f is zero.</exception>
    internal static Fq12 FinalExponentiationManaged(in Fq12 f)
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

    /// <summary>
    /// f^x for the BN parameter x (63 bits); f is in the cyclotomic subgroup, where f^-k = conj(f^k) costs nothing,
    /// so x is written in width-4 non-adjacent form (digits 0, +-1, +-3, +-5, +-7; 14 non-zero against 28 one bits):
    /// 62 cyclotomic squarings and 16 multiplications (three for f^3, f^5, f^7) instead of 27.
    /// </summary>
    private static Fq12 PowX(in Fq12 f)
    {
        Fq12 f2 = Fq12.CyclotomicSquare(f);
        Fq12 f3 = f2 * f, f5 = f3 * f2, f7 = f5 * f2;
        Fq12 result = Fq12.One;
        bool started = false;
        foreach (sbyte digit in XDigits)
        {
            if (started)
            {
                result = Fq12.CyclotomicSquare(result);
            }

            if (digit != 0)
            {
                Fq12 power = Math.Abs(digit) switch { 1 => f, 3 => f3, 5 => f5, _ => f7 };
                power = digit < 0 ? Fq12.Conjugate(power) : power;
                result = started ? result * power : power;
                started = true;
            }
        }

        return result;
    }

    /// <summary>The width-w non-adjacent form of a positive value, most significant digit first.</summary>
    private static sbyte[] WindowNafDigits(BigInteger value, int width)
    {
        var digits = new List<sbyte>();
        while (!value.IsZero)
        {
            sbyte digit = 0;
            if (!value.IsEven)
            {
                int residue = (int)(value & ((1 << width) - 1));
                digit = (sbyte)(residue >= 1 << (width - 1) ? residue - (1 << width) : residue);
                value -= digit;
            }

            digits.Add(digit);
            value >>= 1;
        }

        digits.Reverse();
        return [.. digits];
    }
}
