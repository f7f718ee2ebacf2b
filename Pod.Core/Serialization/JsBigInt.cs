using System.Globalization;
using System.Numerics;

namespace Pod.Serialization;

/// <summary>
/// JavaScript's <c>BigInt(string)</c> (ECMAScript StringToBigInt), for the places Pod reads text the way a
/// JavaScript peer does: a Semaphore message to sign, a circom input value. Magnitudes of <see cref="MaxBits"/>
/// bits or more are refused unread (<see cref="JsBigIntText.TooLarge"/>), where JavaScript reads any length.
/// </summary>
/// <remarks>
/// Converting n digits costs n^2 (and BigInteger.Parse's decimal conversion is superlinear too), so a reader of outside
/// text would be quadratic in its input. No value Pod reads this way is that large: POD ints are 64-bit, cryptographic
/// values and field elements are below r &lt; 2^254, and the reference's Semaphore signer refuses messages from 2^256.
/// </remarks>
internal static class JsBigInt
{
    /// <summary>Magnitudes are read below 2^MaxBits.</summary>
    public const int MaxBits = 256;

    // The most significant digits (leading zeros skipped) a magnitude below 2^256 can have in each radix:
    // 2^256 has 257 binary digits, 86 octal, 65 hexadecimal and 78 decimal.
    private const int MaxBinaryDigits = 256, MaxOctalDigits = 86, MaxHexDigits = 64, MaxDecimalDigits = 78;

    /// <summary>
    /// JavaScript's StringToBigInt: surrounding white space trimmed, empty text is 0, then either a
    /// 0x / 0o / 0b prefix with digits of that radix, or decimal digits after an optional sign. False for text
    /// BigInt refuses and for magnitudes of 2^<see cref="MaxBits"/> or more.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out BigInteger value) => Read(text, out value) == JsBigIntText.Number;

    /// <summary>
    /// Reads as <see cref="TryParse"/>, telling text BigInt refuses (<see cref="JsBigIntText.NotANumber"/>) from a number
    /// BigInt reads whose magnitude is 2^<see cref="MaxBits"/> or more (<see cref="JsBigIntText.TooLarge"/>, decided by its
    /// digit count and value, read in time linear in the text).
    /// </summary>
    public static JsBigIntText Read(ReadOnlySpan<char> text, out BigInteger value)
    {
        value = BigInteger.Zero;
        text = TrimJsWhiteSpace(text);
        if (text.IsEmpty)
        {
            return JsBigIntText.Number;
        }

        bool prefixed = text.Length > 2 && text[0] == '0' && char.ToLowerInvariant(text[1]) is 'x' or 'o' or 'b';
        int radix = !prefixed ? 10 : char.ToLowerInvariant(text[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
        ReadOnlySpan<char> digits = prefixed ? text[2..] : text[0] is '+' or '-' ? text[1..] : text;
        if (digits.IsEmpty || !AllDigits(digits, radix))
        {
            return JsBigIntText.NotANumber;
        }

        ReadOnlySpan<char> significant = digits.TrimStart('0');
        if (significant.Length > radix switch { 2 => MaxBinaryDigits, 8 => MaxOctalDigits, 16 => MaxHexDigits, _ => MaxDecimalDigits })
        {
            return JsBigIntText.TooLarge;
        }

        BigInteger magnitude = BigInteger.Zero;
        if (radix == 10)
        {
            magnitude = significant.IsEmpty ? BigInteger.Zero : BigInteger.Parse(significant, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else
        {
            foreach (char c in significant)
            {
                magnitude = (magnitude * radix) + Digit(c);
            }
        }

        if (magnitude.GetBitLength() > MaxBits)
        {
            return JsBigIntText.TooLarge;
        }

        value = !prefixed && text[0] == '-' ? -magnitude : magnitude;
        return JsBigIntText.Number;
    }

    private static bool AllDigits(ReadOnlySpan<char> digits, int radix)
    {
        foreach (char c in digits)
        {
            if (Digit(c) >= radix)
            {
                return false;
            }
        }

        return true;
    }

    private static int Digit(char c) => char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : int.MaxValue;

    // ECMAScript StrWhiteSpaceChar: WhiteSpace (tab, VT, FF, ZWNBSP, any Zs) and LineTerminator (LF, CR, LS, PS).
    private static ReadOnlySpan<char> TrimJsWhiteSpace(ReadOnlySpan<char> text)
    {
        int start = 0;
        int end = text.Length;
        while (start < end && IsJsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && IsJsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return text[start..end];
    }

    private static bool IsJsWhiteSpace(char c) =>
        c is '\t' or '\n' or '\v' or '\f' or '\r' or '\u2028' or '\u2029' or '\uFEFF'
        || char.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator;
}

/// <summary>What <see cref="JsBigInt.Read"/> found.</summary>
internal enum JsBigIntText
{
    /// <summary>A number below 2^<see cref="JsBigInt.MaxBits"/> in magnitude, read.</summary>
    Number,

    /// <summary>Text JavaScript's BigInt refuses.</summary>
    NotANumber,

    /// <summary>A number BigInt reads, of 2^<see cref="JsBigInt.MaxBits"/> or more in magnitude: refused unread.</summary>
    TooLarge,
}
