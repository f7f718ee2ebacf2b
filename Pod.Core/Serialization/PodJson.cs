using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;

namespace Pod.Serialization;

/// <summary>
/// The JSONPOD format of @pcd/pod (<c>{"entries": {...}, "signature": "...", "signerPublicKey": "..."}</c>),
/// written byte for byte as the reference's <c>JSON.stringify(pod.toJSON())</c> and read as its
/// <c>POD.fromJSON</c> reads, except where docs/compatibility.md says Pod is stricter.
/// </summary>
/// <remarks>
/// Values take the smallest form the reference writes: bare strings, numbers, booleans and null; typed
/// objects (<c>{"int": ...}</c>, <c>{"cryptographic": ...}</c>, <c>{"bytes": ...}</c>,
/// <c>{"eddsa_pubkey": ...}</c>, <c>{"date": ...}</c>) otherwise. Integers within ±(2^53 - 1) are JSON
/// numbers, larger ones strings: <c>"0x..."</c> when positive, decimal when negative (bigintToSimplestJSON).
/// </remarks>
public static class PodJson
{
    private const long MaxSafeInteger = 9_007_199_254_740_991;

    /// <summary>More significant digits than any POD number has in any radix (r - 1 has 254 binary digits).</summary>
    private const int MaxSignificantDigits = 256;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    /// <summary>The POD as the reference's JSON text.</summary>
    /// <exception cref="ArgumentNullException">The POD is null.</exception>
    public static string Serialize(SignedPod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var sb = new StringBuilder(64 + (pod.Entries.Count * 48));
        sb.Append("{\"entries\":");
        WriteEntries(sb, pod.Entries);
        sb.Append(",\"signature\":\"").Append(pod.Signature.ToString());
        sb.Append("\",\"signerPublicKey\":\"").Append(pod.SignerPublicKey.ToString()).Append("\"}");
        return sb.ToString();
    }

