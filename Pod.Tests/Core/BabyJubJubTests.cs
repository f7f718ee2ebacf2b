using System.Numerics;
using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Fields;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Core;

[Trait("Category", Vectors.Trait)]
public sealed class BabyJubJubTests
{
    private const string File = "eddsa.json";

    public static TheoryData<int> ScalarMulCases => Vectors.Indices(File, "babyjubjub", "scalarMul");

    public static TheoryData<int> AdditionCases => Vectors.Indices(File, "babyjubjub", "additions");

    public static TheoryData<int> PackingCases => Vectors.Indices(File, "babyjubjub", "packing");

    public static TheoryData<int> UnpackingCases => Vectors.Indices(File, "babyjubjub", "unpacking");

    public static TheoryData<int> InCurveCases => Vectors.Indices(File, "babyjubjub", "inCurve");

    /// <summary>Multiples k * Base8 for k in [1, l).</summary>
    private static Gen<(BigInteger K, BabyJubJubPoint P)> Multiples =>
        Generators.Below(BabyJubJub.SubgroupOrder - 1, Generators.EdgeValues)
            .Select(k => (k + 1, BabyJubJub.MultiplyBase8(k + 1)));

    [Fact]
    public void Constants_MatchReference()
    {
        var c = Vectors.Load(File)["constants"]!;
        Assert.Equal(c.Str("a"), BabyJubJub.A.ToString());
        Assert.Equal(c.Str("d"), BabyJubJub.D.ToString());
        Assert.Equal(c.Big("order"), BabyJubJub.Order);
        Assert.Equal(c.Big("subgroupOrder"), BabyJubJub.SubgroupOrder);
        Assert.Equal(c.Big("r"), Fr.Modulus);
        Assert.Equal(BabyJubJub.Order, 8 * BabyJubJub.SubgroupOrder);
        JsonPoints.AssertEqual(c["Base8"]!, BabyJubJub.Base8);
        Assert.True(BabyJubJub.Base8.IsInPrimeOrderSubgroup);
    }

    [Theory]
    [MemberData(nameof(ScalarMulCases))]
    public void Multiply_ReferenceCase_MatchesMulPointEscalar(int index)
    {
        var item = Vectors.Item(File, index, "babyjubjub", "scalarMul");
        BabyJubJubPoint point = JsonPoints.Point(item["point"]!);
        BigInteger scalar = item.Big("scalar");

        JsonPoints.AssertEqual(item["result"]!, BabyJubJubPoint.Multiply(point, scalar));
        if (point == BabyJubJub.Base8)
        {
            JsonPoints.AssertEqual(item["result"]!, BabyJubJub.MultiplyBase8(scalar));
        }
    }

    [Theory]
    [MemberData(nameof(AdditionCases))]
    public void Add_ReferenceCase_MatchesAddPoint(int index)
    {
        var item = Vectors.Item(File, index, "babyjubjub", "additions");
        BabyJubJubPoint sum = JsonPoints.Point(item["p1"]!) + JsonPoints.Point(item["p2"]!);
        JsonPoints.AssertEqual(item["result"]!, sum);
    }

    [Theory]
    [MemberData(nameof(PackingCases))]
    public void Pack_ReferenceCase_MatchesPackPointAndRoundTrips(int index)
    {
        var item = Vectors.Item(File, index, "babyjubjub", "packing");
        BabyJubJubPoint point = JsonPoints.Point(item["point"]!);

        byte[] packed = point.Pack();

        Assert.Equal(item.Str("packedHex"), Convert.ToHexStringLower(packed));
        Assert.Equal(item.Big("packed"), new BigInteger(packed, isUnsigned: true));
        Assert.Equal(item["signBitSet"]!.GetValue<bool>(), (packed[31] & 0x80) != 0);
        JsonPoints.AssertEqual(item["unpacked"]!, BabyJubJubPoint.Unpack(packed));
    }

