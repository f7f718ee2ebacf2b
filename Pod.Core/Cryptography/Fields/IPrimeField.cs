using System.Numerics;

namespace Pod.Cryptography.Fields;

/// <summary>
/// The operations of the prime fields, whose elements are integers below a modulus (Fr, Fq, the scalars
/// mod l), beyond those of every field.
/// </summary>
internal interface IPrimeField<TSelf> : IField<TSelf>
    where TSelf : struct, IPrimeField<TSelf>
{
    static abstract BigInteger Modulus { get; }

    static abstract TSelf Pow(in TSelf a, BigInteger exponent);

    /// <summary>A square root by Tonelli-Shanks, whose loop count depends on a: only for public values.</summary>
    static abstract bool TrySqrtVartime(in TSelf a, out TSelf root);

    static abstract TSelf FromBigIntegerReduced(BigInteger value);

    BigInteger ToBigInteger();
}
