using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Pod.Cryptography.Curves;
using Pod.Cryptography.Fields;
using Pod.Gpc;
using Xunit;

namespace Pod.Tests.Support;

/// <summary>The reference function a vector case records the answer of, and so the input a row's predicate is given.</summary>
internal enum ReferenceCall
{
    /// <summary>podValueFromJSON(JSON.parse(text)); input: the JSON text of one value.</summary>
    PodValueFromJson,

    /// <summary>POD.fromJSON(JSON.parse(text)), then verifySignature(); input: the POD's JSON text.</summary>
    PodFromJson,

    /// <summary>POD.fromJSON(JSON.parse(text)).toJSON(); input: the POD's JSON text.</summary>
    PodFromJsonToJson,

    /// <summary>POD.sign(entries, key).toJSON(); input: the entry names.</summary>
    PodToJson,

    /// <summary>POD.sign(entries, key); input: the entries as the vectors give them ({name, type, value}).</summary>
    PodSign,

    /// <summary>decodePublicKey(text); input: the text.</summary>
    DecodePublicKey,

    /// <summary>decodeSignature(text); input: the text.</summary>
    DecodeSignature,

    /// <summary>checkPublicKeyFormat(text); input: the text.</summary>
    CheckPublicKeyFormat,

    /// <summary>checkSignatureFormat(text); input: the text.</summary>
    CheckSignatureFormat,

    /// <summary>unpackPoint(bytes); input: the 32 packed bytes.</summary>
    UnpackPoint,

    /// <summary>verifySignature(message, signature, key); input: the key as a curve point.</summary>
    VerifySignature,

    /// <summary>Semaphore V4 new Identity(key); input: the key's bytes.</summary>
    NewIdentityV4,

    /// <summary>Semaphore V4 Identity.import(text); input: the text.</summary>
    ImportIdentityV4,

    /// <summary>Semaphore V4 identity.signMessage(m); input: m as the reference reads it (BigInteger).</summary>
    SignMessageV4,

    /// <summary>Semaphore V4 Identity.verifySignature(text, signature, key) for a message string; input: the text.</summary>
    VerifySignatureTextV4,

    /// <summary>Semaphore V3 new Identity(message) for a message that is no JSON array; input: the message.</summary>
    NewIdentityV3,

    /// <summary>Semaphore V3 new Identity(json) for a JSON array; input: the text.</summary>
    ImportIdentityV3,

    /// <summary>Semaphore V3 identity.toString(); input: ignored.</summary>
    ToStringV3,

    /// <summary>GPC's nullifier hash poseidon2([signal, secret]); input: the external nullifier's signal (BigInteger, unreduced).</summary>
    NullifierHash,

    /// <summary>gpcBindConfig(config), or proofConfigFromJSON, which checks the config the same way; input: the config's JSON text.</summary>
    GpcBindConfig,

    /// <summary>gpcPreProve's comparison of a SemaphoreV4 owner entry with the identity; input: the entry's eddsa_pubkey text.</summary>
    GpcOwnerV4Entry,

    /// <summary>proofConfigFromJSON, boundConfigFromJSON, revealedClaimsFromJSON, podMembershipListsFromJSON; input: the JSON text.</summary>
    GpcFromJson,

    /// <summary>gpcVerify(proof, boundConfig, revealedClaims); input: the revealed claims as JSON.</summary>
    GpcVerify,

    /// <summary>snarkjs's witness calculation from an <c>input.json</c> text.</summary>
    CalculateWitness,
}

/// <summary>What Pod does instead of the reference, for the inputs a row recognises.</summary>
internal abstract record PodBehaviour
{
    /// <summary>Checks Pod's call against this behaviour.</summary>
    public abstract void Check(Func<object?> podCall);
}

/// <summary>Pod refuses the input with this exception type (exactly).</summary>
internal sealed record Refuses(Type Exception) : PodBehaviour
{
    public override void Check(Func<object?> podCall) => Assert.Throws(Exception, () => podCall());
}

