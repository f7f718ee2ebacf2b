using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Pod.Cryptography.Fields;

namespace Pod.Tests.Support;

/// <summary>FsCheck generators with the edge values of gnark-crypto's tests mixed in.</summary>
internal static class Generators
{
    /// <summary>0, 1, r - 1, r - 2, 2^64, 2^128, 2^253 and their neighbours.</summary>
    public static readonly BigInteger[] EdgeValues =
    [
        0, 1, 2, Fr.Modulus - 1, Fr.Modulus - 2,
        BigInteger.Pow(2, 64), BigInteger.Pow(2, 64) - 1, BigInteger.Pow(2, 128), BigInteger.Pow(2, 128) - 1,
        BigInteger.Pow(2, 253), BigInteger.Pow(2, 253) - 1, (Fr.Modulus - 1) / 2, (Fr.Modulus + 1) / 2,
    ];

    /// <summary>Uniform 256-bit integers reduced mod the modulus, or an edge value one time in four.</summary>
    public static Gen<BigInteger> Below(BigInteger modulus, BigInteger[] edges) =>
        Gen.Frequency(
            (3, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 32)
                .Select(bytes => new BigInteger(bytes, isUnsigned: true) % modulus)),
            (1, Gen.Elements(edges.Where(e => e < modulus).ToArray())));

    public static Gen<BigInteger> FrInteger => Below(Fr.Modulus, EdgeValues);

    public static Gen<Fr> Field => FrInteger.Select(Fr.FromBigInteger);

    public static Gen<Fr[]> FieldArray(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Field, n));
}
