using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Bn254;
using Pod.Tests.Core;
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

    [Fact]
    public void FieldLaws_HoldForFq2() => FieldLaws<Fq2>.CheckAll(Gen.Zip(FqGen, FqGen, (a, b) => new Fq2(a, b)), Fq2.Xi);

    [Fact]
    public void FieldLaws_HoldForFq12()
    {
        Gen<Fq2> fq2 = Gen.Zip(FqGen, FqGen, (a, b) => new Fq2(a, b));
        Gen<Fq6> fq6 = Gen.Zip(fq2, fq2, (a, b) => (a, b)).SelectMany(ab => fq2.Select(c => new Fq6(ab.a, ab.b, c)));
        FieldAxioms<Fq12>.Check(Gen.Zip(fq6, fq6, (a, b) => new Fq12(a, b)));
    }

    [Fact]
    public void G2_PointOnTheTwistOutsideTheSubgroup_Refused()
    {
        // The twist's group has order r * cofactor: a point found from a random x is on it but almost surely not in G2.
        for (ulong i = 1; ; i++)
        {
            var x = new Fq2(Fq.FromUInt64(i), Fq.One);
            if (!Fq2.TrySqrt((Fq2.Square(x) * x) + Bn254Curve.TwistB, out Fq2 y))
            {
                continue;
            }

            var point = new CurvePoint<Fq2>(x, y);
            Assert.True(point.IsOnCurve(Bn254Curve.TwistB));
            Assert.False(Bn254Curve.IsInG2(point));
            string json = $$"""{"pi_a":["1","2","1"],"pi_b":[["{{x.A}}","{{x.B}}"],["{{y.A}}","{{y.B}}"],["1","0"]],"pi_c":["1","2","1"]}""";
            Assert.Contains("subgroup", Assert.Throws<FormatException>(() => Pod.Gpc.Verification.Groth16Proof.Parse(json)).Message, StringComparison.Ordinal);
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