/// <summary>Pod answers this result.</summary>
internal sealed record Answers(object Result) : PodBehaviour
{
    public override void Check(Func<object?> podCall) => Assert.Equal(Result, podCall());
}

/// <summary>One deliberate difference: its section in docs/compatibility.md, the class of input, and Pod's behaviour.</summary>
internal sealed record DeliberateDifference(int Section, ReferenceCall Call, string InputClass, Func<object, bool> Matches, PodBehaviour Instead)
{
    public override string ToString() => $"docs/compatibility.md #{Section} ({Call}: {InputClass})";
}

/// <summary>
/// Where Pod deliberately answers differently from the reference, as rules over classes of input: one table, kept
/// in step with the numbered rows of docs/compatibility.md (<c>DeliberateDifferencesTests</c>). A vector case a row
/// matches asserts Pod's documented behaviour; every other case asserts the reference's answer exactly.
/// </summary>
internal static class DeliberateDifferences
{
    private static readonly BigInteger R = Fr.Modulus;

    public static IReadOnlyList<DeliberateDifference> All { get; } =
    [
        new(1, ReferenceCall.VerifySignature, "a small-order public key (8 * A is the identity)",
            i => ReferenceForms.IsSmallOrder((BabyJubJubPoint)i), new Answers(false)),
        new(2, ReferenceCall.VerifySignature, "a public key with a small-order component (outside the prime-order subgroup)",
            i => !ReferenceForms.IsSmallOrder((BabyJubJubPoint)i) && ReferenceForms.IsWeakKey((BabyJubJubPoint)i), new Answers(false)),
        new(3, ReferenceCall.UnpackPoint, "a non-canonical point encoding (y = r, or a sign bit on x = 0)",
            i => ReferenceForms.IsNonCanonicalPoint((byte[])i), new Answers(false)),
        new(3, ReferenceCall.DecodePublicKey, "key text whose bytes are a non-canonical point encoding",
            i => KeyBytes((string)i, 32) is { } b && ReferenceForms.IsNonCanonicalPoint(b), new Answers(false)),
        new(3, ReferenceCall.DecodeSignature, "signature text whose R8 is a non-canonical point encoding",
            i => KeyBytes((string)i, 64) is { } b && ReferenceForms.IsNonCanonicalPoint(b.AsSpan(0, 32)), new Answers(false)),
        new(3, ReferenceCall.PodValueFromJson, "an eddsa_pubkey value whose bytes are a non-canonical point encoding",
            i => EdDsaKeyValue((string)i) is { } b && ReferenceForms.IsNonCanonicalPoint(b), new Refuses(typeof(FormatException))),
        new(3, ReferenceCall.PodFromJson, "a signer key, signature R8 or eddsa_pubkey entry in a non-canonical point encoding",
            i => PodPoints((string)i).Any(p => ReferenceForms.IsNonCanonicalPoint(p)), new Refuses(typeof(FormatException))),
        new(4, ReferenceCall.CheckPublicKeyFormat, "key text of the right format that is no curve point",
            i => KeyBytes((string)i, 32) is { } b && ReferenceForms.IsNoCurvePoint(b), new Refuses(typeof(CryptographicException))),
        new(4, ReferenceCall.PodFromJson, "a signer key of the right format that is no curve point",
            i => PodSignerKey((string)i) is { } b && ReferenceForms.IsNoCurvePoint(b), new Refuses(typeof(FormatException))),
        new(5, ReferenceCall.PodFromJson, "a signature whose packed R8 is no curve point",
            i => PodSignature((string)i) is { } b && ReferenceForms.IsNoCurvePoint(b.AsSpan(0, 32)), new Refuses(typeof(FormatException))),
        new(5, ReferenceCall.CheckSignatureFormat, "signature text of the right format whose R8 is no curve point",
            i => KeyBytes((string)i, 64) is { } b && ReferenceForms.IsNoCurvePoint(b.AsSpan(0, 32)), new Refuses(typeof(CryptographicException))),
        new(6, ReferenceCall.PodToJson, "entries with one named __proto__",
            i => ((IEnumerable<string>)i).Contains("__proto__", StringComparer.Ordinal), new Answers("written")),
        new(7, ReferenceCall.PodValueFromJson, "a string with a lone UTF-16 surrogate",
            i => ReferenceForms.HasLoneSurrogate((string)i), new Refuses(typeof(FormatException))),
        new(7, ReferenceCall.PodSign, "a string entry with a lone UTF-16 surrogate",
            i => ((JsonNode)i).AsArray().Any(e => e?["value"] is JsonValue v && v.TryGetValue(out string? text) && ReferenceForms.HasLoneSurrogate(text)),
            new Refuses(typeof(ArgumentException))),
        new(7, ReferenceCall.PodFromJson, "a string with a lone UTF-16 surrogate",
            i => ReferenceForms.HasLoneSurrogate((string)i), new Refuses(typeof(FormatException))),
        new(8, ReferenceCall.PodValueFromJson, "an int or cryptographic string BigInt() reads only by trimming white space, as empty or with a plus sign",
            i => IsBigIntLeniency(ReferenceForms.TryParse((string)i)), new Refuses(typeof(FormatException))),
        new(8, ReferenceCall.PodFromJson, "an entry whose int or cryptographic string BigInt() reads only by trimming, as empty or with a plus sign",
            i => PodValues((string)i).Any(IsBigIntLeniency), new Refuses(typeof(FormatException))),
        new(9, ReferenceCall.PodValueFromJson, "a date string ending in Z outside ECMAScript's date-time format or the Date range",
            i => IsNonStandardDate(ReferenceForms.TryParse((string)i)), new Refuses(typeof(FormatException))),
        new(9, ReferenceCall.PodFromJson, "an entry whose date string ends in Z outside ECMAScript's date-time format or the Date range",
            i => PodValues((string)i).Any(IsNonStandardDate), new Refuses(typeof(FormatException))),
        new(10, ReferenceCall.PodValueFromJson, "an eddsa_pubkey value of the right format that is no curve point",
            i => EdDsaKeyValue((string)i) is { } b && ReferenceForms.IsNoCurvePoint(b), new Refuses(typeof(FormatException))),
        new(10, ReferenceCall.PodFromJson, "an eddsa_pubkey entry of the right format that is no curve point",
            i => PodValues((string)i).Any(v => EdDsaKeyValue(v) is { } b && ReferenceForms.IsNoCurvePoint(b)), new Refuses(typeof(FormatException))),
        new(11, ReferenceCall.PodFromJson, "a POD with no entries",
            i => ReferenceForms.PodEntries((string)i) is { Count: 0 }, new Refuses(typeof(FormatException))),
        new(12, ReferenceCall.PodValueFromJson, "JSON with an object that repeats a member",
            i => ReferenceForms.HasRepeatedMember((string)i), new Refuses(typeof(FormatException))),
        new(12, ReferenceCall.PodFromJson, "JSON with an object that repeats a member",
            i => ReferenceForms.HasRepeatedMember((string)i), new Refuses(typeof(FormatException))),
        new(13, ReferenceCall.PodFromJsonToJson, "a POD whose signature or signer key is given as hex or padded Base64",
            i => ReferenceForms.TryParse((string)i) is JsonObject pod && (!IsUnpaddedBase64(pod["signature"]) || !IsUnpaddedBase64(pod["signerPublicKey"])),
            new Answers("canonical")),
        new(14, ReferenceCall.NewIdentityV4, "the empty key",
            i => ((byte[])i).Length == 0, new Refuses(typeof(ArgumentException))),
        new(14, ReferenceCall.ImportIdentityV4, "text of no bytes (the empty key)",
            i => ((string)i).TrimEnd('=').Length == 0, new Refuses(typeof(FormatException))),
        new(15, ReferenceCall.ImportIdentityV4, "text that is not standard Base64 (padding optional)",
            i => !IsStandardBase64((string)i), new Refuses(typeof(FormatException))),
        new(16, ReferenceCall.SignMessageV4, "a message outside [0, r)",
            i => (BigInteger)i < 0 || (BigInteger)i >= R, new Refuses(typeof(ArgumentOutOfRangeException))),
        new(16, ReferenceCall.VerifySignatureTextV4, "message text BigInt() reads as a number of 2^256 or more in magnitude",
            i => IsBeyond256Bits(ReferenceForms.JsBigInt((string)i)), new Answers(false)),
        new(17, ReferenceCall.NewIdentityV3, "a message with a lone UTF-16 surrogate",
            i => ReferenceForms.HasLoneSurrogate((string)i), new Refuses(typeof(ArgumentException))),
        new(18, ReferenceCall.ImportIdentityV3, "a JSON array that is not two elements, each 0x-hex or decimal digits or a safe JSON integer, in [0, r)",
            i => !IsPlainSerializedV3((string)i), new Refuses(typeof(FormatException))),
        new(19, ReferenceCall.ToStringV3, "any identity", _ => true, new Answers("commitment")),
        new(20, ReferenceCall.NullifierHash, "an external nullifier whose signal is r - 1",
            i => BigInteger.Remainder((BigInteger)i, R) is var m && (m.Sign < 0 ? m + R : m) == R - 1, new Refuses(typeof(ArgumentException))),
        new(21, ReferenceCall.GpcVerify, "claims with a negative watermark or external nullifier signal other than -1",
            i => ClaimSignals((JsonNode)i).Any(s => s < -1), new Answers(true)),
        new(22, ReferenceCall.GpcVerify, "claims whose watermark or external nullifier signal is r - 1",
            i => ClaimSignals((JsonNode)i).Any(s => s == -1 || s == R - 1), new Answers(false)),
        new(23, ReferenceCall.CalculateWitness, "circuit inputs holding a JSON number beyond 2^53 in magnitude, or a string BigInt() reads as 2^256 or more in magnitude",
            i => HasUnsafeNumberOrHugeString(ReferenceForms.TryParse((string)i)), new Refuses(typeof(ArgumentException))),
        new(24, ReferenceCall.GpcBindConfig, "a config whose equalsEntry or notEqualsEntry names an entry the config does not prove",
            i => ComparesUnprovenEntry(ParseOnce((string)i)), new Refuses(typeof(GpcConfigException))),
        new(25, ReferenceCall.GpcOwnerV4Entry, "owner key text other than unpadded Base64 (hex, padded Base64)",
            i => !IsUnpaddedBase64(JsonValue.Create((string)i)), new Answers(true)),
        new(26, ReferenceCall.GpcBindConfig, "a config with a tuple whose name is not a POD name",
            i => ParseOnce((string)i)?["tuples"] is JsonObject tuples && tuples.Any(t => !IsPodName(t.Key)), new Refuses(typeof(GpcConfigException))),
        new(27, ReferenceCall.GpcFromJson, "JSON with an object that repeats a member",
            i => ReferenceForms.HasRepeatedMember((string)i), new Refuses(typeof(FormatException))),
        new(27, ReferenceCall.GpcFromJson, "an int or cryptographic string BigInt() reads only by trimming, as empty or with a plus sign",
            i => JsonObjects(ParseOnce((string)i)).Any(IsBigIntLeniency), new Refuses(typeof(FormatException))),
        new(27, ReferenceCall.GpcFromJson, "revealed claims with a content ID outside [0, r) or a signer key of the right format that is no curve point",
            i => ParseOnce((string)i)?["pods"] is JsonObject pods && pods.Any(p => IsOutsideField(p.Value?["contentID"])
                || p.Value?["signerPublicKey"] is JsonValue k && k.TryGetValue(out string? key) && KeyBytes(key, 32) is { } b && ReferenceForms.IsNoCurvePoint(b)),
            new Refuses(typeof(FormatException))),
    ];

