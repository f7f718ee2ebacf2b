using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Pod.Cryptography.Fields;
using Xunit;

namespace Pod.Tests.Core;

/// <summary>Montgomery&lt;T&gt;.Reduce gives the canonical residue of every 256-bit value, for every modulus.</summary>
public sealed class MontgomeryReduceTests
{
    private static readonly BigInteger Max = BigInteger.Pow(2, 256) - 1;

    [Fact]
    public void Reduce_EdgeValuesAndRandom_IsCanonical_Fr() => Check<FrModulus>();

    [Fact]
    public void Reduce_EdgeValuesAndRandom_IsCanonical_Fq() => Check<FqModulus>();

    [Fact]
    public void Reduce_EdgeValuesAndRandom_IsCanonical_SubgroupOrder() => Check<SubgroupOrderModulus>();

    private static void Check<TModulus>()
        where TModulus : struct, IMontgomeryModulus
    {
        BigInteger p = Montgomery<TModulus>.ModulusValue;
        var edges = new List<BigInteger> { 0, 1, p - 1, p, p + 1, Max, Max - 1, BigInteger.Pow(2, 255), BigInteger.Pow(2, 253) };
        for (BigInteger k = 2; k * p <= Max; k++)
        {
            edges.Add(k * p);
            edges.Add((k * p) - 1);
        }

        foreach (BigInteger value in edges)
        {
            Assert.Equal(value % p, Montgomery<TModulus>.Reduce(U256.FromBigInteger(value)).ToBigInteger());
        }

        Prop.ForAll(
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 32).ToArbitrary(),
            bytes =>
            {
                BigInteger value = new(bytes, isUnsigned: true);
                return Montgomery<TModulus>.Reduce(U256.FromBigInteger(value)).ToBigInteger() == value % p;
            }).QuickCheckThrowOnFailure();
    }
}
