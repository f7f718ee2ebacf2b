using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Fields;

namespace Pod.Tests.Support;

/// <summary>
/// Recognisers for classes of reference input, written from the reference's rules (not from Pod's parsers), for
/// the predicates of <see cref="DeliberateDifferences"/>: JavaScript white space, ECMAScript's date-time format,
/// @pcd/pod's key and signature text, packed BabyJubJub points, JSON objects with a repeated member.
/// </summary>
internal static partial class ReferenceForms
{
    private static readonly BigInteger R = Fr.Modulus;

    /// <summary>JavaScript's WhiteSpace and LineTerminator, which String.prototype.trim and BigInt() skip.</summary>
    private const string JsWhiteSpace = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

    /// <summary>BigInt(text) reads it only thanks to what Pod's grammar leaves out: white space around, an empty text, a plus sign.</summary>
    public static bool IsBigIntLeniency(string text)
    {
        string trimmed = text.Trim(JsWhiteSpace.ToCharArray());
        return trimmed.Length == 0 || trimmed.Length != text.Length || trimmed[0] == '+';
    }

    /// <summary>JavaScript's BigInt(text), of any length (slow: for predicates over test inputs); null where it throws.</summary>
    public static BigInteger? JsBigInt(string text)
    {
        string t = text.Trim(JsWhiteSpace.ToCharArray());
        if (t.Length == 0)
        {
            return BigInteger.Zero;
        }

        int radix = t.Length > 2 && t[0] == '0' ? char.ToLowerInvariant(t[1]) switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 10 } : 10;
        string digits = radix != 10 ? t[2..] : t[0] is '+' or '-' ? t[1..] : t;
        BigInteger value = BigInteger.Zero;
        foreach (char c in digits)
        {
            int d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= radix)
            {
                return null;
            }