    /// <summary>The row that decides <paramref name="input"/> of <paramref name="call"/>, or null: then the reference's answer holds.</summary>
    public static DeliberateDifference? Find(ReferenceCall call, object input)
    {
        var rows = All.Where(r => r.Call == call && r.Matches(input)).ToList();

        // Two rows can hold for one input only if they agree on Pod's behaviour.
        Assert.True(rows.Select(r => r.Instead).Distinct().Count() <= 1, $"Rows disagree on {input}: {string.Join(", ", rows)}");
        return rows.FirstOrDefault();
    }

    private static byte[]? KeyBytes(string text, int size) => ReferenceForms.DecodeKeyText(text, size);

    private static byte[]? EdDsaKeyValue(string valueJson) => EdDsaKeyValue(ReferenceForms.TryParse(valueJson));

    private static byte[]? EdDsaKeyValue(JsonNode? value) =>
        value is JsonObject { Count: 1 } o && o["eddsa_pubkey"] is JsonValue v && v.TryGetValue(out string? text) ? KeyBytes(text, 32) : null;

    private static IEnumerable<JsonNode?> PodValues(string podJson) =>
        ReferenceForms.PodEntries(podJson) is { } entries ? entries.Select(e => e.Value) : [];

    private static byte[]? PodSignerKey(string podJson) =>
        ReferenceForms.TryParse(podJson) is JsonObject pod && pod["signerPublicKey"] is JsonValue v && v.TryGetValue(out string? text) ? KeyBytes(text, 32) : null;

