using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Xunit;

namespace Pod.Tests.Issuers;

public sealed class ProviderSpecTests
{
    [Theory]
    [InlineData("$.daily.rain_sum[0]", "9.90")]
    [InlineData("daily.rain_sum.[0]", "9.90")]
    [InlineData("$['daily_units']['rain_sum']", "\"mm\"")]
    [InlineData("$.daily.time[0]", "\"2024-02-28\"")]
    public void JsonPath_ZkPortalWeatherResponse_NamesTheNode(string path, string expected)
    {
        JsonNode response = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TlsSamples", "sgx", "zkportal_example_weather_api_response.json")))!;
        Assert.True(JsonPath.Parse(path).TryEvaluate(response, out JsonNode node));
        Assert.Equal(expected, node.ToJsonString());
        Assert.False(JsonPath.Parse(path.Replace("[0]", "[1]", StringComparison.Ordinal) + ".x").TryEvaluate(response, out _));
    }

    [Fact]
    public void Extract_ZkPortalWeatherAttestedBody_RainSumAsFixedPoint()
    {
        const string spec = """
            { "id": "weather.open-meteo.v1", "evidence": ["sgx-dcap-v3"],
              "request": { "method": "GET", "url": "^https://archive-api\\.open-meteo\\.com/v1/archive\\?.*$", "status": [200] },
              "claims": [ { "entry": "rain_sum_centimm", "path": "daily.rain_sum.[0]", "type": "fixed", "scale": 2, "required": true },
                          { "entry": "day", "path": "$.daily.time[0]", "type": "date", "required": true } ],
              "uid": { "inputs": ["$.timezone"] } }
            """;
        JsonNode attestation = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TlsSamples", "sgx", "zkportal_example_weather_attestation.json")))!;
        JsonNode body = JsonNode.Parse(attestation[0]!["responseBody"]!.GetValue<string>())!;

        ExtractedClaims claims = ClaimExtractor.Extract(ProviderSpec.Parse(spec), body, DateTimeOffset.UnixEpoch);

        Assert.Equal("9.90", attestation[0]!["attestationData"]!.GetValue<string>());
        Assert.Equal(Pod.PodValue.Int(990), claims.Entries.Single(e => e.Key == "rain_sum_centimm").Value);
        Assert.Equal(Pod.PodValue.Date(new DateTimeOffset(2024, 2, 28, 0, 0, 0, TimeSpan.Zero)), claims.Entries.Single(e => e.Key == "day").Value);
        Assert.Equal(["GMT"], claims.UidInputs);
    }

    [Theory]
    [InlineData("$.a[*]")]
    [InlineData("$..a")]
    [InlineData("$.a[?(@.b)]")]
    [InlineData("$.a[-1]")]
    [InlineData("$.a[01]")]
    [InlineData("$")]
    [InlineData("")]
    [InlineData("$.a b")]
    public void JsonPath_OutsideTheRestrictedLanguage_FormatException(string path) =>
        Assert.Throws<FormatException>(() => JsonPath.Parse(path));

    [Fact]
    public void Hash_IsOfCanonicalForm_IndependentOfMemberOrderAndWhitespace()
    {
        JsonObject spec = JsonNode.Parse(IssuerHarness.SpecJson)!.AsObject();
        var reordered = new JsonObject(spec.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        ProviderSpec a = ProviderSpec.Parse(IssuerHarness.SpecJson);
        ProviderSpec b = ProviderSpec.Parse(reordered.ToJsonString());
        Assert.True(a.Hash.SequenceEqual(b.Hash));
        Assert.True(a.Hash.SequenceEqual(SHA256.HashData(CanonicalJson.Serialize(spec))));

        spec["validity_days"] = 30;
        Assert.False(a.Hash.SequenceEqual(ProviderSpec.Parse(spec.ToJsonString()).Hash));
    }

    [Theory]
    [InlineData("claims", """[{"entry":"owner","path":"$.a","type":"string"}]""")]
    [InlineData("claims", """[{"entry":"1bad","path":"$.a","type":"string"}]""")]
    [InlineData("claims", """[{"entry":"a","path":"$.a","type":"float"}]""")]
    [InlineData("claims", """[{"entry":"a","path":"$.a[*]","type":"string"}]""")]
    [InlineData("claims", """[{"entry":"a","path":"$.a","type":"int","allowed":["1"]}]""")]
    [InlineData("request", """{"method":"GET","url":"https://unanchored","status":[200]}""")]
    [InlineData("request", """{"method":"DELETE","url":"^https://a$","status":[200]}""")]
    [InlineData("uid", """{"inputs":[]}""")]
    [InlineData("uid", """{"source":"enclave","inputs":["$.a"]}""")]
    [InlineData("uid", """{"source":"tee"}""")]
    [InlineData("uid", """{"inputs":["$.a"],"normalize":["rot13"]}""")]
    [InlineData("evidence", """["tlsn"]""")]
    [InlineData("derived", """[{"entry":"x","op":"ageAtLeast","from":"nationality","years":18}]""")]
    [InlineData("script", "\"alert(1)\"")]
    public void Parse_InvalidMember_FormatException(string member, string json)
    {
        JsonObject spec = JsonNode.Parse(IssuerHarness.SpecJson)!.AsObject();
        spec[member] = JsonNode.Parse(json);
        Assert.Throws<FormatException>(() => ProviderSpec.Parse(spec.ToJsonString()));
    }

    [Fact]
    public void Parse_DuplicateMember_FormatException() =>
        Assert.Throws<FormatException>(() => ProviderSpec.Parse(IssuerHarness.SpecJson.TrimEnd()[..^1] + ", \"id\": \"kyc.other.v1\" }"));

    [Fact]
    public void Coerce_Fixed_ZkPortalRainSum()
    {
        Assert.True(Coerce.TryFixed(JsonNode.Parse("9.90")!, 2, out long v));
        Assert.Equal(990, v);
        Assert.False(Coerce.TryFixed(JsonNode.Parse("9.905")!, 2, out _));
        Assert.False(Coerce.TryFixed(JsonNode.Parse("\"9.90\"")!, 2, out _));
        Assert.False(Coerce.TryInt64(JsonNode.Parse("1.0")!, out _));
        Assert.False(Coerce.TryInt64(JsonNode.Parse("9223372036854775808")!, out _));
        Assert.True(Coerce.TryDateMilliseconds(JsonNode.Parse("\"2000-02-29\"")!, ClaimDateFormat.IsoDate, out long ms));
        Assert.Equal(951782400000, ms);
        Assert.False(Coerce.TryDateMilliseconds(JsonNode.Parse("\"2001-02-29\"")!, ClaimDateFormat.IsoDate, out _));
    }

    [Fact]
    public void Uid_KnownAnswer_HmacSha256TruncatedTo248Bits()
    {
        byte[] key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        using var uid = new UidDeriver(key, "k1");
        byte[] message = [.. "pod-tls-issuer/uid/v1"u8, 0, .. "kyc.demo"u8, 0, .. "DE"u8, 0x1F, .. "X123456"u8];

        byte[] derived = uid.Derive("kyc.demo", ["DE", "X123456"]);

        Assert.Equal(HMACSHA256.HashData(key, message)[..31], derived);
        Assert.Equal("hmac-sha256-248/v1/k1", uid.Scheme);
        Assert.DoesNotContain("00010203", uid.ToString(), StringComparison.Ordinal);
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => new UidDeriver(new byte[31], "k1")).ParamName);
        Assert.NotEqual(derived, uid.Derive("kyc.other", ["DE", "X123456"]));
    }
}