    [Theory]
    [MemberData(nameof(UnpackingCases))]
    public void TryUnpack_ReferenceCase_AcceptsExactlyTheCanonicalEncodings(int index)
    {
        var item = Vectors.Item(File, index, "babyjubjub", "unpacking");
        byte[] packed = item.Hex("packedHex");
        bool accepted = BabyJubJubPoint.TryUnpack(packed, out BabyJubJubPoint point);

        if (item["result"] is null)
        {
            Assert.False(accepted);
            Assert.Throws<CryptographicException>(() => BabyJubJubPoint.Unpack(packed));
            return;
        }

        if (DeliberateDifferences.Find(ReferenceCall.UnpackPoint, packed) is { } row)
        {
            row.Instead.Check(() => BabyJubJubPoint.TryUnpack(packed, out _));
            return;
        }

        Assert.True(accepted);
        JsonPoints.AssertEqual(item["result"]!, point);
        Assert.Equal(packed, point.Pack());
    }

    [Theory]
    [MemberData(nameof(InCurveCases))]
    public void IsOnCurve_ReferenceCase_MatchesInCurve(int index)
    {
        var item = Vectors.Item(File, index, "babyjubjub", "inCurve");
        (Fr x, Fr y) = JsonPoints.Coordinates(item["point"]!);
        bool expected = item["inCurve"]!.GetValue<bool>();

        Assert.Equal(expected, BabyJubJubPoint.TryFromCoordinates(x, y, out _));
        if (!expected)
        {
            Assert.Throws<CryptographicException>(() => BabyJubJubPoint.FromCoordinates(x, y));
        }
    }

    [Property]
    public Property GroupLaws_HoldOnMultiplesOfBase8()
    {
        Arbitrary<((BigInteger, BabyJubJubPoint), (BigInteger, BabyJubJubPoint))> pairs =
            Gen.Zip(Multiples, Multiples, (a, b) => (a, b)).ToArbitrary();
        return Prop.ForAll(pairs, ab =>
        {
            var ((ka, a), (kb, b)) = ab;
            return a + BabyJubJub.Identity == a
                && (a + (-a)).IsIdentity
                && a + b == b + a
                && (a + b) + a == a + (b + a)
                && a + b == BabyJubJub.MultiplyBase8((ka + kb) % BabyJubJub.SubgroupOrder)
                && BabyJubJubPoint.Multiply(a, kb) == BabyJubJubPoint.Multiply(b, ka)
                && BabyJubJubPoint.Multiply(a, BabyJubJub.SubgroupOrder).IsIdentity;
        });
    }

    [Property]
    public Property PackUnpack_RoundTripsAndStaysInSubgroup() =>
        Prop.ForAll(Multiples.ToArbitrary(), m =>
            BabyJubJubPoint.Unpack(m.P.Pack()) == m.P
            && BabyJubJubPoint.Unpack((-m.P).Pack()) == -m.P
            && m.P.IsOnCurve
            && m.P.IsInPrimeOrderSubgroup);

    [Fact]
    public void SmallOrderPoints_AreOnCurveButNotInSubgroup()
    {
        BabyJubJubPoint twoTorsion = BabyJubJubPoint.FromCoordinates(Fr.Zero, -Fr.One);
        Assert.False(twoTorsion.IsInPrimeOrderSubgroup);
        Assert.True((twoTorsion + twoTorsion).IsIdentity);
        Assert.False((BabyJubJub.Base8 + twoTorsion).IsInPrimeOrderSubgroup);
        Assert.False(default(BabyJubJubPoint).IsOnCurve);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Unpack_WrongLength_ThrowsWithParamName(int length)
    {
        Assert.Equal("packed", Assert.Throws<ArgumentException>(() => BabyJubJubPoint.Unpack(new byte[length])).ParamName);
        Assert.False(BabyJubJubPoint.TryUnpack(new byte[length], out _));
    }

    [Fact]
    public void Multiply_NegativeOrHugeScalar_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BabyJubJub.MultiplyBase8(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BabyJubJub.MultiplyBase8(BigInteger.Pow(2, 256)));
    }
}
