using System.Numerics;
using System.Runtime.CompilerServices;

namespace Pod.Cryptography.Fields;

/// <summary>
/// An element of the BN254 scalar field, r = 21888242871839275222246405745257275088548364400416034343698204186575808495617
/// (0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001): the field of circom signals,
/// Poseidon and the BabyJubJub coordinates.
/// </summary>
/// <remarks>Kept in Montgomery form; every value is canonical (below r). Equality is constant time.</remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(Serialization.FrJsonConverter))]
public readonly struct Fr : IPrimeField<Fr>, IEquatable<Fr>
{
    /// <summary>The size of an encoded element.</summary>
    public const int SizeInBytes = 32;

    private const string FieldName = "BN254 scalar field (Fr)";

    internal readonly U256 Value;

    internal Fr(in U256 montgomery) => Value = montgomery;

    /// <summary>The modulus r.</summary>
    public static BigInteger Modulus => Montgomery<FrModulus>.ModulusValue;

    /// <summary>Zero.</summary>
    public static Fr Zero => default;

    /// <summary>One.</summary>
    public static Fr One => new(Montgomery<FrModulus>.One);

    /// <summary>True for zero.</summary>
    public bool IsZero => Value.IsZero;

    /// <summary>Converts a small integer.</summary>
    public static Fr FromUInt64(ulong value) => new(Montgomery<FrModulus>.ToMontgomery(new U256(value, 0, 0, 0)));

    /// <summary>Converts an integer in [0, r).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not below r.</exception>
    public static Fr FromBigInteger(BigInteger value) => new(FieldCodec<FrModulus>.FromBigInteger(value, FieldName, nameof(value)));

    /// <summary>Converts any integer, reducing it mod r (negative values wrap, as circom signals do).</summary>
    public static Fr FromBigIntegerReduced(BigInteger value) => new(FieldCodec<FrModulus>.FromBigIntegerReduced(value));

    /// <summary>An integer already below r, given as limbs (the caller guarantees the bound).</summary>
    internal static Fr FromCanonicalLimbs(in U256 plain) => new(Montgomery<FrModulus>.ToMontgomery(plain));

    /// <summary>The canonical integer value in [0, r) as limbs.</summary>
    internal U256 ToCanonicalLimbs() => Montgomery<FrModulus>.FromMontgomery(Value);

    /// <summary>The canonical integer value in [0, r).</summary>
    public BigInteger ToBigInteger() => FieldCodec<FrModulus>.ToBigInteger(Value);

    /// <summary>Decodes exactly 32 bytes holding a value below r.</summary>
    /// <exception cref="ArgumentException">The length is not 32, or the value is not below r.</exception>
    public static Fr FromCanonicalBytes(ReadOnlySpan<byte> bytes, ByteOrder order = ByteOrder.LittleEndian) =>
        new(FieldCodec<FrModulus>.FromCanonicalBytes(bytes, order, FieldName, nameof(bytes)));

    /// <summary>Decodes exactly 32 bytes holding a value below r; false for any other input.</summary>
    public static bool TryFromCanonicalBytes(ReadOnlySpan<byte> bytes, ByteOrder order, out Fr value)
    {
        bool ok = FieldCodec<FrModulus>.TryFromCanonicalBytes(bytes, order, out U256 montgomery);
        value = new Fr(montgomery);
        return ok;
    }

    /// <summary>Reads up to 64 bytes as an unsigned integer and reduces it mod r (for hash outputs).</summary>
    /// <exception cref="ArgumentException">More than 64 bytes.</exception>
    public static Fr FromBytesReduced(ReadOnlySpan<byte> bytes, ByteOrder order = ByteOrder.LittleEndian) =>
        new(FieldCodec<FrModulus>.FromBytesReduced(bytes, order, nameof(bytes)));

    /// <summary>Writes the canonical 32-byte encoding.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    public void WriteBytes(Span<byte> destination, ByteOrder order = ByteOrder.LittleEndian) =>
        FieldCodec<FrModulus>.WriteBytes(Value, destination, order, nameof(destination));

    /// <summary>The canonical 32-byte encoding.</summary>
    public byte[] ToBytes(ByteOrder order = ByteOrder.LittleEndian)
    {
        byte[] bytes = new byte[SizeInBytes];
        WriteBytes(bytes, order);
        return bytes;
    }

    /// <summary>Parses decimal digits or 0x-prefixed hex digits of a value below r (no sign or spaces).</summary>
    /// <exception cref="FormatException">The text is not such a value.</exception>
    public static Fr Parse(ReadOnlySpan<char> text) => new(FieldCodec<FrModulus>.Parse(text, FieldName));

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out Fr value)
    {
        bool ok = FieldCodec<FrModulus>.TryParse(text, out U256 montgomery);
        value = new Fr(montgomery);
        return ok;
    }

    /// <summary>The decimal text of the value.</summary>
    public override string ToString() => ToBigInteger().ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The value as 0x followed by lowercase hex digits without leading zeros.</summary>
    public string ToHexString() => FieldText.ToHex(ToBigInteger());

    /// <summary>a + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr Add(in Fr a, in Fr b) => new(Montgomery<FrModulus>.Add(a.Value, b.Value));

    /// <summary>a - b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr Subtract(in Fr a, in Fr b) => new(Montgomery<FrModulus>.Subtract(a.Value, b.Value));

    /// <summary>-a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr Negate(in Fr a) => new(Montgomery<FrModulus>.Negate(a.Value));

    /// <summary>a * b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr Multiply(in Fr a, in Fr b) => new(Montgomery<FrModulus>.Multiply(a.Value, b.Value));

    /// <summary>a * a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr Square(in Fr a) => new(Montgomery<FrModulus>.Square(a.Value));

    /// <summary>a^-1, in time independent of a.</summary>
    /// <exception cref="DivideByZeroException">a is zero.</exception>
    public static Fr Inverse(in Fr a)
    {
        if (a.IsZero)
        {
            throw new DivideByZeroException("Zero has no inverse in the BN254 scalar field.");
        }

        return new(Montgomery<FrModulus>.Inverse(a.Value));
    }

    /// <summary>a^-1 with the faster binary algorithm, whose time depends on a: only for public values.</summary>
    /// <exception cref="DivideByZeroException">a is zero.</exception>
    public static Fr InverseVartime(in Fr a)
    {
        if (a.IsZero)
        {
            throw new DivideByZeroException("Zero has no inverse in the BN254 scalar field.");
        }

        return new(Montgomery<FrModulus>.InverseVartime(a.Value));
    }

    /// <summary>a^exponent for a non-negative exponent below 2^256.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The exponent is negative or 2^256 or more.</exception>
    public static Fr Pow(in Fr a, BigInteger exponent) => new(Montgomery<FrModulus>.Pow(a.Value, U256.FromBigInteger(exponent)));

    /// <summary>A square root of a, or false when a is not a square; variable time (its loop count depends on a), so for public values only.</summary>
    public static bool TrySqrtVartime(in Fr a, out Fr root)
    {
        bool ok = Montgomery<FrModulus>.TrySqrtVartime(a.Value, out U256 value);
        root = new Fr(value);
        return ok;
    }

    /// <summary>True when the canonical value is above (r - 1) / 2, the sign convention of packed points.</summary>
    internal bool IsGreaterThanHalfModulus()
    {
        U256 plain = Montgomery<FrModulus>.FromMontgomery(Value);
        return HalfModulus.LessThan(plain);
    }

    private static readonly U256 HalfModulus = U256.FromBigInteger((Montgomery<FrModulus>.ModulusValue - 1) / 2);

    /// <inheritdoc cref="Add"/>
    public static Fr operator +(Fr a, Fr b) => Add(a, b);

    /// <inheritdoc cref="Subtract"/>
    public static Fr operator -(Fr a, Fr b) => Subtract(a, b);

    /// <inheritdoc cref="Negate"/>
    public static Fr operator -(Fr a) => Negate(a);

    /// <inheritdoc cref="Multiply"/>
    public static Fr operator *(Fr a, Fr b) => Multiply(a, b);

    /// <summary>a * b^-1.</summary>
    /// <exception cref="DivideByZeroException">b is zero.</exception>
    public static Fr operator /(Fr a, Fr b) => Multiply(a, Inverse(b));

    /// <summary>Constant-time equality.</summary>
    public static bool operator ==(Fr a, Fr b) => a.Value.Equals(b.Value);

    /// <summary>Constant-time inequality.</summary>
    public static bool operator !=(Fr a, Fr b) => !a.Value.Equals(b.Value);

    /// <inheritdoc/>
    public bool Equals(Fr other) => Value.Equals(other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Fr other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();
}
