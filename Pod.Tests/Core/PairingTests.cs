using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Bn254;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Core;

public sealed class PairingTests
{
    private static CurvePoint<Fq> G1(BigInteger k) => JacobianPoint<Fq>.Multiply(Bn254Curve.G1Generator.ToJacobian(), k).ToAffine();

    private static CurvePoint<Fq2> G2(BigInteger k) => JacobianPoint<Fq2>.Multiply(Bn254Curve.G2Generator.ToJacobian(), k).ToAffine();

    private static Gen<Fq> FqGen => Generators.Below(Fq.Modulus, Generators.EdgeValues).Select(Fq.FromBigIntegerReduced);

    [Fact]
    public void Generators_AreInTheirGroups()
    {
        Assert.True(Bn254Curve.IsInG1(Bn254Curve.G1Generator));
        Assert.True(Bn254Curve.IsInG2(Bn254Curve.G2Generator));
        Assert.True(JacobianPoint<Fq>.Multiply(Bn254Curve.G1Generator.ToJacobian(), Bn254Curve.Order).IsInfinity);
    }

    [Fact]
    public void Pairing_IsNonDegenerateAndOfOrderR()
    {
        Fq12 e = Pairing.Pair(Bn254Curve.G1Generator, Bn254Curve.G2Generator);
        Assert.False(e.IsOne);
        Assert.True(Fq12.Pow(e, Bn254Curve.Order).IsOne);
    }

    [Property(MaxTest = 4)]
    public Property Pairing_IsBilinear()
    {
        Fq12 e = Pairing.Pair(Bn254Curve.G1Generator, Bn254Curve.G2Generator);
        Arbitrary<(int, int)> scalars = Gen.Zip(Gen.Choose(1, 1000), Gen.Choose(1, 1000), (a, b) => (a, b)).ToArbitrary();
        return Prop.ForAll(scalars, ab =>
        {
            (int a, int b) = ab;
            Fq12 left = Pairing.Pair(G1(a), G2(b));
            return left == Fq12.Pow(e, (BigInteger)a * b) && left == Pairing.Pair(G1((BigInteger)a * b), Bn254Curve.G2Generator);
        });
    }

    [Property(MaxTest = 4)]
    public Property PreparedPairing_EqualsThePlainPairing()
    {
        // A prepared Q's stored affine lines and the projective loop's lines differ by factors the final
        // exponentiation removes; after it the two pairings are the same element, and bilinear.
        Fq12 e = Pairing.Pair(Bn254Curve.G1Generator, Bn254Curve.G2Generator);
        Arbitrary<(int, int)> scalars = Gen.Zip(Gen.Choose(1, 1000), Gen.Choose(1, 1000), (a, b) => (a, b)).ToArbitrary();
        return Prop.ForAll(scalars, ab =>
        {
            (int a, int b) = ab;
            PreparedG2Point q = Pairing.Prepare(G2(b));
            Fq12 prepared = Pairing.FinalExponentiation(Pairing.MillerLoop([], [], [G1(a)], [q]));
            return prepared == Pairing.Pair(G1(a), G2(b)) && prepared == Fq12.Pow(e, (BigInteger)a * b);
        });
    }

    [Fact]
    public void MixedProduct_PlainAndPreparedPairs_CancelExactlyWhenTheExponentsSum()
    {
        // e(5P, 7Q) e(-11P, 3Q) e(2P, 2Q) e(P, Q)^24: 35 - 33 + 4 - 6 = 0 when the last pair is (-6P, Q).
        PreparedG2Point q3 = Pairing.Prepare(G2(3)), q1 = Pairing.Prepare(G2(1));
        Fq12 product = Pairing.MillerLoop([G1(5), G1(2)], [G2(7), G2(2)], [G1(11).Negate(), G1(6).Negate()], [q3, q1]);
        Assert.True(Pairing.FinalExponentiation(product).IsOne);

        Fq12 off = Pairing.MillerLoop([G1(5), G1(2)], [G2(7), G2(2)], [G1(11).Negate(), G1(5).Negate()], [q3, q1]);
        Assert.False(Pairing.FinalExponentiation(off).IsOne);
    }

    [Fact]
    public void PointsAtInfinity_ContributeOne_PreparedOrNot()
    {
        Fq12 e = Pairing.Pair(G1(3), G2(4));
        PreparedG2Point infinity = Pairing.Prepare(CurvePoint<Fq2>.Infinity);
        Assert.True(infinity.IsInfinity);
        Fq12 product = Pairing.MillerLoop(
            [G1(3), CurvePoint<Fq>.Infinity, G1(2)], [G2(4), G2(5), CurvePoint<Fq2>.Infinity],
            [G1(7), CurvePoint<Fq>.Infinity], [infinity, Pairing.Prepare(G2(9))]);
        Assert.Equal(e, Pairing.FinalExponentiation(product));
        Assert.True(Pairing.FinalExponentiation(Pairing.MillerLoop([], [], [], [])).IsOne);
    }

