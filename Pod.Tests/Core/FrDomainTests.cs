using FsCheck;
using FsCheck.Fluent;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Core;

public sealed class FrDomainTests
{
    [Fact]
    public void RootOfUnity_HasExactlyItsOrder_AndIsFfjavascriptsFromFive()
    {
        for (int k = 0; k <= FrDomain.MaxLog2Size; k++)
        {
            Fr w = FrDomain.RootOfUnity(k);
            Assert.Equal(Fr.One, Fr.Pow(w, System.Numerics.BigInteger.One << k));
            Assert.True(k == 0 || Fr.Pow(w, System.Numerics.BigInteger.One << (k - 1)) != Fr.One);
            Assert.Equal(Fr.Pow(Fr.FromUInt64(5), (Fr.Modulus - 1) >> k), w);
        }

        // Squaring steps down the tower, as ffjavascript builds w[k - 1] = w[k]^2.
        Assert.Equal(FrDomain.RootOfUnity(15), Fr.Square(FrDomain.RootOfUnity(16)));
    }

    [Fact]
    public void Fft_SmallDomains_EqualsNaiveDft_AndInverseRoundTrips()
    {
        Prop.ForAll(
            Gen.Choose(0, 5).SelectMany(k => Gen.ArrayOf(Generators.Field, 1 << k)).ToArbitrary(),
            values =>
            {
                int k = System.Numerics.BitOperations.Log2((uint)values.Length);
                var domain = new FrDomain(k);
                Fr[] transformed = (Fr[])values.Clone();
                domain.Fft(transformed);
                for (int i = 0; i < values.Length; i++)
                {
                    Fr expected = Fr.Zero;
                    for (int j = 0; j < values.Length; j++)
                    {
                        expected += values[j] * Fr.Pow(domain.Generator, (long)i * j);
                    }

                    if (expected != transformed[i])
                    {
                        return false;
                    }
                }

                domain.InverseFft(transformed);
                return transformed.AsSpan().SequenceEqual(values);
            }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Fft_Parallel_EqualsSequential()
    {
        var domain = new FrDomain(13);
        Fr[] values = Gen.ArrayOf(Generators.Field, domain.Size).Sample(1, 1).Single();
        Fr[] sequential = (Fr[])values.Clone(), parallel = (Fr[])values.Clone();
        domain.Fft(sequential, maxDegreeOfParallelism: 1);
        domain.Fft(parallel, maxDegreeOfParallelism: 4);
        Assert.Equal(sequential, parallel);
        domain.InverseFft(parallel, maxDegreeOfParallelism: 4);
        Assert.Equal(values, parallel);
    }

    [Fact]
    public void Fft_WrongLength_Throws() =>
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => new FrDomain(3).Fft(new Fr[7])).ParamName);
}
