using System.Numerics;

namespace Pod.Cryptography.Fields;

/// <summary>The operations every prime field of the library offers, so laws and codecs are written once.</summary>
internal interface IPrimeField<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IPrimeField<TSelf>
{
    static abstract BigInteger Modulus { get; }

    static abstract TSelf Zero { get; }

    static abstract TSelf One { get; }

    bool IsZero { get; }

    static abstract TSelf Add(in TSelf a, in TSelf b);

    static abstract TSelf Subtract(in TSelf a, in TSelf b);

    static abstract TSelf Negate(in TSelf a);

    static abstract TSelf Multiply(in TSelf a, in TSelf b);

    static abstract TSelf Square(in TSelf a);

    static abstract TSelf Inverse(in TSelf a);

    static abstract TSelf Pow(in TSelf a, BigInteger exponent);

    static abstract bool TrySqrt(in TSelf a, out TSelf root);

    static abstract TSelf FromBigIntegerReduced(BigInteger value);

    BigInteger ToBigInteger();
}
