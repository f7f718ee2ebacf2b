using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Core;

public sealed class MultiScalarMultiplicationTests
{
    private static readonly Gen<BigInteger> Scalar = Generators.FrInteger;

    /// <summary>Small multiples of the generator, repeats and infinity included: (index into the pool, scalar).</summary>
    private static Gen<(int, BigInteger)[]> Terms(int max) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 12), Scalar), n));

    [Fact]
    public void G1_EqualsSumOfScalarMultiplications()
    {
        CurvePoint<Fq>[] pool = Pool(Bn254Curve.G1Generator);
        Prop.ForAll(Terms(70).ToArbitrary(), terms =>
        {
            RawAffinePoint<Fq>[] bases = terms.Select(t => RawAffinePoint<Fq>.FromCurvePoint(pool[t.Item1])).ToArray();
            U256[] scalars = terms.Select(t => U256.FromBigInteger(t.Item2)).ToArray();
            return MultiScalarMultiplication<Fq>.Compute(bases, scalars, 2, default).ToAffine().Equals(Naive(pool, terms));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));
    }

    [Fact]
    public void G2_EqualsSumOfScalarMultiplications()
    {
        CurvePoint<Fq2>[] pool = Pool(Bn254Curve.G2Generator);
        Prop.ForAll(Terms(20).ToArbitrary(), terms =>
        {
            RawAffinePoint<Fq2>[] bases = terms.Select(t => RawAffinePoint<Fq2>.FromCurvePoint(pool[t.Item1])).ToArray();
            U256[] scalars = terms.Select(t => U256.FromBigInteger(t.Item2)).ToArray();
            return MultiScalarMultiplication<Fq2>.Compute(bases, scalars, 2, default).ToAffine().Equals(Naive(pool, terms));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(10));
    }

    [Fact]
    public void G1_ManyPoints_EdgeScalars_MatchesNaive()
    {
        // Enough points for a wide window (the choice grows with n), every scalar an edge value.
        CurvePoint<Fq>[] pool = Pool(Bn254Curve.G1Generator);
        BigInteger[] edges = Generators.EdgeValues.Concat([Fr.Modulus - 3, BigInteger.Pow(2, 253) + 1]).ToArray();
        int n = 3000;
        var bases = new RawAffinePoint<Fq>[n];
        var scalars = new U256[n];
        var terms = new List<(int, BigInteger)>();
        for (int i = 0; i < n; i++)
        {
            int p = (i * 7) % pool.Length;
            BigInteger k = edges[(i * 5) % edges.Length];
            bases[i] = RawAffinePoint<Fq>.FromCurvePoint(pool[p]);
            scalars[i] = U256.FromBigInteger(k);
            terms.Add((p, k));
        }

        Assert.True(MultiScalarMultiplication<Fq>.Compute(bases, scalars, 2, default).ToAffine().Equals(Naive(pool, terms.ToArray())));
    }

    [Fact]
    public void Compute_Cancelled_Throws()
    {
        var bases = Enumerable.Repeat(RawAffinePoint<Fq>.FromCurvePoint(Bn254Curve.G1Generator), 10).ToArray();
        var scalars = Enumerable.Repeat(U256.FromBigInteger(5), 10).ToArray();
        Assert.ThrowsAny<OperationCanceledException>(() => MultiScalarMultiplication<Fq>.Compute(bases, scalars, 1, new CancellationToken(true)));
    }

    /// <summary>sum k_i P_i computed as sum over the pool of (sum of the scalars on P) * P: one scalar multiplication per pool point.</summary>
    private static CurvePoint<TField> Naive<TField>(CurvePoint<TField>[] pool, (int, BigInteger)[] terms)
        where TField : struct, ICurveCoordinateField<TField>
    {
        var perPoint = new BigInteger[pool.Length];
        foreach ((int p, BigInteger k) in terms)
        {
            perPoint[p] += k;
        }

        JacobianPoint<TField> sum = JacobianPoint<TField>.Infinity;
        for (int p = 0; p < pool.Length; p++)
        {
            sum = JacobianPoint<TField>.Add(sum, JacobianPoint<TField>.Multiply(pool[p].ToJacobian(), perPoint[p] % Fr.Modulus));
        }

        return sum.ToAffine();
    }

    /// <summary>G, 2G, ..., 11G, -G and the point at infinity: repeats and opposite points within one bucket are covered.</summary>
    private static CurvePoint<TField>[] Pool<TField>(CurvePoint<TField> generator)
        where TField : struct, ICurveCoordinateField<TField>
    {
        var pool = new List<CurvePoint<TField>>();
        for (int k = 1; k <= 11; k++)
        {
            pool.Add(JacobianPoint<TField>.Multiply(generator.ToJacobian(), k).ToAffine());
        }

        pool.Add(generator.Negate());
        pool.Add(CurvePoint<TField>.Infinity);
        return [.. pool];
    }
}
