using System.Numerics;

namespace Pod.Cryptography.Fields;

/// <summary>
/// The operations of the fields with integer encodings (Fr, Fq, the scalars mod l, and Fq2 as a + b p),
/// beyond those of every field.
/// </summary>
internal interface IPrimeField<TSelf> : IField<TSelf>
    where TSelf : struct, IPrimeField<TSelf>
{
    static abstract BigInteger Modulus { get; }

    static abstract TSelf Pow(in TSelf a, BigInteger exponent);

    static abstract bool TrySqrt(in TSelf a, out TSelf root);

    static abstract TSelf FromBigIntegerReduced(BigInteger value);

    BigInteger ToBigInteger();
}