    [Property(MaxTest = 4)]
    public Property MillerLoopAndFinalExponentiation_ThroughTheSeam_EqualTheManagedTwins()
    {
        // Whichever backend NativeKernels chose (test.sh runs this class with and without POD_NATIVE=0).
        Arbitrary<(int, (int, int))> scalars = Gen.Zip(Gen.Choose(0, 1000), Gen.Zip(Gen.Choose(0, 1000), Gen.Choose(1, 1000))).ToArbitrary();
        return Prop.ForAll(scalars, abc =>
        {
            (int a, (int b, int c)) = abc;
            CurvePoint<Fq>[] ps = [G1(a)], preparedPs = [G1(c).Negate()];
            CurvePoint<Fq2>[] qs = [G2(b)];
            PreparedG2Point[] preparedQs = [Pairing.Prepare(G2(c))];
            Fq12 managed = Pairing.MillerLoopManaged(ps, qs, preparedPs, preparedQs);
            Fq12 pairing = Pairing.FinalExponentiationManaged(managed);
            return Pairing.MillerLoop(ps, qs, preparedPs, preparedQs) == managed
                && Pairing.FinalExponentiation(managed) == pairing
                && Pairing.Product(ps, qs, preparedPs, preparedQs) == pairing;
        });
    }

    [Fact]
    public void MillerLoop_MismatchedPairs_Throw()
    {
        Assert.Equal("qs", Assert.Throws<ArgumentException>(() => Pairing.MillerLoop([G1(1)], [], [], [])).ParamName);
        Assert.Equal("preparedQs", Assert.Throws<ArgumentException>(() => Pairing.MillerLoop([], [], [G1(1)], [])).ParamName);
        Assert.Equal("qs", Assert.Throws<ArgumentException>(() => Pairing.Product([G1(1)], [], [], [])).ParamName);
        Assert.Equal("preparedQs", Assert.Throws<ArgumentException>(() => Pairing.MillerLoopManaged([], [], [G1(1)], [])).ParamName);
    }

    [Fact]
    public void PreparedPoint_HasOneLinePerStepOfTheLoop()
    {
        // 65 steps of the NAF of 6x + 2 below its leading digit, 21 more non-zero digits, two Frobenius lines.
        Assert.Equal(Pairing.LineCount, Pairing.Prepare(Bn254Curve.G2Generator).Lines.Length);
        Assert.InRange(Pairing.LineCount, 66, 66 + 37 + 2);
    }