    private static byte[]? PodSignature(string podJson) =>
        ReferenceForms.TryParse(podJson) is JsonObject pod && pod["signature"] is JsonValue v && v.TryGetValue(out string? text) ? KeyBytes(text, 64) : null;

    private static IEnumerable<byte[]> PodPoints(string podJson)
    {
        if (PodSignerKey(podJson) is { } key)
        {
            yield return key;
        }

        if (PodSignature(podJson) is { } signature)
        {
            yield return signature[..32];
        }

        foreach (JsonNode? value in PodValues(podJson))
        {
            if (EdDsaKeyValue(value) is { } entryKey)
            {
                yield return entryKey;
            }
        }
    }

    private static bool IsBigIntLeniency(JsonNode? value) =>
        value is JsonObject { Count: 1 } o && (o["int"] ?? o["cryptographic"]) is JsonValue v && v.TryGetValue(out string? text) && ReferenceForms.IsBigIntLeniency(text);

    private static bool IsNonStandardDate(JsonNode? value) =>
        value is JsonObject { Count: 1 } o && o["date"] is JsonValue v && v.TryGetValue(out string? text) && text.EndsWith('Z')
        && !(ReferenceForms.IsEcmaScriptDateTime(text) && ReferenceForms.IsWithinDateRange(text));