    /// <summary>Reads a POD from JSON text; the signature is not verified (call <see cref="SignedPod.Verify"/>).</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    /// <exception cref="FormatException">The text is not a valid JSON POD; the message names the field and the rule.</exception>
    public static SignedPod Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = ParseDocument(json);
        return Guard(() => ReadPod(document.RootElement));
    }

    /// <summary>One value as the reference's JSON text (podValueToJSON then JSON.stringify).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public static string SerializeValue(PodValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder();
        WriteValue(sb, value);
        return sb.ToString();
    }

    /// <summary>Reads one value from JSON text (podValueFromJSON).</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="entryName">The entry name used in error messages.</param>
    /// <exception cref="FormatException">The text is not a valid JSON POD value.</exception>
    public static PodValue ParseValue(string json, string entryName = "value")
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = ParseDocument(json);
        return Guard(() => ReadValue(document.RootElement, entryName));
    }

    /// <summary>Entries as the reference's JSON object, in name order.</summary>
    public static string SerializeEntries(PodEntries entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sb = new StringBuilder();
        WriteEntries(sb, entries);
        return sb.ToString();
    }

    internal static SignedPod ReadPod(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A JSON POD must be an object with entries, signature and signerPublicKey, not {Describe(root.ValueKind)}.");
        }

        JsonElement? entries = null, signature = null, signer = null;
        foreach (JsonProperty property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "entries" when entries is null:
                    entries = property.Value;
                    break;
                case "signature" when signature is null:
                    signature = property.Value;
                    break;
                case "signerPublicKey" when signer is null:
                    signer = property.Value;
                    break;
                default:
                    throw new FormatException($"A JSON POD must hold exactly the keys entries, signature and signerPublicKey; it has {Quote(property.Name)} (unknown or repeated).");
            }
        }

        if (entries is null || signature is null || signer is null)
        {
            string missing = entries is null ? "entries" : signature is null ? "signature" : "signerPublicKey";
            throw new FormatException($"A JSON POD must hold exactly the keys entries, signature and signerPublicKey; {missing} is missing.");
        }

        PodEntries podEntries = ReadEntries(entries.Value);
        EdDsaSignature podSignature = ReadText<EdDsaSignature>(signature.Value, "signature", EdDsaSignature.TryParse, "64 bytes encoded as hex or Base64, with R8 a packed curve point");
        EdDsaPublicKey key = ReadText<EdDsaPublicKey>(signer.Value, "signerPublicKey", EdDsaPublicKey.TryParse, "32 bytes encoded as hex or Base64, a packed curve point");
        return SignedPod.Load(podEntries, podSignature, key);
    }

    internal static PodEntries ReadEntries(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"The entries of a JSON POD must be an object, not {Describe(element.ValueKind)}.");
        }

        var list = new List<KeyValuePair<string, PodValue>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!PodNames.IsValid(property.Name))
            {
                throw new FormatException($"Invalid POD entry name {PodNames.Describe(property.Name)}: names must match [A-Za-z_][A-Za-z0-9_]*.");
            }

            if (!seen.Add(property.Name))
            {
                throw new FormatException($"The POD entry name {Quote(property.Name)} appears more than once.");
            }

            list.Add(new(property.Name, ReadValue(property.Value, property.Name)));
        }

        if (list.Count == 0)
        {
            throw new FormatException("A JSON POD needs at least one entry: its content ID is the Merkle root of the entries.");
        }

        return PodEntries.Create(list);
    }

    internal static PodValue ReadValue(JsonElement element, string name)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return NewString(element.GetString()!, name);
            case JsonValueKind.Number:
                return PodValue.Int(ReadSafeNumber(element, name));
            case JsonValueKind.True:
            case JsonValueKind.False:
                return PodValue.Boolean(element.GetBoolean());
            case JsonValueKind.Null:
                return PodValue.Null;
            case JsonValueKind.Array:
                throw new FormatException($"The value of entry {Quote(name)} must be a JSON POD value: an object, not an array.");
        }

        JsonProperty typed = default;
        int count = 0;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            typed = property;
            count++;
        }

        if (count != 1)
        {
            throw new FormatException($"The value of entry {Quote(name)} must be a JSON POD value: an object with a single key naming the type, not {count} keys.");
        }

        JsonElement v = typed.Value;
        switch (typed.Name)
        {
            case "string":
                return NewString(Expect(v, JsonValueKind.String, name, "a string").GetString()!, name);
            case "boolean":
                return PodValue.Boolean(v.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? v.GetBoolean()
                    : throw new FormatException($"The boolean value of entry {Quote(name)} must be true or false, not {Describe(v.ValueKind)}."));
            case "null":
                Expect(v, JsonValueKind.Null, name, "null");
                return PodValue.Null;
            case "int":
            {
                BigInteger n = ReadBigInteger(v, name);
                if (n < long.MinValue || n > long.MaxValue)
                {
                    throw new FormatException($"The int value {n} of entry {Quote(name)} is outside [{long.MinValue}, {long.MaxValue}].");
                }

                return PodValue.Int((long)n);
            }

            case "cryptographic":
            {
                BigInteger n = ReadBigInteger(v, name);
                if (n.Sign < 0 || n >= Fr.Modulus)
                {
                    throw new FormatException($"The cryptographic value {n} of entry {Quote(name)} is outside [0, {Fr.Modulus - 1}].");
                }

                return PodValue.Cryptographic(n);
            }

            case "bytes":
            {
                string text = Expect(v, JsonValueKind.String, name, "a Base64 string").GetString()!;
                return Base64Text.TryDecode(text, out byte[] bytes)
                    ? PodValue.Bytes(bytes)
                    : throw new FormatException($"The bytes value of entry {Quote(name)} must be standard Base64 (padding optional).");
            }

            case "eddsa_pubkey":
            {
                string text = Expect(v, JsonValueKind.String, name, "a public key string").GetString()!;
                return EdDsaPublicKey.TryParse(text, out EdDsaPublicKey key)
                    ? new PodEdDsaPublicKeyValue(key, text)
                    : throw new FormatException($"The eddsa_pubkey value of entry {Quote(name)} must be 32 bytes encoded as hex or Base64, a packed BabyJubJub point.");
            }

            case "date":
            {
                string text = Expect(v, JsonValueKind.String, name, "an ISO 8601 UTC date string").GetString()!;
                if (!text.EndsWith('Z'))
                {
                    throw new FormatException($"The date value of entry {Quote(name)} must be in UTC, ending in Z.");
                }

                return JsDate.TryParseIso(text, out long ms) && ms is >= PodValue.DateMinMilliseconds and <= PodValue.DateMaxMilliseconds
                    ? PodValue.Date(ms)
                    : throw new FormatException($"The date value {Quote(text)} of entry {Quote(name)} is not a valid ISO 8601 date-time within the JavaScript Date range.");
            }

            default:
                throw new FormatException($"The value of entry {Quote(name)} has the unknown type {Quote(typed.Name)}.");
        }
    }

    internal static void WriteEntries(StringBuilder sb, PodEntries entries)
    {
        sb.Append('{');
        for (int i = 0; i < entries.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            WriteString(sb, entries.NameAt(i));
            sb.Append(':');
            WriteValue(sb, entries.ValueAt(i));
        }

        sb.Append('}');
    }

    internal static void WriteValue(StringBuilder sb, PodValue value)
    {
        switch (value)
        {
            case PodStringValue s:
                WriteString(sb, s.Value);
                break;
            case PodIntValue i:
                if (i.Value is >= -MaxSafeInteger and <= MaxSafeInteger)
                {
                    sb.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    sb.Append("{\"int\":");
                    WriteSimplestBigInteger(sb, i.Value);
                    sb.Append('}');
                }

                break;
            case PodCryptographicValue c:
                sb.Append("{\"cryptographic\":");
                WriteSimplestBigInteger(sb, c.Value);
                sb.Append('}');
                break;
            case PodBooleanValue b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case PodBytesValue bytes:
                sb.Append("{\"bytes\":\"").Append(Base64Text.Encode(bytes.Value)).Append("\"}");
                break;
            case PodEdDsaPublicKeyValue key:
                sb.Append("{\"eddsa_pubkey\":");
                WriteString(sb, key.Text);
                sb.Append('}');
                break;
            case PodDateValue date:
                sb.Append("{\"date\":\"").Append(JsDate.ToIsoString(date.Milliseconds)).Append("\"}");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    /// <summary>bigintToSimplestJSON: a number within ±(2^53 - 1), else "0x..." for positive and decimal for negative.</summary>
    internal static void WriteSimplestBigInteger(StringBuilder sb, BigInteger value)
    {
        if (BigInteger.Abs(value) <= MaxSafeInteger)
        {
            sb.Append(value.ToString(CultureInfo.InvariantCulture));
        }
        else if (value.Sign > 0)
        {
            sb.Append('"').Append(FieldText.ToHex(value)).Append('"');
        }
        else
        {
            sb.Append('"').Append(value.ToString(CultureInfo.InvariantCulture)).Append('"');
        }
    }

    /// <summary>A JSON string as JSON.stringify writes it: only quote, backslash and control characters escaped.</summary>
    internal static void WriteString(StringBuilder sb, string text)
    {
        sb.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    private static JsonDocument ParseDocument(string json)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The text is not valid JSON: {e.Message}", e);
        }
        catch (ArgumentException e) when (JsonTextErrors.IsInvalidText(e))
        {
            throw new FormatException("The text is not well-formed UTF-16 (it holds a lone surrogate).", e);
        }
    }

    /// <summary>
    /// JsonElement's string accessors throw InvalidOperationException for escaped lone surrogates
    /// ("\ud800"), which have no UTF-8 form: report them as the format error they are.
    /// </summary>
    internal static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"The JSON holds a string that is not well-formed UTF-16 (a lone surrogate): {e.Message}", e);
        }
    }

    private static PodValue NewString(string text, string name) =>
        PodValueHashing.IsWellFormed(text)
            ? PodValue.String(text)
            : throw new FormatException($"The string value of entry {Quote(name)} has a lone UTF-16 surrogate, which has no UTF-8 form.");

    private static long ReadSafeNumber(JsonElement element, string name)
    {
        string raw = element.GetRawText();
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d) || Math.Floor(d) != d)
        {
            throw new FormatException($"The number {raw} of entry {Quote(name)} is not an integer.");
        }

        if (Math.Abs(d) > MaxSafeInteger)
        {
            throw new FormatException($"The number {raw} of entry {Quote(name)} is too large to be exact in JSON (beyond ±(2^53 - 1)); write it as a string.");
        }

        return (long)d;
    }

    /// <summary>A JSON number (a safe integer) or a string BigInt() reads: decimal with optional minus, or 0x, 0o, 0b digits.</summary>
    private static BigInteger ReadBigInteger(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            return ReadSafeNumber(element, name);
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"The numeric value of entry {Quote(name)} must be a number or a string, not {Describe(element.ValueKind)}.");
        }

        string text = element.GetString()!;
        if (TryParseBigInt(text, out BigInteger value))
        {
            return value;
        }

        throw new FormatException($"The numeric value {Quote(text)} of entry {Quote(name)} is not an integer: expected decimal digits (optionally after -) or 0x, 0o or 0b digits.");
    }

    /// <summary>
    /// BigInt() of a JavaScript string, for the forms Pod accepts: decimal digits with an optional minus, or 0x, 0o,
    /// 0b digits, of any length. Leading zeros are skipped; more than <see cref="MaxSignificantDigits"/> significant
    /// digits is refused unread (the reference reads them, then refuses the value as out of range for every type).
    /// </summary>
    internal static bool TryParseBigInt(string text, out BigInteger value)
    {
        value = default;
        if (text.Length == 0)
        {
            return false;
        }

        bool prefixed = text.Length > 2 && text[0] == '0' && char.ToLowerInvariant(text[1]) is 'x' or 'o' or 'b';
        bool negative = !prefixed && text[0] == '-';
        ReadOnlySpan<char> digits = text.AsSpan(prefixed ? 2 : negative ? 1 : 0);
        int radix = prefixed ? char.ToLowerInvariant(text[1]) switch { 'x' => 16, 'o' => 8, _ => 2 } : 10;
        if (digits.Length == 0)
        {
            return false;
        }

        ReadOnlySpan<char> significant = digits.TrimStart('0');
        if (significant.Length > MaxSignificantDigits)
        {
            return false;
        }

        BigInteger result = BigInteger.Zero;
        foreach (char c in significant)
        {
            int digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }

            result = (result * radix) + digit;
        }

        value = negative ? -result : result;
        return true;
    }

    private delegate bool TryParser<T>(string? text, out T value);

    private static T ReadText<T>(JsonElement element, string field, TryParser<T> parse, string rule)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"The {field} of a JSON POD must be a string of {rule}, not {Describe(element.ValueKind)}.");
        }

        string text = element.GetString()!;
        return parse(text, out T value)
            ? value
            : throw new FormatException($"The {field} {Quote(text)} of a JSON POD is not {rule}.");
    }

    private static JsonElement Expect(JsonElement element, JsonValueKind kind, string name, string what) =>
        element.ValueKind == kind
            ? element
            : throw new FormatException($"The value of entry {Quote(name)} must hold {what}, not {Describe(element.ValueKind)}.");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string Quote(string text) => PodNames.Describe(text);
}