            value = (value * radix) + d;
        }

        return digits.Length == 0 ? null : radix == 10 && t[0] == '-' ? -value : value;
    }

    /// <summary>
    /// ECMAScript's date-time string format with a Z (YYYY[-MM[-DD]][THH:mm[:ss[.s+]]]Z, years also ±YYYYYY, no -000000),
    /// naming a real calendar date and a time of day up to 24:00 (the end of the day).
    /// </summary>
    public static bool IsEcmaScriptDateTime(string text)
    {
        Match m = EcmaScriptDateTime().Match(text);
        if (!m.Success || m.Groups["year"].Value == "-000000")
        {
            return false;
        }

        long year = long.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        int month = m.Groups["month"].Success ? int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture) : 1;
        int day = m.Groups["day"].Success ? int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture) : 1;
        int hour = m.Groups["hour"].Success ? int.Parse(m.Groups["hour"].Value, CultureInfo.InvariantCulture) : 0;
        int minute = m.Groups["minute"].Success ? int.Parse(m.Groups["minute"].Value, CultureInfo.InvariantCulture) : 0;
        int second = m.Groups["second"].Success ? int.Parse(m.Groups["second"].Value, CultureInfo.InvariantCulture) : 0;
        bool fractionZero = !m.Groups["fraction"].Value.Any(c => c != '0');
        bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        int[] days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        return month is >= 1 and <= 12 && day >= 1 && day <= days[month - 1] && minute <= 59 && second <= 59
            && (hour <= 23 || (hour == 24 && minute == 0 && second == 0 && fractionZero));
    }

    /// <summary>The milliseconds since 1970 of a text in ECMAScript's date-time format (<see cref="IsEcmaScriptDateTime"/>), else null.</summary>
    public static BigInteger? DateMilliseconds(string text)
    {
        if (!IsEcmaScriptDateTime(text))
        {
            return null;
        }

        Match m = EcmaScriptDateTime().Match(text);
        int Part(string name, int absent) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : absent;
        long year = long.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        int month = Part("month", 1), day = Part("day", 1);

        // Days from 1970-01-01 by counting from year 0 in 400-year cycles (146097 days each).
        long y = month <= 2 ? year - 1 : year;
        long era = (y >= 0 ? y : y - 399) / 400;
        long yearOfEra = y - (era * 400);
        long dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        long dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        long days = (era * 146097) + dayOfEra - 719468;
        string fraction = (m.Groups["fraction"].Value + "000")[..3];
        return (new BigInteger(days) * 86_400_000) + (Part("hour", 0) * 3_600_000L) + (Part("minute", 0) * 60_000L) + (Part("second", 0) * 1000L)
            + int.Parse(fraction, CultureInfo.InvariantCulture);
    }

    /// <summary>Within the JavaScript Date range, ±8.64e15 ms.</summary>
    public static bool IsWithinDateRange(string text) => DateMilliseconds(text) is { } ms && BigInteger.Abs(ms) <= 8_640_000_000_000_000;

    /// <summary>
    /// The bytes @pcd/pod's decodeBytesAuto reads from key or signature text of <paramref name="size"/> bytes: hex of
    /// exactly 2 * size digits, or standard Base64 of the unpadded length with optional full padding; null otherwise.
    /// </summary>
    public static byte[]? DecodeKeyText(string text, int size)
    {
        int unpadded = ((4 * size) + 2) / 3;
        int padding = (3 - (size % 3)) % 3;
        if (text.Length == 2 * size && text.All(char.IsAsciiHexDigit))
        {
            return Convert.FromHexString(text);
        }

        bool lengthOk = text.Length == unpadded || (text.Length == unpadded + padding && text[unpadded..].All(c => c == '='));
        if (!lengthOk || !text[..unpadded].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
        {
            return null;
        }

        // Node ignores the unused low bits of the last character.
        var bits = new BigInteger();
        foreach (char c in text[..unpadded])
        {
            bits = (bits << 6) | "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".IndexOf(c, StringComparison.Ordinal);
        }

        bits >>= (6 * unpadded) - (8 * size);
        byte[] bytes = bits.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[size - bytes.Length], .. bytes];
    }

    /// <summary>A packed point (32 bytes, y little-endian with the sign of x in bit 255) as the reference reads it.</summary>
    public static (BigInteger Y, bool Sign) PackedParts(ReadOnlySpan<byte> packed)
    {
        byte[] copy = packed.ToArray();
        bool sign = (copy[31] & 0x80) != 0;
        copy[31] &= 0x7f;
        return (new BigInteger(copy, isUnsigned: true), sign);
    }

    /// <summary>
    /// An encoding unpackPoint accepts that names its point a second way: y = r (read as 0), or a sign bit on
    /// x = 0 (y = 1 or y = r - 1, the only points with x = 0).
    /// </summary>
    public static bool IsNonCanonicalPoint(ReadOnlySpan<byte> packed)
    {
        (BigInteger y, bool sign) = PackedParts(packed);
        return y == R || (sign && (y == 1 || y == R - 1));
    }

    /// <summary>No curve point has this y: (1 - y^2) / (a - d y^2) is not a square mod r (or y > r, which no point has).</summary>
    public static bool IsNoCurvePoint(ReadOnlySpan<byte> packed)
    {
        (BigInteger y, _) = PackedParts(packed);
        if (y > R)
        {
            return true;
        }

        y %= R;
        BigInteger a = 168700, d = 168696;
        BigInteger y2 = y * y % R;
        BigInteger denominator = ((a - (d * y2)) % R + R) % R;
        if (denominator.IsZero)
        {
            return true;
        }

        BigInteger x2 = ((1 - y2) % R + R) % R * BigInteger.ModPow(denominator, R - 2, R) % R;
        return !x2.IsZero && BigInteger.ModPow(x2, (R - 1) / 2, R) != BigInteger.One;
    }

    /// <summary>A curve point outside the prime-order subgroup, or the identity: no honest signer has it as key.</summary>
    public static bool IsWeakKey(BabyJubJubPoint key) => key.IsIdentity || !key.IsInPrimeOrderSubgroup;

    /// <summary>A small-order point (8 * P is the identity), for which S * Base8 = R8 + 8 * h * A holds for forgeries.</summary>
    public static bool IsSmallOrder(BabyJubJubPoint key) => BabyJubJubPoint.Multiply(key, 8).IsIdentity;

    /// <summary>Some JSON object in the text repeats a member name (JSON.parse keeps the last).</summary>
    public static bool HasRepeatedMember(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 4096 });
        var names = new Stack<HashSet<string>?>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        names.Push(new HashSet<string>(StringComparer.Ordinal));
                        break;
                    case JsonTokenType.StartArray:
                        names.Push(null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        names.Pop();
                        break;
                    case JsonTokenType.PropertyName when !names.Peek()!.Add(reader.GetString()!):
                        return true;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false; // not JSON at all: another rule refuses it
        }

        return false;
    }

    /// <summary>A JSON string escape or a raw character that is half of a surrogate pair with no other half.</summary>
    public static bool HasLoneSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) ? i + 1 == text.Length || !char.IsLowSurrogate(text[i + 1]) : char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
            {
                return true;
            }
        }

        return LoneSurrogateEscape().IsMatch(text);
    }

    /// <summary>The entries object of a POD's JSON text, or null when the text is no object with one.</summary>
    public static JsonObject? PodEntries(string podJson) => TryParse(podJson) is JsonObject pod && pod["entries"] is JsonObject entries ? entries : null;

    /// <summary>The JSON text as a node, or null when System.Text.Json cannot read it (invalid text, lone surrogate escapes).</summary>
    public static JsonNode? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 4096 });
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^(?<year>[+-][0-9]{6}|[0-9]{4})(?:-(?<month>[0-9]{2})(?:-(?<day>[0-9]{2}))?)?(?:T(?<hour>[0-9]{2}):(?<minute>[0-9]{2})(?::(?<second>[0-9]{2})(?:\.(?<fraction>[0-9]+))?)?)?Z\z", RegexOptions.CultureInvariant)]
    private static partial Regex EcmaScriptDateTime();

    [GeneratedRegex(@"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})(?<!\\)(?:\\\\)*\\u[dD][c-fC-F][0-9a-fA-F]{2}", RegexOptions.CultureInvariant)]
    private static partial Regex LoneSurrogateEscape();
}