    /// <summary>
    /// Whether an entry or virtual entry compares with an entry the config does not prove: one of a POD it does not
    /// name, or an entry (not a virtual one) missing from that POD's entries.
    /// </summary>
    private static bool ComparesUnprovenEntry(JsonNode? config) =>
        config?["pods"] is JsonObject pods && pods.Select(p => p.Value).OfType<JsonObject>().Any(pod =>
            (pod["entries"] as JsonObject ?? []).Select(e => e.Value).Append(pod["contentID"]).Append(pod["signerPublicKey"]).OfType<JsonObject>()
                .Select(e => e["equalsEntry"] ?? e["notEqualsEntry"]).OfType<JsonValue>().Any(other =>
                    other.TryGetValue(out string? id) && id.IndexOf('.', StringComparison.Ordinal) is var dot && dot > 0
                    && !(pods[id[..dot]] is JsonObject otherPod && (id[(dot + 1)..].StartsWith('$') || otherPod["entries"]?[id[(dot + 1)..]] is not null))));

    /// <summary>The JSON text as a node when no object in it repeats a member (row 27 decides those), else null.</summary>
    private static JsonNode? ParseOnce(string json) => ReferenceForms.HasRepeatedMember(json) ? null : ReferenceForms.TryParse(json);

    private static bool IsPodName(string name) => name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static IEnumerable<JsonObject> JsonObjects(JsonNode? node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).SelectMany(JsonObjects).Prepend(o),
        JsonArray a => a.SelectMany(JsonObjects),
        _ => [],
    };

    private static bool IsOutsideField(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue(out string? text) && ReadJsonBigInt(v) is { } n && (n.Sign < 0 || n >= R) && text.Length > 0;

    private static bool IsUnpaddedBase64(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out string? text) && !text.EndsWith('=') && !(text.Length is 64 or 128 && text.All(char.IsAsciiHexDigit));

    private static bool IsStandardBase64(string text)
    {
        string body = text.TrimEnd('=');
        int padding = text.Length - body.Length;
        return body.Length % 4 != 1 && padding <= 2 && (padding == 0 || text.Length % 4 == 0)
            && body.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/');
    }

    private static bool IsPlainSerializedV3(string text) =>
        ReferenceForms.TryParse(text) is JsonArray { Count: 2 } array && array.All(e => e switch
        {
            JsonValue v when v.TryGetValue(out string? s) => s.StartsWith("0x", StringComparison.Ordinal) && s.Length > 2 && s[2..].All(char.IsAsciiHexDigit)
                ? BigInteger.Parse("0" + s[2..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture) < R
                : s.Length > 0 && s.All(char.IsAsciiDigit) && BigInteger.Parse(s, System.Globalization.CultureInfo.InvariantCulture) < R,
            JsonValue v when v.TryGetValue(out double d) => double.IsInteger(d) && d >= 0 && d < 9007199254740991,
            _ => false,
        });

    /// <summary>The circuit signals of the claims' watermark and external nullifier where they are numbers (int, date ms, cryptographic).</summary>
    /// <summary>A JSON number JSON.parse cannot hold exactly as an integer (beyond 2^53), anywhere in the value.</summary>
    private static bool HasUnsafeNumberOrHugeString(JsonNode? node) => node switch
    {
        JsonObject o => o.Any(p => HasUnsafeNumberOrHugeString(p.Value)),
        JsonArray a => a.Any(HasUnsafeNumberOrHugeString),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            !BigInteger.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out BigInteger n)
            || BigInteger.Abs(n) > (BigInteger.One << 53),
        JsonValue v when v.TryGetValue(out string? text) => IsBeyond256Bits(ReferenceForms.JsBigInt(text)),
        _ => false,
    };

    private static bool IsBeyond256Bits(BigInteger? value) => value is { } n && BigInteger.Abs(n) >= BigInteger.One << 256;

    private static IEnumerable<BigInteger> ClaimSignals(JsonNode claims)
    {
        foreach (JsonNode? value in new[] { claims["watermark"], claims["owner"]?["externalNullifier"] })
        {
            if (NumericSignal(value) is { } signal)
            {
                yield return signal;
            }
        }
    }

    private static BigInteger? NumericSignal(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => ReadJsonBigInt(v), // a bare JSON number is an int
        JsonObject { Count: 1 } o when o["int"] is JsonValue v => ReadJsonBigInt(v),
        JsonObject { Count: 1 } o when o["cryptographic"] is JsonValue v => ReadJsonBigInt(v),
        JsonObject { Count: 1 } o when o["date"] is JsonValue v && v.TryGetValue(out string? iso) => ReferenceForms.DateMilliseconds(iso),
        _ => null,
    };

    private static BigInteger? ReadJsonBigInt(JsonValue v) =>
        v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? (BigInteger.TryParse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out BigInteger number) ? number : null)
        : v.TryGetValue(out string? s) && s.StartsWith("0x", StringComparison.Ordinal)
            ? BigInteger.Parse("0" + s[2..], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture)
        : v.TryGetValue(out string? d) && BigInteger.TryParse(d, System.Globalization.CultureInfo.InvariantCulture, out BigInteger b) ? b : null;
}
