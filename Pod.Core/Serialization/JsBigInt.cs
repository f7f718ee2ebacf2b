using System.Globalization;
using System.Numerics;

namespace Pod.Serialization;

/// <summary>
/// JavaScript's <c>BigInt(string)</c> (ECMAScript StringToBigInt), for the places Pod reads text the way a
/// JavaScript peer does: a Semaphore message to sign, a circom input value.
/// </summary>
internal static class JsBigInt
{
    /// <summary>
    /// JavaScript's StringToBigInt: surrounding white space trimmed, empty text is 0, then either a
    /// 0x / 0o / 0b prefix with digits of that radix, or decimal digits after an optional sign.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out BigInteger value)
    {
        value = BigInteger.Zero;
        text = TrimJsWhiteSpace(text);
        if (text.IsEmpty)
        {
            return true;
        }

        if (text.Length > 2 && text[0] == '0' && char.ToLowerInvariant(text[1]) is 'x' or 'o' or 'b')
        {
            int radix = char.ToLowerInvariant(text[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            foreach (char c in text[2..])
            {
                int digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : radix;
                if (digit >= radix)
                {
                    return false;
                }

                value = (value * radix) + digit;
            }

            return true;
        }

        ReadOnlySpan<char> digits = text[0] is '+' or '-' ? text[1..] : text;
        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        value = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        if (text[0] == '-')
        {
            value = -value;
        }

        return true;
    }

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
