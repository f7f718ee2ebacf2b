using System.Numerics;
using System.Runtime.CompilerServices;

namespace Pod.Cryptography.Fields;

/// <summary>
/// An element of the BN254 base field, p = 21888242871839275222246405745257275088696311157297823662689037894645226208583
/// (0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47): the coordinates of BN254 points,
/// for Groth16 verification. The same Montgomery arithmetic as <see cref="Fr"/>.
/// </summary>
internal readonly struct Fq : IPrimeField<Fq>, Bn254.ICurveCoordinateField<Fq>, IEquatable<Fq>
{
    internal readonly U256 Value;

    internal Fq(in U256 montgomery) => Value = montgomery;

    public static BigInteger Modulus => Montgomery<FqModulus>.ModulusValue;

    public static Fq Zero => default;

    public static Fq One => new(Montgomery<FqModulus>.One);

    public bool IsZero => Value.IsZero;

    /// <summary>3: G1 is y^2 = x^3 + 3 over Fq.</summary>
    public static Fq CurveB { get; } = FromUInt64(3);

    /// <summary>Converts a small integer.</summary>
    public static Fq FromUInt64(ulong value) => new(Montgomery<FqModulus>.ToMontgomery(new U256(value, 0, 0, 0)));

    public static Fq FromBigIntegerReduced(BigInteger value) => new(FieldCodec<FqModulus>.FromBigIntegerReduced(value));

    /// <summary>Parses a canonical decimal (or 0x hex) value below p, as snarkjs writes coordinates.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Fq value)
    {
        bool ok = FieldCodec<FqModulus>.TryParse(text, out U256 montgomery);
        value = new Fq(montgomery);
        return ok;
    }

    public BigInteger ToBigInteger() => FieldCodec<FqModulus>.ToBigInteger(Value);

    public override string ToString() => ToBigInteger().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fq Add(in Fq a, in Fq b) => new(Montgomery<FqModulus>.Add(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fq Subtract(in Fq a, in Fq b) => new(Montgomery<FqModulus>.Subtract(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fq Negate(in Fq a) => new(Montgomery<FqModulus>.Negate(a.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fq Multiply(in Fq a, in Fq b) => new(Montgomery<FqModulus>.Multiply(a.Value, b.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fq Square(in Fq a) => new(Montgomery<FqModulus>.Square(a.Value));

    /// <summary>a / 2, by a shift (after adding p when odd): variable time, for public data (the pairing).</summary>
    public static Fq HalveVartime(in Fq a) => new(Montgomery<FqModulus>.HalveModP(a.Value));

    /// <summary>a^-1 by Fermat, in time independent of a.</summary>
    /// <exception cref="DivideByZeroException">a is zero.</exception>
    public static Fq Inverse(in Fq a) => a.IsZero ? throw NoInverse() : new(Montgomery<FqModulus>.Inverse(a.Value));

    /// <summary>a^-1 by the binary algorithm, whose time depends on a: for public data (points of proofs and keys).</summary>
    /// <exception cref="DivideByZeroException">a is zero.</exception>
    public static Fq InverseVartime(in Fq a) => a.IsZero ? throw NoInverse() : new(Montgomery<FqModulus>.InverseVartime(a.Value));

    private static DivideByZeroException NoInverse() => new("Zero has no inverse in the BN254 base field.");

    public static Fq Pow(in Fq a, BigInteger exponent) => new(Montgomery<FqModulus>.Pow(a.Value, U256.FromBigInteger(exponent)));

    public static bool TrySqrtVartime(in Fq a, out Fq root)
    {
        bool ok = Montgomery<FqModulus>.TrySqrtVartime(a.Value, out U256 value);
        root = new Fq(value);
        return ok;
    }

    public static Fq operator +(Fq a, Fq b) => Add(a, b);

    public static Fq operator -(Fq a, Fq b) => Subtract(a, b);

    public static Fq operator -(Fq a) => Negate(a);

    public static Fq operator *(Fq a, Fq b) => Multiply(a, b);

    public static bool operator ==(Fq a, Fq b) => a.Value.Equals(b.Value);

    public static bool operator !=(Fq a, Fq b) => !a.Value.Equals(b.Value);

    public bool Equals(Fq other) => Value.Equals(other.Value);

    public override bool Equals(object? obj) => obj is Fq other && Equals(other);

    public override int GetHashCode() => Value.GetHashCode();
}
