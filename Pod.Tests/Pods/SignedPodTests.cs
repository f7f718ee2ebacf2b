using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Serialization;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Pods;

[Trait("Category", Vectors.Trait)]
public sealed class SignedPodTests
{
    private const string File = "pods.json";

    public static TheoryData<int> PodCases => Vectors.Indices(File, "pods");

    public static TheoryData<int> VerificationCases => Vectors.Indices(File, "verification");

    public static TheoryData<int> FromJsonErrors => Vectors.Indices(File, "fromJSONErrors");

    public static TheoryData<int> SignErrors => Vectors.Indices(File, "signErrors");

    [Theory]
    [MemberData(nameof(PodCases))]
    public void Sign_ReferenceCase_MatchesPodSignByteForByte(int index)
    {
        var item = Vectors.Item(File, index, "pods");
        var names = item["entries"]!.AsArray().Select(e => e!.Str("name")).ToList();
        if (DeliberateDifferences.Find(ReferenceCall.PodSign, item["entries"]!) is { } refused)
        {
            refused.Instead.Check(() => TypedValues.Entries(item["entries"]!));
            return;
        }

        PodEntries entries = TypedValues.Entries(item["entries"]!);
        using var key = EdDsaPrivateKey.Parse(item.Str("signerPrivateKey"));

        SignedPod pod = SignedPod.Sign(entries, key);

        Assert.Equal(item["sortedNames"]!.AsArray().Select(n => n!.GetValue<string>()), pod.Entries.Keys);
        var leaves = item["leaves"]!.AsArray();
        for (int i = 0; i < leaves.Count; i++)
        {
            Assert.Equal(leaves[i]!.Str("nameHash"), PodNames.Hash(pod.Entries.NameAt(i)).ToString());
            Assert.Equal(leaves[i]!.Str("valueHash"), pod.Entries.ValueAt(i).Hash.ToString());
        }

        Assert.Equal(item.Str("contentID"), pod.ContentId.ToString());
        Assert.Equal(item.Str("signature"), pod.Signature.ToString());
        Assert.Equal(item.Str("signerPublicKey"), pod.SignerPublicKey.ToString());
        Assert.Equal(item["merkleTreeDepth"]!.GetValue<int>(), pod.Content.MerkleTreeDepth);
        Assert.True(pod.Verify());
        if (DeliberateDifferences.Find(ReferenceCall.PodToJson, names) is { } kept)
        {
            // The reference's toJSON drops the entry (docs/compatibility.md); Pod writes it, and its JSON verifies.
            Assert.Equal(kept.Instead, new Answers("written"));
            Assert.NotEqual(item.Str("jsonText"), PodJson.Serialize(pod));
            Assert.Equal(pod, PodJson.Parse(PodJson.Serialize(pod)));
        }
        else
        {
            Assert.Equal(item.Str("jsonText"), PodJson.Serialize(pod));
            SignedPod parsed = PodJson.Parse(item.Str("jsonText"));
            Assert.Equal(pod, parsed);
            Assert.True(parsed.Verify());
            Assert.Equal(item.Str("jsonText"), PodJson.Serialize(parsed));
        }

        foreach (var proofNode in item["entryProofs"]!.AsArray().Select(n => n!))
        {
            PodEntryProof proof = pod.Content.GenerateEntryProof(proofNode.Str("entryName"));
            Assert.Equal(proofNode.Str("root"), proof.Root.ToString());
            Assert.Equal(proofNode.Str("leaf"), proof.Leaf.ToString());
            Assert.Equal(proofNode["index"]!.GetValue<int>(), proof.Index);
            Assert.Equal(proofNode["siblings"]!.AsArray().Select(s => s!.GetValue<string>()), proof.Siblings.Select(s => s.ToString()));
            Assert.True(PodContent.VerifyEntryProof(proof));
            Assert.False(PodContent.VerifyEntryProof(proof with { Leaf = proof.Leaf + Fr.One }));
            Assert.Equal(proofNode.Str("nameHash"), PodNames.Hash(proofNode.Str("entryName")).ToString());
            PodValue value = pod.Entries[proofNode.Str("entryName")];
            Assert.Equal(proofNode.Str("valueHash"), value.Hash.ToString());
            Assert.Equal(proofNode["circuitValue"]?.GetValue<string>(), value.CircuitValue?.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(VerificationCases))]
    public void Verify_ReferenceCase_MatchesFromJsonThenVerifySignature(int index)
    {
        var item = Vectors.Item(File, index, "verification");
        var fromJson = item["fromJSON"]!;
        var verify = item["verifySignature"];
        string json = item.Str("jsonText");

        if (DeliberateDifferences.Find(ReferenceCall.PodFromJson, json) is { } row)
        {
            row.Instead.Check(() => PodJson.Parse(json));
            return;
        }

        if (!fromJson["ok"]!.GetValue<bool>())
        {
            Assert.Throws<FormatException>(() => PodJson.Parse(json));
            return;
        }

        // Every other case the reference loads, computes the content ID of and verifies without throwing.
        Assert.Null(fromJson["contentIDError"]);
        Assert.True(verify!["ok"]!.GetValue<bool>(), $"The reference failed on {json} in a way no row of the deliberate differences decides.");
        SignedPod pod = PodJson.Parse(json);
        Assert.Equal(fromJson.Str("contentID"), pod.ContentId.ToString());
        Assert.Equal(verify["result"]!.GetValue<bool>(), pod.Verify());

        // Written back: canonical text where the reference writes back the text it read (docs/compatibility.md 13).
        string written = PodJson.Serialize(pod);
        Assert.Equal(pod, PodJson.Parse(written));
        if (DeliberateDifferences.Find(ReferenceCall.PodFromJsonToJson, json) is { } canonical)
        {
            Assert.Equal(new Answers("canonical"), canonical.Instead);
            Assert.Contains($"\"signature\":\"{pod.Signature}\"", written, StringComparison.Ordinal);
            Assert.Contains($"\"signerPublicKey\":\"{pod.SignerPublicKey}\"", written, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(FromJsonErrors))]
    public void Parse_ReferenceRejectedJson_ThrowsFormatException(int index)
    {
        var item = Vectors.Item(File, index, "fromJSONErrors");
        var error = Assert.Throws<FormatException>(() => PodJson.Parse(item.Str("jsonText")));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Theory]
    [MemberData(nameof(SignErrors))]
    public void Sign_ReferenceFailure_RejectedBeforeSigning(int index)
    {
        var item = Vectors.Item(File, index, "signErrors");
        string privateKey = item.Str("privateKey");

        // POD.sign builds the content from the entries before it reads the key, as a Pod caller must: PodEntries
        // first, then the key. So the part the reference names is the first part Pod refuses.
        Exception? entriesError = Record.Exception(() => JsEntries(item["entries"]!.AsArray()));
        Exception? keyError = Record.Exception(() => EdDsaPrivateKey.Parse(privateKey).Dispose());
        bool referenceNamesTheKey = item.Str("errorMessage").Contains("private key", StringComparison.OrdinalIgnoreCase);
        if (referenceNamesTheKey)
        {
            Assert.Null(entriesError);
            Assert.IsType<FormatException>(keyError);
        }
        else
        {
            Assert.NotNull(entriesError);
            Assert.True(entriesError is ArgumentException or FormatException, entriesError.ToString());
        }
    }

    /// <summary>POD.sign's entries ({name, jsType, value}) read as a Pod caller would: each value from its JSON form.</summary>
    private static PodEntries JsEntries(JsonArray entries) =>
        PodEntries.Create(entries.Select(e => new KeyValuePair<string, PodValue>(
            e!.Str("name"),
            PodJson.ParseValue(JsInputs.ValueJson(new JsonObject { ["type"] = e!["jsType"]!.DeepClone(), ["value"] = e!["value"]?.DeepClone() }), e.Str("name")))));

    [Fact]
    public void ProtoEntryName_ReferenceQuirk_KeptInJson()
    {
        var item = Vectors.Load(File)["quirks"]!["protoEntryName"]!;
        using var key = EdDsaPrivateKey.Import(item.Hex("signerPrivateKeyHex"));
        Assert.NotNull(DeliberateDifferences.Find(ReferenceCall.PodToJson, item["entries"]!.AsArray().Select(e => e!.Str("name")).ToList()));

        SignedPod pod = SignedPod.Sign(TypedValues.Entries(item["entries"]!), key);

        Assert.Equal(item.Str("contentID"), pod.ContentId.ToString());
        Assert.Equal(item.Str("signature"), pod.Signature.ToString());
        Assert.Equal(item.Str("correctJsonText"), PodJson.Serialize(pod)); // the reference drops __proto__ here
        Assert.True(PodJson.Parse(item.Str("correctJsonText")).Verify());
        Assert.False(item["toJSONTextVerifies"]!.GetValue<bool>());
        Assert.False(PodJson.Parse(item.Str("toJSONText")).Verify());
    }
}
