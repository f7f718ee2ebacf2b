using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Core;

/// <summary>
/// The native pairing (Miller loop over plain and prepared pairs, final exponentiation) against the managed
/// code on each table, bit for bit: the Miller loop's value itself, not only the pairing, on random points of
/// G1 and G2 (scalars with the edge values 0, 1, r - 1, ... mixed in, so points at infinity and negations
/// occur), arbitrary Fq12 values for the final exponentiation, more pairs than one native chunk; the pairing's
/// laws through the native table alone; refused arguments; and a library broken only in the pairing refused.
/// </summary>
public sealed partial class NativeKernelsTests
{
    private static readonly JacobianPoint<Fq> G1Base = Bn254Curve.G1Generator.ToJacobian();
    private static readonly JacobianPoint<Fq2> G2Base = Bn254Curve.G2Generator.ToJacobian();

    private static CurvePoint<Fq> G1Point(BigInteger k) => JacobianPoint<Fq>.Multiply(G1Base, k).ToAffine();

    private static CurvePoint<Fq2> G2Point(BigInteger k) => JacobianPoint<Fq2>.Multiply(G2Base, k).ToAffine();

    /// <summary>Up to three plain and three prepared pairs, each coordinate a multiple of its generator by an Fr integer (edge values one time in four).</summary>
    private static readonly Gen<(BigInteger[] Plain, BigInteger[] Prepared)> PairScalars =
        Gen.Zip(
            Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Generators.FrInteger, 2 * n)),
            Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Generators.FrInteger, 2 * n)));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MillerLoopAndFinalExponentiation_RandomPoints_MatchManagedBitForBit(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        Prop.ForAll(PairScalars.ToArbitrary(), c =>
        {
            (CurvePoint<Fq>[] ps, CurvePoint<Fq2>[] qs) = Points(c.Plain);
            (CurvePoint<Fq>[] preparedPs, CurvePoint<Fq2>[] preparedPoints) = Points(c.Prepared);
            PreparedG2Point[] preparedQs = preparedPoints.Select(q => Pairing.Prepare(q)).ToArray();

            Fq12 expected = Pairing.MillerLoopManaged(ps, qs, preparedPs, preparedQs);
            Fq12 exponentiated = Pairing.FinalExponentiationManaged(expected);
            return native.MillerLoop(ps, qs, preparedPs, preparedQs, finalExponentiation: false) == expected
                && native.MillerLoop(ps, qs, preparedPs, preparedQs, finalExponentiation: true) == exponentiated
                && native.FinalExponentiation(expected) == exponentiated;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(12));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MillerLoop_MorePairsThanOneNativeChunk_MatchesManaged(string kind)
    {
        // Pod.Native runs at most eight pairs of a kind per loop and multiplies the loops' values: the same element.
        if (Table(kind) is not { } native)
        {
            return;
        }

        CurvePoint<Fq>[] ps = Enumerable.Range(1, 11).Select(k => G1Point(k)).ToArray();
        CurvePoint<Fq2>[] qs = Enumerable.Range(1, 11).Select(k => k == 5 ? CurvePoint<Fq2>.Infinity : G2Point(k)).ToArray();
        CurvePoint<Fq>[] preparedPs = Enumerable.Range(1, 10).Select(k => G1Point(k).Negate()).ToArray();
        PreparedG2Point prepared = Pairing.Prepare(G2Point(7));
        PreparedG2Point[] preparedQs = Enumerable.Repeat(prepared, 10).ToArray();
        preparedQs[9] = Pairing.Prepare(CurvePoint<Fq2>.Infinity);

        Fq12 expected = Pairing.MillerLoopManaged(ps, qs, preparedPs, preparedQs);
        Assert.Equal(expected, native.MillerLoop(ps, qs, preparedPs, preparedQs, finalExponentiation: false));
        Assert.Equal(Pairing.FinalExponentiationManaged(expected), native.MillerLoop(ps, qs, preparedPs, preparedQs, finalExponentiation: true));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FinalExponentiation_ArbitraryElements_MatchesManaged(string kind)
    {
        // Any non-zero Fq12 value, not only a Miller loop's: the easy part maps it into the cyclotomic subgroup.
        if (Table(kind) is not { } native)
        {
            return;
        }

        Gen<Fq12> element = Gen.ArrayOf(FqRaw, 12).Select(v => new Fq12(
            new Fq6(new Fq2(new Fq(v[0]), new Fq(v[1])), new Fq2(new Fq(v[2]), new Fq(v[3])), new Fq2(new Fq(v[4]), new Fq(v[5]))),
            new Fq6(new Fq2(new Fq(v[6]), new Fq(v[7])), new Fq2(new Fq(v[8]), new Fq(v[9])), new Fq2(new Fq(v[10]), new Fq(v[11])))));
        Prop.ForAll(element.ToArbitrary(), f =>
            f.IsZero || native.FinalExponentiation(f) == Pairing.FinalExponentiationManaged(f)).Check(Config.QuickThrowOnFailure.WithMaxTest(20));

        Assert.True(native.FinalExponentiation(Fq12.One).IsOne);
        Assert.Throws<DivideByZeroException>(() => Pairing.FinalExponentiationManaged(Fq12.Zero));
        Assert.Throws<DivideByZeroException>(() => native.FinalExponentiation(Fq12.Zero));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void InversePairs_ProductIsOne_ThroughNative(string kind)
    {
        // e(aP, Q) e(-P, aQ) = 1, plain and with aQ prepared; e(aP, Q) e(-P, (a + 1)Q) is not.
        if (Table(kind) is not { } native)
        {
            return;
        }

        Gen<(BigInteger A, BigInteger P, BigInteger Q)> scalars = Gen.Zip(Generators.FrInteger, Gen.Zip(Gen.Choose(1, 1 << 20), Gen.Choose(1, 1 << 20)))
            .Select(t => (t.Item1, (BigInteger)t.Item2.Item1, (BigInteger)t.Item2.Item2));
        Prop.ForAll(scalars.ToArbitrary(), s =>
        {
            BigInteger a = s.A;
            CurvePoint<Fq>[] ps = [G1Point(a * s.P), G1Point(s.P).Negate()];
            CurvePoint<Fq2>[] qs = [G2Point(s.Q), G2Point(a * s.Q)];
            bool plain = native.MillerLoop(ps, qs, [], [], finalExponentiation: true).IsOne;
            bool prepared = native.MillerLoop(ps[..1], qs[..1], ps[1..], [Pairing.Prepare(qs[1])], finalExponentiation: true).IsOne;
            qs[1] = G2Point((a + 1) * s.Q);
            bool off = native.MillerLoop(ps, qs, [], [], finalExponentiation: true).IsOne;
            return plain && prepared && !off;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(8));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Pairing_IsBilinearAndOfOrderR_ThroughNative(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        Fq12 e = native.MillerLoop([Bn254Curve.G1Generator], [Bn254Curve.G2Generator], [], [], finalExponentiation: true);
        Assert.False(e.IsOne);
        Assert.True(Fq12.Pow(e, Bn254Curve.Order).IsOne);
        Prop.ForAll(Gen.Zip(Gen.Choose(1, 1000), Gen.Choose(1, 1000)).ToArbitrary(), ab =>
        {
            (int a, int b) = ab;
            Fq12 left = native.MillerLoop([G1Point(a)], [G2Point(b)], [], [], finalExponentiation: true);
            Fq12 moved = native.MillerLoop([G1Point((BigInteger)a * b)], [Bn254Curve.G2Generator], [], [], finalExponentiation: true);
            return left == Fq12.Pow(e, (BigInteger)a * b) && left == moved;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(4));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void MillerLoop_BadArguments_ThrowAsManaged(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        PreparedG2Point q = Pairing.Prepare(Bn254Curve.G2Generator);
        Assert.Equal("qs", Assert.Throws<ArgumentException>(() => native.MillerLoop([Bn254Curve.G1Generator], [], [], [], false)).ParamName);
        Assert.Equal("preparedQs", Assert.Throws<ArgumentException>(() => native.MillerLoop([], [], [Bn254Curve.G1Generator], [], false)).ParamName);
        Assert.Equal("preparedQs", Assert.Throws<ArgumentException>(
            () => native.MillerLoop([], [], [Bn254Curve.G1Generator], [new PreparedG2Point(Bn254Curve.G2Generator, 3)], false)).ParamName);

        // y = 0 has no inverse (no point of G1 has it): both backends throw the same exception.
        CurvePoint<Fq>[] flat = [new(Fq.One, Fq.Zero)];
        Assert.Throws<DivideByZeroException>(() => Pairing.MillerLoopManaged([], [], flat, [q]));
        Assert.Throws<DivideByZeroException>(() => native.MillerLoop([], [], flat, [q], false));
    }

    /// <summary>Pairs (k1 G1, k2 G2) from consecutive scalars; a zero scalar gives the point at infinity.</summary>
    private static (CurvePoint<Fq>[] Ps, CurvePoint<Fq2>[] Qs) Points(BigInteger[] scalars)
    {
        int n = scalars.Length / 2;
        var ps = new CurvePoint<Fq>[n];
        var qs = new CurvePoint<Fq2>[n];
        for (int i = 0; i < n; i++)
        {
            ps[i] = G1Point(scalars[2 * i]);
            qs[i] = G2Point(scalars[(2 * i) + 1]);
        }

        return (ps, qs);
    }
}
