using System.Numerics;

namespace Pod.Cryptography.Fields;

/// <summary>
/// Decoding and encoding of field elements, shared by every field: strict forms reject values at or
/// above the modulus, reducing forms (named so) take any value and reduce it.
/// </summary>
internal static class FieldCodec<TModulus>
    where TModulus : struct, IMontgomeryModulus
{
    public const int SizeInBytes = 32;

    public static bool TryFromCanonicalBytes(ReadOnlySpan<byte> bytes, ByteOrder order, out U256 montgomery)
    {
        montgomery = default;
        if (bytes.Length != SizeInBytes)
        {
            return false;
        }

        U256 plain = FieldText.ReadLimbs(bytes, order);
        if (!Montgomery<TModulus>.IsCanonical(plain))
        {
            return false;
        }

        montgomery = Montgomery<TModulus>.ToMontgomery(plain);
        return true;
    }

    public static U256 FromCanonicalBytes(ReadOnlySpan<byte> bytes, ByteOrder order, string fieldName, string paramName)
    {
        if (bytes.Length != SizeInBytes)
        {
            throw new ArgumentException($"An encoded {fieldName} element must be {SizeInBytes} bytes, not {bytes.Length}.", paramName);
        }

        if (!TryFromCanonicalBytes(bytes, order, out U256 montgomery))
        {
            throw new ArgumentException($"The encoded value {FieldText.ReadLimbs(bytes, order).ToBigInteger()} is not below the {fieldName} modulus.", paramName);
        }

        return montgomery;
    }

    /// <summary>Reads up to 64 bytes as an integer and reduces it mod the modulus.</summary>
    public static U256 FromBytesReduced(ReadOnlySpan<byte> bytes, ByteOrder order, string paramName)
    {
        if (bytes.Length > 2 * SizeInBytes)
        {
            throw new ArgumentException($"At most {2 * SizeInBytes} bytes can be reduced, not {bytes.Length}.", paramName);
        }

        Span<byte> wide = stackalloc byte[2 * SizeInBytes];
        wide.Clear();
        if (order == ByteOrder.LittleEndian)
        {
            bytes.CopyTo(wide);
        }
        else
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                wide[i] = bytes[bytes.Length - 1 - i];
            }
        }

        // value = low + high * 2^256; Montgomery form of low is low * R (one multiplication by R^2),
        // of high * 2^256 = high * R it is high * R^2 (one multiplication by R^3).
        U256 low = Montgomery<TModulus>.Reduce(U256.FromLittleEndian(wide));
        U256 high = Montgomery<TModulus>.Reduce(U256.FromLittleEndian(wide[SizeInBytes..]));
        return Montgomery<TModulus>.Add(
            Montgomery<TModulus>.ToMontgomery(low),
            Montgomery<TModulus>.ShiftedToMontgomery(high));
    }

    public static void WriteBytes(in U256 montgomery, Span<byte> destination, ByteOrder order, string paramName)
    {
        if (destination.Length < SizeInBytes)
        {
            throw new ArgumentException($"The destination must hold {SizeInBytes} bytes, not {destination.Length}.", paramName);
        }

        FieldText.WriteLimbs(Montgomery<TModulus>.FromMontgomery(montgomery), destination, order);
    }

    public static U256 FromBigInteger(BigInteger value, string fieldName, string paramName)
    {
        if (value.Sign < 0 || value >= Montgomery<TModulus>.ModulusValue)
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"A {fieldName} element must be in [0, modulus).");
        }

        return Montgomery<TModulus>.ToMontgomery(U256.FromBigInteger(value));
    }

    public static U256 FromBigIntegerReduced(BigInteger value)
    {
        BigInteger modulus = Montgomery<TModulus>.ModulusValue;
        BigInteger reduced = BigInteger.Remainder(value, modulus);
        if (reduced.Sign < 0)
        {
            reduced += modulus;
        }

        return Montgomery<TModulus>.ToMontgomery(U256.FromBigInteger(reduced));
    }

    public static BigInteger ToBigInteger(in U256 montgomery) => Montgomery<TModulus>.FromMontgomery(montgomery).ToBigInteger();

    public static bool TryParse(ReadOnlySpan<char> text, out U256 montgomery)
    {
        montgomery = default;
        if (!FieldText.TryParseUnsigned(text, out BigInteger value) || value >= Montgomery<TModulus>.ModulusValue)
        {
            return false;
        }

        montgomery = Montgomery<TModulus>.ToMontgomery(U256.FromBigInteger(value));
        return true;
    }

    public static U256 Parse(ReadOnlySpan<char> text, string fieldName)
    {
        if (!TryParse(text, out U256 montgomery))
        {
            throw new FormatException(
                $"The text {FieldText.Describe(text)} is not a {fieldName} element: expected decimal digits or 0x and hex digits, below the modulus.");
        }

        return montgomery;
    }
}
