using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Identity.Registry;
using Pod.Serialization;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Serialization;

/// <summary>
/// System.Text.Json with default options: public value types serialise as their text forms, not as their
/// public properties, and read back; bad input is a <see cref="JsonException"/>.
/// </summary>
public sealed class JsonConverterTests
{
    private const string ProofsFile = "gpc-proofs.json";

    public static TheoryData<int> Proofs => Vectors.Indices(ProofsFile, "proofs");

    [Property]
    public Property Fr_SerializesAsDecimalString_AndRoundTrips() =>
        Prop.ForAll(Generators.Field.ToArbitrary(), value =>
            JsonSerializer.Serialize(value) == $"\"{value}\"" && JsonSerializer.Deserialize<Fr>(JsonSerializer.Serialize(value)) == value);

    [Property]
    public Property FrKeyedDictionary_RoundTrips() =>
        Prop.ForAll(Gen.ArrayOf(Generators.Field, 5).ToArbitrary(), values =>
        {
            Dictionary<Fr, long> counts = values.Distinct().Select((v, i) => (v, i)).ToDictionary(p => p.v, p => (long)p.i);
            string json = JsonSerializer.Serialize(counts);
            Dictionary<Fr, long> back = JsonSerializer.Deserialize<Dictionary<Fr, long>>(json)!;
            return back.Count == counts.Count && counts.All(p => back[p.Key] == p.Value)
                && counts.Keys.All(k => json.Contains($"\"{k}\":", StringComparison.Ordinal));
        });

