using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Serialization;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Pods;

[Trait("Category", Vectors.Trait)]
public sealed class PodValueTests
{
    private const string File = "values.json";

    public static TheoryData<int> Values => Vectors.Indices(File, "values");

    public static TheoryData<int> Names => Vectors.Indices(File, "names");

    public static TheoryData<int> InvalidNames => Vectors.Indices(File, "invalidNames");

    public static TheoryData<int> InvalidValues => Vectors.Indices(File, "invalidValues");

    public static TheoryData<int> JsonParseCases => Vectors.Indices(File, "jsonParse");

    public static TheoryData<int> KeyDecodingCases => Vectors.Indices(File, "keyDecoding");

    public static TheoryData<int> SimplestJsonCases => Vectors.Indices(File, "bigintToSimplestJSON");

    public static TheoryData<int> StringQuirks => Vectors.Indices(File, "stringQuirks");

    [Fact]
    public void Constants_MatchReference()
    {
        var c = Vectors.Load(File)["constants"]!;
        Assert.Equal(c.Big("POD_INT_MIN"), new BigInteger(PodValue.IntMin));
        Assert.Equal(c.Big("POD_INT_MAX"), new BigInteger(PodValue.IntMax));
        Assert.Equal(c.Big("POD_CRYPTOGRAPHIC_MAX"), Fr.Modulus - 1);
        Assert.Equal(c.Big("POD_DATE_MIN"), new BigInteger(PodValue.DateMinMilliseconds));
        Assert.Equal(c.Big("POD_DATE_MAX"), new BigInteger(PodValue.DateMaxMilliseconds));
        Assert.Equal(c.Str("POD_NULL_HASH"), PodValue.Null.Hash.ToString());
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void Value_ReferenceCase_HashCircuitValueAndJsonMatch(int index)
    {
        var item = Vectors.Item(File, index, "values");
        PodValue value = TypedValues.From(item);

        Assert.Equal(item.Str("valueHash"), value.Hash.ToString());
        Assert.Equal(item["circuitValue"]?.GetValue<string>(), value.CircuitValue?.ToString());
        Assert.Equal(item["isNumeric"]!.GetValue<bool>(), value.IsNumeric);
        Assert.Equal(item["isArithmetic"]!.GetValue<bool>(), value.IsArithmetic);
        Assert.Equal(item.Str("jsonText"), PodJson.SerializeValue(value));
        Assert.Equal(value, PodJson.ParseValue(item.Str("jsonText")));
        Assert.Equal(value.Hash, PodJson.ParseValue(item.Str("jsonText")).Hash);
        if (item["sha256Hex"] is { } sha)
        {
            byte[] bytes = value is PodStringValue s ? Encoding.UTF8.GetBytes(s.Value) : ((PodBytesValue)value).Value.ToArray();
            Assert.Equal(sha.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        if (item["decodedPoint"] is { } point)
        {
            JsonPoints.AssertEqual(point, ((PodEdDsaPublicKeyValue)value).Value.Point);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void NameHash_ReferenceCase_Matches(int index)
    {
        var item = Vectors.Item(File, index, "names");
        Assert.True(PodNames.IsValid(item.Str("name")));
        Assert.Equal(item.Str("nameHash"), PodNames.Hash(item.Str("name")).ToString());
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void Name_ReferenceInvalidCase_Rejected(int index)
    {
        var item = Vectors.Item(File, index, "invalidNames");
        string name = item.Str("name");
        Assert.False(PodNames.IsValid(name));
        var error = Assert.Throws<ArgumentException>(() => PodNames.Check(name));
        Assert.Contains("name", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PodEntries.Create([new(name, PodValue.Int(1))]));
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void Value_ReferenceInvalidCase_CannotBeBuilt(int index)
    {
        var item = Vectors.Item(File, index, "invalidValues");
        JsonNode? input = item["jsInput"];
        if (item.Str("category") == "jsTypeMismatch")
        {
            // Only a dynamically typed API can receive these: each factory takes one .NET type.
            var factories = typeof(PodValue).GetMethods().Where(m => m.IsStatic && m.ReturnType.IsSubclassOf(typeof(PodValue))).ToArray();
            Assert.NotEmpty(factories);
            Assert.All(factories, m => Assert.All(m.GetParameters(), p => Assert.NotEqual(typeof(object), p.ParameterType)));
            return;
        }

        // The reference refuses the value in checkPODValue, or accepts it and fails when hashing it; Pod refuses it
        // as soon as it is read (docs/compatibility.md 9, 10 where the reference accepts). The value as JSON text:
        string json = JsInputs.ValueJson(input!);
        string name = item.Str("nameForErrorMessages");
        if (DeliberateDifferences.Find(ReferenceCall.PodValueFromJson, json) is { } row)
        {
            row.Instead.Check(() => PodJson.ParseValue(json, name));
        }
        else
        {
            Assert.Throws<FormatException>(() => PodJson.ParseValue(json, name));
        }

        // The typed factories refuse it too, where one takes the value's .NET type.
        switch (input!["type"]?.GetValue<string>(), input["value"])
        {
            case ("cryptographic", JsonNode v) when v["jsType"]?.GetValue<string>() == "bigint":
                Assert.Throws<ArgumentOutOfRangeException>(() => PodValue.Cryptographic(v.Big("value")));
                break;
            case ("eddsa_pubkey", JsonNode v) when v["jsType"]?.GetValue<string>() == "string":
                Assert.ThrowsAny<Exception>(() => PodValue.EdDsaPublicKey(v.Str("value")));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(JsonParseCases))]
    public void ParseValue_ReferenceCase_MatchesPodValueFromJson(int index)
    {
        var item = Vectors.Item(File, index, "jsonParse");
        string json = item.Str("jsonText");
        string name = item.Str("nameForErrorMessages");
        var result = item["result"]!;

        if (DeliberateDifferences.Find(ReferenceCall.PodValueFromJson, json) is { } row)
        {
            row.Instead.Check(() => PodJson.ParseValue(json, name));
            return;
        }

        if (!result["ok"]!.GetValue<bool>())
        {
            var error = Assert.Throws<FormatException>(() => PodJson.ParseValue(json, name));
            if (json.StartsWith('{') && json.Length > 2)
            {
                Assert.Contains(name, error.Message, StringComparison.Ordinal);
            }

            return;
        }

        PodValue value = PodJson.ParseValue(json, name);
        Assert.Equal(TypedValues.From(result["value"]!), value);
        Assert.Equal(result["valueHash"]!.Str("value"), value.Hash.ToString());
        Assert.Equal(result["reserializedJsonText"]!.Str("value"), PodJson.SerializeValue(value));
    }

    [Theory]
    [MemberData(nameof(KeyDecodingCases))]
    public void KeyText_ReferenceCase_DecodesAsReference(int index)
    {
        var item = Vectors.Item(File, index, "keyDecoding");
        string input = item.Str("input");
        var result = item["result"]!;
        bool ok = result["ok"]!.GetValue<bool>();
        switch (item.Str("function"))
        {
            case "decodePrivateKey" or "checkPrivateKeyFormat":
                if (ok)
                {
                    using var key = EdDsaPrivateKey.Parse(input);
                    byte[] bytes = new byte[32];
                    key.Export(bytes);
                    if (result["bytesHex"] is { } hex)
                    {
                        Assert.Equal(hex.GetValue<string>(), Convert.ToHexStringLower(bytes));
                    }
                }
                else
                {
                    Assert.Throws<FormatException>(() => EdDsaPrivateKey.Parse(input));
                }

                break;
            case "decodePublicKey":
                if (DeliberateDifferences.Find(ReferenceCall.DecodePublicKey, input) is { } keyRow)
                {
                    keyRow.Instead.Check(() => EdDsaPublicKey.TryParse(input, out _));
                    break;
                }

                Assert.Equal(ok, EdDsaPublicKey.TryParse(input, out EdDsaPublicKey publicKey));
                if (ok)
                {
                    JsonPoints.AssertEqual(result["point"]!, publicKey.Point);
                }

                break;
            case "decodeSignature":
                if (DeliberateDifferences.Find(ReferenceCall.DecodeSignature, input) is { } signatureRow)
                {
                    signatureRow.Instead.Check(() => EdDsaSignature.TryParse(input, out _));
                    break;
                }

                Assert.Equal(ok, EdDsaSignature.TryParse(input, out EdDsaSignature signature));
                if (ok)
                {
                    JsonPoints.AssertEqual(result["R8"]!, signature.R8);
                    Assert.Equal(result.Big("S"), signature.S);
                }

                break;
            case "checkPublicKeyFormat":
                if (DeliberateDifferences.Find(ReferenceCall.CheckPublicKeyFormat, input) is { } formatRow)
                {
                    formatRow.Instead.Check(() => EdDsaPublicKey.Parse(input));
                }
                else if (ok)
                {
                    EdDsaPublicKey.Parse(input);
                }
                else
                {
                    Assert.Throws<FormatException>(() => EdDsaPublicKey.Parse(input));
                }

                break;
            case "checkSignatureFormat":
                if (DeliberateDifferences.Find(ReferenceCall.CheckSignatureFormat, input) is { } signatureFormatRow)
                {
                    signatureFormatRow.Instead.Check(() => EdDsaSignature.Parse(input));
                }
                else if (ok)
                {
                    EdDsaSignature.Parse(input);
                }
                else
                {
                    Assert.Throws<FormatException>(() => EdDsaSignature.Parse(input));
                }

                break;
            case string function:
                Assert.Fail($"Unknown function {function}.");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(SimplestJsonCases))]
    public void SimplestJson_ReferenceCase_Matches(int index)
    {
        var item = Vectors.Item(File, index, "bigintToSimplestJSON");
        var sb = new StringBuilder();
        PodJson.WriteSimplestBigInteger(sb, item.Big("value"));
        Assert.Equal(item.Str("jsonText"), sb.ToString());
    }

    [Theory]
    [MemberData(nameof(StringQuirks))]
    public void LoneSurrogate_ReferenceQuirk_Refused(int index)
    {
        var item = Vectors.Item(File, index, "stringQuirks");
        string text = new(item.Str("utf16").Split(' ').Select(u => (char)Convert.ToUInt16(u, 16)).ToArray());

        // Node hashes a lone surrogate as U+FFFD and browsers hash it another way: the same POD would
        // get two content IDs, and "\ud800" would collide with "\ufffd". Pod refuses such strings.
        Assert.NotEqual(item.Str("valueHash"), item["browserBuild"]!.Str("valueHash"));
        Assert.Throws<ArgumentException>(() => PodValue.String(text));
        DeliberateDifference row = Assert.IsType<DeliberateDifference>(DeliberateDifferences.Find(ReferenceCall.PodValueFromJson, item.Str("jsonText")));
        row.Instead.Check(() => PodJson.ParseValue(item.Str("jsonText"), "s"));
        Assert.False(item["validAsName"]!.GetValue<bool>());
        Assert.False(PodNames.IsValid(text));
    }

    [Theory]
    [InlineData("2024Z", 1704067200000)]
    [InlineData("2024-01Z", 1704067200000)]
    [InlineData("2024T10:00Z", 1704103200000)]
    [InlineData("2024-01T10:00Z", 1704103200000)]
    [InlineData("2024-01-01T24:00Z", 1704153600000)]
    [InlineData("2024-01-01T24:00:00Z", 1704153600000)]
    [InlineData("2024-01-01T24:00:00.000000000000Z", 1704153600000)]
    [InlineData("2023-12-31T24:00:00Z", 1704067200000)]
    [InlineData("2024-01-01T00:00:00.1234567891Z", 1704067200123)]
    [InlineData("2024-01-01T23:59:59.9999999999Z", 1704153599999)]
    [InlineData("+275760-09-12T24:00:00Z", 8640000000000000)]
    [InlineData("-271821-04-19T24:00:00Z", -8640000000000000)]
    [InlineData("+000000-01-01T00:00:00Z", -62167219200000)]
    public void ParseValue_EcmaScriptDateForms_ReadAsV8Does(string text, long milliseconds)
    {
        // Date.parse(text) under Node 20 (V8) gives these milliseconds.
        Assert.True(ReferenceForms.IsEcmaScriptDateTime(text));
        Assert.Equal(PodValue.Date(milliseconds), PodJson.ParseValue($"{{\"date\":\"{text}\"}}", "d"));
    }

    [Theory]
    [InlineData("2024-01-01T24:00:00.001Z")] // V8: NaN
    [InlineData("2024-01-01T24:01:00Z")] // V8: NaN
    [InlineData("2024-01-01T00Z")] // V8: NaN
    [InlineData("20240101Z")] // V8: NaN
    [InlineData("2024-01-01T00:00:00.Z")] // V8: NaN
    [InlineData("-000000-01-01T00:00:00Z")] // V8: NaN
    [InlineData("+275760-09-13T00:00:00.001Z")] // beyond the Date range: V8 NaN
    public void ParseValue_NoDateForV8_Refused(string text)
    {
        Assert.Throws<FormatException>(() => PodJson.ParseValue($"{{\"date\":\"{text}\"}}", "d"));
    }

    [Theory]
    [InlineData("int", 300, "", "5", 5)]
    [InlineData("int", 300, "-", "7", -7)]
    [InlineData("int", 300, "0b", "1", 1)]
    [InlineData("int", 300, "0x", "f", 15)]
    [InlineData("cryptographic", 1000, "0o", "17", 15)]
    public void ParseValue_NumericStringsWithManyLeadingZeros_ReadAsBigIntDoes(string type, int zeros, string prefix, string digits, long expected)
    {
        // BigInt(prefix + "0".repeat(zeros) + digits) under Node 20 gives the same value.
        string json = $"{{\"{type}\":\"{prefix}{new string('0', zeros)}{digits}\"}}";
        PodValue value = PodJson.ParseValue(json, "n");
        Assert.Equal(type == "int" ? PodValue.Int(expected) : PodValue.Cryptographic(expected), value);
    }

    [Fact]
    public void ParseValue_MoreSignificantDigitsThanAnyPodNumber_Refused()
    {
        // BigInt reads them; every type then refuses the value as out of range. Pod refuses without reading.
        Assert.Throws<FormatException>(() => PodJson.ParseValue($"{{\"cryptographic\":\"0b1{new string('0', 256)}\"}}", "n"));
        Assert.Throws<FormatException>(() => PodJson.ParseValue($"{{\"int\":\"1{new string('0', 300)}\"}}", "n"));
    }

    [Fact]
    public void Date_OutOfJavaScriptRange_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PodValue.Date(PodValue.DateMaxMilliseconds + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PodValue.Date(PodValue.DateMinMilliseconds - 1));
        Assert.Equal("{\"date\":\"-271821-04-20T00:00:00.000Z\"}", PodJson.SerializeValue(PodValue.Date(PodValue.DateMinMilliseconds)));
        Assert.Equal(PodValue.Date(PodValue.DateMinMilliseconds), PodJson.ParseValue("{\"date\":\"-271821-04-20T00:00:00.000Z\"}"));
    }
}
