using System.Numerics;

namespace Pod.Cryptography.Fields;

/// <summary>
/// An integer mod l, the order of BabyJubJub's prime-order subgroup: the scalars of EdDSA-Poseidon (nonces,
/// challenges, signature S). Typed so signing reads as field arithmetic, not as conversions between Montgomery
/// kernels; Montgomery form inside, like <see cref="Fr"/>.
/// </summary>
internal readonly struct ScalarModL : IPrimeField<ScalarModL>, IEquatable<ScalarModL>
{
    private readonly U256 _value;

    private ScalarModL(in U256 montgomery) => _value = montgomery;

    public static BigInteger Modulus => Montgomery<SubgroupOrderModulus>.ModulusValue;

    public static ScalarModL Zero => default;

    public static ScalarModL One => new(Montgomery<SubgroupOrderModulus>.One);

    public bool IsZero => _value.IsZero;

    /// <summary>Any 256-bit integer, reduced mod l (a pruned EdDSA scalar is above l).</summary>
    public static ScalarModL Reduce(in U256 plain) =>
        new(Montgomery<SubgroupOrderModulus>.ToMontgomery(Montgomery<SubgroupOrderModulus>.Reduce(plain)));

    /// <summary>An element of Fr read as an integer and reduced mod l (l &lt; r).</summary>
    public static ScalarModL Reduce(in Fr value) => Reduce(value.ToCanonicalLimbs());

    /// <summary>Up to 64 bytes (a hash output) as an integer, reduced mod l.</summary>
    public static ScalarModL FromBytesReduced(ReadOnlySpan<byte> bytes, ByteOrder order) =>
        new(FieldCodec<SubgroupOrderModulus>.FromBytesReduced(bytes, order, nameof(bytes)));

    public static ScalarModL FromBigIntegerReduced(BigInteger value) => new(FieldCodec<SubgroupOrderModulus>.FromBigIntegerReduced(value));

    /// <summary>The canonical value in [0, l) as limbs.</summary>
    public U256 ToCanonicalLimbs() => Montgomery<SubgroupOrderModulus>.FromMontgomery(_value);

    public BigInteger ToBigInteger() => FieldCodec<SubgroupOrderModulus>.ToBigInteger(_value);

    public static ScalarModL Add(in ScalarModL a, in ScalarModL b) => new(Montgomery<SubgroupOrderModulus>.Add(a._value, b._value));

    public static ScalarModL Subtract(in ScalarModL a, in ScalarModL b) => new(Montgomery<SubgroupOrderModulus>.Subtract(a._value, b._value));

    public static ScalarModL Negate(in ScalarModL a) => new(Montgomery<SubgroupOrderModulus>.Negate(a._value));

    public static ScalarModL Multiply(in ScalarModL a, in ScalarModL b) => new(Montgomery<SubgroupOrderModulus>.Multiply(a._value, b._value));

    public static ScalarModL Square(in ScalarModL a) => new(Montgomery<SubgroupOrderModulus>.Square(a._value));

    /// <inheritdoc cref="IField{TSelf}.Inverse"/>
    public static ScalarModL Inverse(in ScalarModL a) => a.IsZero ? throw NoInverse() : new(Montgomery<SubgroupOrderModulus>.Inverse(a._value));

    /// <inheritdoc cref="IField{TSelf}.InverseVartime"/>
    public static ScalarModL InverseVartime(in ScalarModL a) =>
        a.IsZero ? throw NoInverse() : new(Montgomery<SubgroupOrderModulus>.InverseVartime(a._value));

    public static ScalarModL Pow(in ScalarModL a, BigInteger exponent) =>
        new(Montgomery<SubgroupOrderModulus>.Pow(a._value, U256.FromBigInteger(exponent)));

    public static bool TrySqrtVartime(in ScalarModL a, out ScalarModL root)
    {
        bool ok = Montgomery<SubgroupOrderModulus>.TrySqrtVartime(a._value, out U256 value);
        root = new ScalarModL(value);
        return ok;
    }

    public static ScalarModL operator +(ScalarModL a, ScalarModL b) => Add(a, b);

    public static ScalarModL operator *(ScalarModL a, ScalarModL b) => Multiply(a, b);

    public bool Equals(ScalarModL other) => _value.Equals(other._value);

    public override bool Equals(object? obj) => obj is ScalarModL other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();

    private static DivideByZeroException NoInverse() => new("Zero has no inverse mod BabyJubJub's subgroup order.");
}