    [Fact]
    public void PairingCheckAndScalarMultiplication_AllocateNothing()
    {
        // A Groth16 check's shape: four pairs in one Miller loop and one final exponentiation.
        CurvePoint<Fq>[] ps = [G1(5), G1(7).Negate(), G1(11), G1(13).Negate()];
        CurvePoint<Fq2>[] qs = [G2(7), G2(5), G2(13), G2(11)];
        JacobianPoint<Fq2> g2 = Bn254Curve.G2Generator.ToJacobian();
        BigInteger scalar = Bn254Curve.Order - 12345;
        PreparedG2Point[] prepared = [Pairing.Prepare(G2(13)), Pairing.Prepare(G2(11))];
        Assert.True(Pairing.ProductIsOne(ps, qs)); // warm: static tables are built once, outside the measurement
        _ = Pairing.MillerLoop(ps.AsSpan(0, 2), qs.AsSpan(0, 2), ps.AsSpan(2), prepared);
        _ = JacobianPoint<Fq2>.Multiply(g2, scalar);

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool product = Pairing.ProductIsOne(ps, qs);
        bool preparedProduct = Pairing.FinalExponentiation(Pairing.MillerLoop(ps.AsSpan(0, 2), qs.AsSpan(0, 2), ps.AsSpan(2), prepared)).IsOne;
        JacobianPoint<Fq2> multiple = JacobianPoint<Fq2>.Multiply(g2, scalar);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(product);
        Assert.True(preparedProduct);
        Assert.False(multiple.IsInfinity);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ProductOfPairings_CancelsInverse()
    {
        CurvePoint<Fq>[] ps = [G1(5), G1(7).Negate()];
        CurvePoint<Fq2>[] qs = [G2(7), G2(5)];
        Assert.True(Pairing.ProductIsOne(ps, qs));
        qs[1] = G2(6);
        Assert.False(Pairing.ProductIsOne(ps, qs));
    }

    [Fact]
    public void FieldLaws_HoldForFq() => FieldLaws<Fq>.CheckAll(FqGen, Fq.FromUInt64(3) - Fq.FromUInt64(4)); // -1: p = 3 mod 4

    private static Gen<Fq2> Fq2Gen => Gen.Zip(FqGen, FqGen, (a, b) => new Fq2(a, b));

    private static Gen<Fq6> Fq6Gen => Gen.Zip(Fq2Gen, Fq2Gen, (a, b) => (a, b)).SelectMany(ab => Fq2Gen.Select(c => new Fq6(ab.a, ab.b, c)));

    [Fact]
    public void FieldLaws_HoldForFq2()
    {
        ExtensionFieldLaws<Fq2, Fq>.CheckAll(Fq2Gen);

        // Square roots (the complex method): every square has one, and exactly one of a and a * xi is a square.
        Prop.ForAll(Fq2Gen.ToArbitrary(), a => Fq2.TrySqrtVartime(Fq2.Square(a), out Fq2 root) && Fq2.Square(root) == Fq2.Square(a))
            .QuickCheckThrowOnFailure();
        Prop.ForAll(Fq2Gen.ToArbitrary(), a => a.IsZero || Fq2.TrySqrtVartime(a, out _) != Fq2.TrySqrtVartime(a * Fq2.Xi, out _))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FieldLaws_HoldForFq6() => ExtensionFieldLaws<Fq6, Fq>.CheckAll(Fq6Gen);

    [Fact]
    public void FieldLaws_HoldForFq12() => ExtensionFieldLaws<Fq12, Fq>.CheckAll(Gen.Zip(Fq6Gen, Fq6Gen, (a, b) => new Fq12(a, b)));

    [Fact]
    public void CurveParameters_AreCarriedByTheCoordinateField()
    {
        // b = 3 for G1 and 3 / xi for the twist: the generators satisfy their coordinate field's curve.
        Assert.Equal(Fq.FromUInt64(3), Fq.CurveB);
        Assert.Equal(new Fq2(Fq.FromUInt64(3), Fq.Zero), Fq2.CurveB * Fq2.Xi);
        Assert.True(Bn254Curve.G1Generator.IsOnCurve);
        Assert.True(Bn254Curve.G2Generator.IsOnCurve);
        Assert.False(new CurvePoint<Fq>(Fq.One, Fq.One).IsOnCurve);
    }

    [Fact]
    public void G2_PointOnTheTwistOutsideTheSubgroup_Refused()
    {
        // The twist's group has order r * cofactor: a point found from a random x is on it but almost surely not in G2.
        for (ulong i = 1; ; i++)
        {
            var x = new Fq2(Fq.FromUInt64(i), Fq.One);
            if (!Fq2.TrySqrtVartime((Fq2.Square(x) * x) + Bn254Curve.TwistB, out Fq2 y))
            {
                continue;
            }

            var point = new CurvePoint<Fq2>(x, y);
            Assert.True(point.IsOnCurve);
            Assert.False(Bn254Curve.IsInG2(point));
            string json = $$"""{"pi_a":["1","2","1"],"pi_b":[["{{x.A}}","{{x.B}}"],["{{y.A}}","{{y.B}}"],["1","0"]],"pi_c":["1","2","1"]}""";
            Assert.Contains("subgroup", Assert.Throws<FormatException>(() => Pod.Gpc.Groth16Proof.Parse(json)).Message, StringComparison.Ordinal);
            return;
        }
    }

    [Fact]
    public void Fq12_CyclotomicSquareEqualsSquareInTheCyclotomicSubgroup()
    {
        Fq12 f = Pairing.MillerLoop([G1(5)], [G2(9)]);
        Fq12 g = Fq12.Conjugate(f) * Fq12.Inverse(f);
        g = Fq12.Frobenius(Fq12.Frobenius(g)) * g; // the easy part puts g in the cyclotomic subgroup
        Assert.Equal(Fq12.Square(g), Fq12.CyclotomicSquare(g));
        Assert.NotEqual(Fq12.Square(f), Fq12.CyclotomicSquare(f));
    }

    [Fact]
    public void Fq12_FrobeniusIsThePthPower()
    {
        Fq12 e = Pairing.MillerLoop([G1(3)], [G2(11)]);
        Assert.Equal(Fq12.Pow(e, Fq.Modulus), Fq12.Frobenius(e));
        Assert.True((e * Fq12.Inverse(e)).IsOne);
        Assert.Equal(e * e, Fq12.Square(e));
    }
}
