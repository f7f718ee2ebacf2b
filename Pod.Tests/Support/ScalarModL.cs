using System.Numerics;
using Pod.Cryptography.Fields;

namespace Pod.Tests.Support;

/// <summary>The field of integers mod BabyJubJub's subgroup order, wrapped so the field law suite can run on it.</summary>
internal readonly struct ScalarModL : IPrimeField<ScalarModL>
{
    private readonly U256 _value;

    private ScalarModL(U256 value) => _value = value;

    public static BigInteger Modulus => Montgomery<SubgroupOrderModulus>.ModulusValue;

    public static ScalarModL Zero => default;

    public static ScalarModL One => new(Montgomery<SubgroupOrderModulus>.One);

    public bool IsZero => _value.IsZero;

    public static ScalarModL Add(in ScalarModL a, in ScalarModL b) => new(Montgomery<SubgroupOrderModulus>.Add(a._value, b._value));

    public static ScalarModL Subtract(in ScalarModL a, in ScalarModL b) => new(Montgomery<SubgroupOrderModulus>.Subtract(a._value, b._value));

    public static ScalarModL Negate(in ScalarModL a) => new(Montgomery<SubgroupOrderModulus>.Negate(a._value));

    public static ScalarModL Multiply(in ScalarModL a, in ScalarModL b) => new(Montgomery<SubgroupOrderModulus>.Multiply(a._value, b._value));

    public static ScalarModL Square(in ScalarModL a) => new(Montgomery<SubgroupOrderModulus>.Square(a._value));

    public static ScalarModL Inverse(in ScalarModL a) => new(Montgomery<SubgroupOrderModulus>.Inverse(a._value));

    public static ScalarModL Pow(in ScalarModL a, BigInteger exponent) => new(Montgomery<SubgroupOrderModulus>.Pow(a._value, U256.FromBigInteger(exponent)));

    public static bool TrySqrt(in ScalarModL a, out ScalarModL root)
    {
        bool ok = Montgomery<SubgroupOrderModulus>.TrySqrt(a._value, out U256 value);
        root = new ScalarModL(value);
        return ok;
    }

    public static ScalarModL FromBigIntegerReduced(BigInteger value) => new(FieldCodec<SubgroupOrderModulus>.FromBigIntegerReduced(value));

    public BigInteger ToBigInteger() => FieldCodec<SubgroupOrderModulus>.ToBigInteger(_value);

    public bool Equals(ScalarModL other) => _value.Equals(other._value);

    public override bool Equals(object? obj) => obj is ScalarModL other && Equals(other);

    public override int GetHashCode() => _value.GetHashCode();
}
