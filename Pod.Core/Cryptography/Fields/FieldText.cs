using System.Globalization;
using System.Numerics;

namespace Pod.Cryptography.Fields;

/// <summary>Strict text and byte codecs shared by the field types.</summary>
internal static class FieldText
{
    /// <summary>Parses unsigned decimal or 0x-prefixed hexadecimal digits, with no sign, space or separators.</summary>
    public static bool TryParseUnsigned(ReadOnlySpan<char> text, out BigInteger value)
    {
        value = default;
        if (text.Length == 0 || text.Length > 100)
        {
            return false;
        }

        if (text.Length > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
        {
            ReadOnlySpan<char> digits = text[2..];
            foreach (char c in digits)
            {
                if (!char.IsAsciiHexDigit(c))
                {
                    return false;
                }
            }

            // A leading zero keeps BigInteger from reading the top bit as a sign.
            return BigInteger.TryParse(string.Concat("0", digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static string ToHex(BigInteger value) =>
        "0x" + (value.IsZero ? "0" : value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));

    public static U256 ReadLimbs(ReadOnlySpan<byte> bytes, ByteOrder order) =>
        order == ByteOrder.LittleEndian ? U256.FromLittleEndian(bytes) : U256.FromBigEndian(bytes);

    public static void WriteLimbs(in U256 value, Span<byte> destination, ByteOrder order)
    {
        if (order == ByteOrder.LittleEndian)
        {
            value.WriteLittleEndian(destination);
        }
        else
        {
            value.WriteBigEndian(destination);
        }
    }

    public static string Describe(ReadOnlySpan<char> text) =>
        text.Length <= 90 ? $"\"{text}\"" : $"\"{text[..90]}...\" ({text.Length} characters)";
}