    [Fact]
    public void Fr_NullableInObject_WritesStringOrNull()
    {
        Assert.Equal("{\"A\":\"1\",\"B\":null}", JsonSerializer.Serialize(new { A = (Fr?)Fr.One, B = (Fr?)null }));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"-1\"")]
    [InlineData("\"1.0\"")]
    [InlineData("\"\"")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{\"IsZero\":false}")]
    public void Fr_NotADecimalString_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Fr>(json));
    }

    [Fact]
    public void Fr_Modulus_ThrowsJsonException()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Fr>($"\"{Fr.Modulus}\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Dictionary<Fr, int>>($"{{\"{Fr.Modulus}\":1}}"));
    }

    [Property(MaxTest = 30)]
    public Property KeysAndSignatures_SerializeAsTheirText_AndRoundTrip() =>
        Prop.ForAll(Gen.Zip(PodGenerators.Entries, PodGenerators.KeyBytes).ToArbitrary(), c =>
        {
            using var key = EdDsaPrivateKey.Import(c.Item2);
            SignedPod pod = SignedPod.Sign(c.Item1, key);
            var wrapper = new Signed(pod, pod.SignerPublicKey, pod.Signature, pod.ContentId);
            string json = JsonSerializer.Serialize(wrapper);
            JsonObject node = JsonNode.Parse(json)!.AsObject();
            Signed back = JsonSerializer.Deserialize<Signed>(json)!;
            return node["Key"]!.GetValue<string>() == pod.SignerPublicKey.ToString()
                && node["Signature"]!.GetValue<string>() == pod.Signature.ToString()
                && node["ContentId"]!.GetValue<string>() == pod.ContentId.ToString()
                && JsonNode.DeepEquals(node["Pod"], JsonNode.Parse(PodJson.Serialize(pod)))
                && back.Pod == pod && back.Key == pod.SignerPublicKey && back.Signature == pod.Signature && back.ContentId == pod.ContentId;
        });

    [Theory]
    [InlineData("{\"Key\":\"AAAA\"}")]
    [InlineData("{\"Key\":1}")]
    [InlineData("{\"Signature\":\"not base64\"}")]
    [InlineData("{\"Signature\":[]}")]
    public void KeysAndSignatures_Malformed_ThrowJsonExceptionWithPath(string json)
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<KeyOrSignature>(json));
        Assert.NotNull(e.Path);
        Assert.StartsWith("$.", e.Path, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Proofs))]
    public void Groth16Proof_FromPcdGpc_WritesSnarkJsCoordinatesAndRoundTrips(int index)
    {
        JsonNode original = Vectors.Item(ProofsFile, index, "proofs")["proof"]!;
        Groth16Proof proof = Groth16Proof.Parse(original.ToJsonString());

        JsonNode written = JsonNode.Parse(JsonSerializer.Serialize(proof))!;
        foreach (string field in new[] { "pi_a", "pi_b", "pi_c" })
        {
            // snarkjs writes affine points with Z = 1, as ToJson does.
            Assert.True(JsonNode.DeepEquals(original[field], written[field]), field);
        }

        Assert.Equal("groth16", written["protocol"]!.GetValue<string>());
        Assert.Equal(proof.ToJson(), JsonSerializer.Serialize(JsonSerializer.Deserialize<Groth16Proof>(written.ToJsonString())));
    }

    [Theory]
    [MemberData(nameof(Proofs))]
    public void GpcValues_FromPcdGpc_SerializeAsGpcJsonInsideUserTypes(int index)
    {
        JsonNode item = Vectors.Item(ProofsFile, index, "proofs");
        GpcBoundConfig bound = GpcJson.ParseBoundConfig(GpcVectorInputs.Text(item["boundConfig"]!));
        GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(GpcVectorInputs.Text(item["revealedClaims"]!));
        GpcProofConfig config = GpcJson.ParseProofConfig(GpcVectorInputs.Text(item["proofConfig"]!));

        string json = JsonSerializer.Serialize(new GpcParts(config, bound, claims));
        JsonObject node = JsonNode.Parse(json)!.AsObject();
        Assert.True(JsonNode.DeepEquals(node["Config"], JsonNode.Parse(GpcJson.SerializeProofConfig(config))));
        Assert.True(JsonNode.DeepEquals(node["Bound"], JsonNode.Parse(GpcJson.SerializeBoundConfig(bound))));
        Assert.True(JsonNode.DeepEquals(node["Claims"], JsonNode.Parse(GpcJson.SerializeRevealedClaims(claims))));

        GpcParts back = JsonSerializer.Deserialize<GpcParts>(json)!;
        Assert.Equal(GpcJson.SerializeBoundConfig(bound), GpcJson.SerializeBoundConfig(back.Bound));
        Assert.Equal(GpcJson.SerializeRevealedClaims(claims), GpcJson.SerializeRevealedClaims(back.Claims));
        Assert.Equal(GpcJson.SerializeProofConfig(config), GpcJson.SerializeProofConfig(back.Config));
    }

    [Theory]
    [MemberData(nameof(Proofs))]
    public void GpcVerificationResult_Valid_CarriesClaimsAndNullifierAsText(int index)
    {
        JsonNode item = Vectors.Item(ProofsFile, index, "proofs");
        GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(GpcVectorInputs.Text(item["revealedClaims"]!));
        GpcVerificationResult result = GpcVerificationResult.Valid(claims, Fr.FromUInt64(42));

        JsonObject node = JsonNode.Parse(JsonSerializer.Serialize(result))!.AsObject();
        Assert.True(node["IsValid"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(node["Claims"], JsonNode.Parse(GpcJson.SerializeRevealedClaims(claims))));
        Assert.Equal(result.NullifierHash?.ToString(), node["NullifierHash"]?.GetValue<string>());
        Assert.Equal(result.ExternalNullifier?.ToString(), node["ExternalNullifier"]?.GetValue<string>());
    }

    [Fact]
    public void GpcVerificationResult_Invalid_CarriesTheFailureByName()
    {
        JsonObject node = JsonNode.Parse(JsonSerializer.Serialize(GpcVerificationResult.Invalid(GpcVerificationFailure.ProofRejected, "The proof does not verify.")))!.AsObject();
        Assert.False(node["IsValid"]!.GetValue<bool>());
        Assert.Equal(nameof(GpcVerificationFailure.ProofRejected), node["Failure"]!.GetValue<string>());
        Assert.Equal("The proof does not verify.", node["Description"]!.GetValue<string>());
        Assert.Null(node["Claims"]);
    }

    [Fact]
    public void GpcJsonConverter_MalformedClaims_ThrowsJsonExceptionWithPath()
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GpcParts>("{\"Claims\":{\"pods\":1}}"));
        Assert.Equal("$.Claims", e.Path);
    }

    [Fact]
    public void RegistryResultsAndTally_SerializeAsNamesAndDecimalText()
    {
        var tally = new VoteTally(Fr.FromUInt64(7), [new(Fr.FromUInt64(1), 2), new(Fr.FromBigInteger(Fr.Modulus - 1), 3)]);
        JsonObject node = JsonNode.Parse(JsonSerializer.Serialize(new { Registration = RegistrationResult.FirstUse, Vote = VoteResult.Replaced, Tally = tally }))!.AsObject();

        Assert.Equal(nameof(RegistrationResult.FirstUse), node["Registration"]!.GetValue<string>());
        Assert.Equal(nameof(VoteResult.Replaced), node["Vote"]!.GetValue<string>());
        Assert.Equal("7", node["Tally"]!["Scope"]!.GetValue<string>());
        Assert.Equal(2, node["Tally"]!["Counts"]!["1"]!.GetValue<long>());
        Assert.Equal(3, node["Tally"]!["Counts"]![(Fr.Modulus - 1).ToString()]!.GetValue<long>());
        Assert.Equal(5, node["Tally"]!["TotalVotes"]!.GetValue<long>());
    }

    private sealed record Signed(SignedPod Pod, EdDsaPublicKey Key, EdDsaSignature Signature, Fr ContentId);

    private sealed record KeyOrSignature(EdDsaPublicKey? Key, EdDsaSignature? Signature);

    private sealed record GpcParts(GpcProofConfig Config, GpcBoundConfig Bound, GpcRevealedClaims Claims);
}
