using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pod.Cryptography;
using Pod.Cryptography.Fields;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Core;

public sealed class FrTests
{
    private static readonly BigInteger R = BigInteger.Parse("21888242871839275222246405745257275088548364400416034343698204186575808495617");

    private static Arbitrary<(BigInteger, BigInteger)> Pairs => Gen.Zip(Generators.FrInteger, Generators.FrInteger, (a, b) => (a, b)).ToArbitrary();

    [Fact]
    public void Modulus_IsBn254ScalarField() => Assert.Equal(R, Fr.Modulus);

    [Fact]
    public void FieldLaws_Hold() => FieldLaws<Fr>.CheckAll(Generators.Field, Fr.FromUInt64(5));

    [Fact]
    public void SubgroupOrderField_FieldLawsHold()
    {
        // The EdDSA scalar arithmetic mod l runs on the same Montgomery code: check it with the same laws.
        BigInteger nonResidue = 2;
        while (BigInteger.ModPow(nonResidue, (ScalarModL.Modulus - 1) / 2, ScalarModL.Modulus) != ScalarModL.Modulus - 1)
        {
            nonResidue++;
        }

        FieldLaws<ScalarModL>.CheckAll(
            Generators.Below(ScalarModL.Modulus, Generators.EdgeValues).Select(ScalarModL.FromBigIntegerReduced),
            ScalarModL.FromBigIntegerReduced(nonResidue));
    }

    [Property]
    public Property Operations_MatchBigIntegerOracle() =>
        Prop.ForAll(Pairs, p =>
        {
            (BigInteger a, BigInteger b) = p;
            Fr x = Fr.FromBigInteger(a), y = Fr.FromBigInteger(b);
            return (x + y).ToBigInteger() == (a + b) % R
                && (x - y).ToBigInteger() == (((a - b) % R) + R) % R
                && (-x).ToBigInteger() == (R - a) % R
                && (x * y).ToBigInteger() == a * b % R
                && Fr.Square(x).ToBigInteger() == a * a % R
                && Fr.Pow(x, b).ToBigInteger() == BigInteger.ModPow(a, b, R)
                && (a.IsZero || Fr.Inverse(x).ToBigInteger() == BigInteger.ModPow(a, R - 2, R))
                && (a.IsZero || Fr.InverseVartime(x).ToBigInteger() == BigInteger.ModPow(a, R - 2, R))
                && (x == y) == (a == b);
        });

    [Property]
    public Property Operations_AliasedOperands_MatchOracle() =>
        Prop.ForAll(Generators.FrInteger.ToArbitrary(), a =>
        {
            Fr x = Fr.FromBigInteger(a);
            return (x + x).ToBigInteger() == 2 * a % R && (x - x).IsZero && (x * x).ToBigInteger() == a * a % R;
        });

    [Property]
    public Property Bytes_RoundTripInBothOrders() =>
        Prop.ForAll(Generators.Field.ToArbitrary(), x =>
            Fr.FromCanonicalBytes(x.ToBytes(ByteOrder.LittleEndian), ByteOrder.LittleEndian) == x
            && Fr.FromCanonicalBytes(x.ToBytes(ByteOrder.BigEndian), ByteOrder.BigEndian) == x
            && x.ToBytes(ByteOrder.BigEndian).Reverse().SequenceEqual(x.ToBytes(ByteOrder.LittleEndian))
            && new BigInteger(x.ToBytes(), isUnsigned: true) == x.ToBigInteger());

    [Property]
    public Property Text_RoundTripsDecimalAndHex() =>
        Prop.ForAll(Generators.Field.ToArbitrary(), x =>
            Fr.Parse(x.ToString()) == x && Fr.Parse(x.ToHexString()) == x
            && x.ToString() == x.ToBigInteger().ToString());

    [Theory]
    [InlineData("21888242871839275222246405745257275088548364400416034343698204186575808495617")]
    [InlineData("0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001")]
    [InlineData("-1")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("1e3")]
    [InlineData("0xg")]
    [InlineData("+5")]
    public void Parse_NotAFieldElement_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => Fr.Parse(text));
        Assert.False(Fr.TryParse(text, out _));
    }

    [Fact]
    public void FromCanonicalBytes_ModulusOrAbove_Rejected()
    {
        byte[] modulus = R.ToByteArray(isUnsigned: true, isBigEndian: false);
        var error = Assert.Throws<ArgumentException>(() => Fr.FromCanonicalBytes(modulus));
        Assert.Equal("bytes", error.ParamName);
        Assert.Contains(R.ToString(), error.Message, StringComparison.Ordinal);
        Assert.False(Fr.TryFromCanonicalBytes(Enumerable.Repeat((byte)0xFF, 32).ToArray(), ByteOrder.LittleEndian, out _));
        Assert.True(Fr.TryFromCanonicalBytes((R - 1).ToByteArray(isUnsigned: true, isBigEndian: false), ByteOrder.LittleEndian, out Fr max));
        Assert.Equal(R - 1, max.ToBigInteger());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void FromCanonicalBytes_WrongLength_ThrowsWithParamName(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => Fr.FromCanonicalBytes(new byte[length]));
        Assert.Equal("bytes", error.ParamName);
    }

    [Fact]
    public void FromBytesReduced_AnyInputUpTo64Bytes_MatchesOracle()
    {
        Arbitrary<byte[]> bytes = Gen.Choose(0, 64).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), n)).ToArbitrary();
        Prop.ForAll(bytes, b =>
            Fr.FromBytesReduced(b, ByteOrder.LittleEndian).ToBigInteger() == new BigInteger(b, isUnsigned: true) % R
            && Fr.FromBytesReduced(b, ByteOrder.BigEndian).ToBigInteger() == new BigInteger(b, isUnsigned: true, isBigEndian: true) % R)
            .QuickCheckThrowOnFailure();
        Assert.Throws<ArgumentException>(() => Fr.FromBytesReduced(new byte[65]));
    }

    [Fact]
    public void FromBigInteger_OutOfRange_ThrowsButReducedFormWraps()
    {
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => Fr.FromBigInteger(R)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Fr.FromBigInteger(-1));
        Assert.Equal(R - 1, Fr.FromBigIntegerReduced(-1).ToBigInteger());
        Assert.Equal(BigInteger.One, Fr.FromBigIntegerReduced(R + 1).ToBigInteger());
    }

    [Fact]
    public void Inverse_OfZero_ThrowsDivideByZero()
    {
        Assert.Throws<DivideByZeroException>(() => Fr.Inverse(Fr.Zero));
        Assert.Throws<DivideByZeroException>(() => Fr.One / Fr.Zero);
    }

    [Fact]
    public void Sqrt_OfNonResidue_ReturnsFalse()
    {
        // 5 is a quadratic non-residue mod r (the multiplicative generator of gnark-crypto's fr).
        Assert.False(Fr.TrySqrtVartime(Fr.FromUInt64(5), out _));
        Assert.True(Fr.TrySqrtVartime(Fr.FromUInt64(4), out Fr root));
        Assert.Equal(Fr.FromUInt64(4), Fr.Square(root));
    }
}
