using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Core;

/// <summary>
/// The fixed-base MSM of Groth16 verification (<see cref="G1FixedBaseMsm"/>): the native kernel on each table
/// against the managed code, and the managed code against double-and-add, at every window size, on random
/// scalars with the edges (0, 1, 2, r - 1, r - 2, (r - 1) / 2, (r + 1) / 2, small and r - small, repeated
/// values) over bases with duplicates, opposite points and a point at infinity; and with enough terms in one
/// bucket for the kernel's batch-affine tree levels.
/// </summary>
public sealed partial class NativeKernelsTests
{
    private static readonly int[] WindowSizes = [0, 4, 8, 12, 16];

    /// <summary>G, 2G, ..., a repeat of 3G, -5G, the point at infinity, and larger multiples: 24 bases.</summary>
    private static readonly Lazy<(CurvePoint<Fq>[] Bases, G1FixedBaseMsm Msm)> SmallPool = new(() => FixedBasePool(24));

    /// <summary>Signals as GPC makes them: field values with the edges, small, r - small, or one of a few repeated values.</summary>
    private static readonly Gen<Fr> Signal = Gen.Frequency(
        (3, Generators.Field),
        (2, Gen.Choose(0, 40).Select(v => Fr.FromUInt64((ulong)v))),
        (2, Gen.Choose(1, 40).Select(v => Fr.Negate(Fr.FromUInt64((ulong)v)))),
        (1, Gen.Elements(Fr.FromBigInteger(BigInteger.Pow(2, 200) + 7), Fr.FromBigInteger(Fr.Modulus - 12345))));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void G1FixedBaseMsm_RandomSignals_MatchesManaged(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        (_, G1FixedBaseMsm msm) = SmallPool.Value;
        Gen<(Fr[] Scalars, int Window)> cases = Gen.Zip(Gen.ArrayOf(Signal, msm.Count), Gen.Elements(WindowSizes));
        Prop.ForAll(cases.ToArbitrary(), c =>
            msm.Compute(c.Scalars, native, c.Window).ToAffine().Equals(msm.Compute(c.Scalars, native: null, c.Window).ToAffine()))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void G1FixedBaseMsm_Managed_MatchesDoubleAndAdd()
    {
        (CurvePoint<Fq>[] bases, G1FixedBaseMsm msm) = SmallPool.Value;
        Gen<(Fr[] Scalars, int Window)> cases = Gen.Zip(Gen.ArrayOf(Signal, msm.Count), Gen.Elements(WindowSizes));
        Prop.ForAll(cases.ToArbitrary(), c =>
            msm.Compute(c.Scalars, native: null, c.Window).ToAffine().Equals(DoubleAndAdd(bases, c.Scalars)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    /// <summary>
    /// 300 bases (about 20,000 points at 4-bit windows): the kernel's tree levels run batched, with doublings (equal
    /// points), cancellations (opposite points) and infinity inside a batch when every signal is the same.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void G1FixedBaseMsm_ManyBases_MatchesManagedAndDoubleAndAdd(string kind)
    {
        if (Table(kind) is not { } native)
        {
            return;
        }

        (CurvePoint<Fq>[] bases, G1FixedBaseMsm msm) = FixedBasePool(300);
        var random = new Random(15);
        Fr[] uniform = [.. Enumerable.Range(0, msm.Count).Select(_ => Fr.FromBigInteger(new BigInteger(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 32), isUnsigned: true) % Fr.Modulus))];
        Fr[] ones = [.. Enumerable.Repeat(Fr.One, msm.Count)];
        Fr[] minusOnes = [.. Enumerable.Repeat(Fr.Negate(Fr.One), msm.Count)];
        foreach (Fr[] scalars in (Fr[][])[uniform, ones, minusOnes])
        {
            CurvePoint<Fq> expected = DoubleAndAdd(bases, scalars);
            foreach (int window in WindowSizes)
            {
                Assert.Equal(expected, msm.Compute(scalars, native, window).ToAffine());
                Assert.Equal(expected, msm.Compute(scalars, native: null, window).ToAffine());
            }
        }
    }

    [Fact]
    public void G1FixedBaseMsm_BadArguments_AreRefused()
    {
        (_, G1FixedBaseMsm msm) = SmallPool.Value;
        Assert.Throws<ArgumentException>(() => msm.Compute(new Fr[msm.Count - 1], native: null, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => msm.Compute(new Fr[msm.Count], native: null, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => msm.Compute(new Fr[msm.Count], native: null, 20));
        Assert.Equal(CurvePoint<Fq>.Infinity, new G1FixedBaseMsm([]).Compute([], native: null, 0).ToAffine());
        if (Table("portable") is { } native)
        {
            Assert.Throws<ArgumentException>(() => native.TryFixedBaseMsmG1(msm.Table[..64], new Fr[2], 0, out _));
            Assert.True(native.TryFixedBaseMsmG1(msm.Table[..0], [], 0, out XyzzPoint<Fq> empty));
            Assert.True(empty.IsInfinity);
        }
    }

    [Fact]
    public void G1FixedBaseMsm_ChoosesSmallWindowsForFewWideScalars_AndLargerForMany()
    {
        Assert.Equal(4, G1FixedBaseMsm.ChooseWindowBits([253, 253, 253, 1, 1, 2]));
        Assert.Equal(8, G1FixedBaseMsm.ChooseWindowBits([.. Enumerable.Repeat(253, 100)]));
        Assert.Equal(4, G1FixedBaseMsm.ChooseWindowBits([.. Enumerable.Repeat(3, 1000)]));
    }

    private static (CurvePoint<Fq>[] Bases, G1FixedBaseMsm Msm) FixedBasePool(int count)
    {
        JacobianPoint<Fq> g = Bn254Curve.G1Generator.ToJacobian();
        var bases = new CurvePoint<Fq>[count];
        for (int k = 0; k < count; k++)
        {
            bases[k] = JacobianPoint<Fq>.Multiply(g, (k * 7919) + 1).ToAffine();
        }

        bases[3] = bases[2];
        bases[5] = bases[4].Negate();
        bases[6] = CurvePoint<Fq>.Infinity;
        return (bases, new G1FixedBaseMsm(bases));
    }

    private static CurvePoint<Fq> DoubleAndAdd(CurvePoint<Fq>[] bases, Fr[] scalars)
    {
        JacobianPoint<Fq> sum = JacobianPoint<Fq>.Infinity;
        for (int k = 0; k < scalars.Length; k++)
        {
            sum = JacobianPoint<Fq>.Add(sum, JacobianPoint<Fq>.Multiply(bases[k].ToJacobian(), scalars[k].ToBigInteger()));
        }

        return sum.ToAffine();
    }
}
