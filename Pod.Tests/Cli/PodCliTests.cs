using System.Text.Json.Nodes;
using Pod.Cli;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Identity;
using Pod.Serialization;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Cli;

/// <summary>The <c>pod</c> tool end to end, through its entry point in-process, on files in a temporary directory.</summary>
public sealed class PodCliTests : IDisposable
{
    private const string ProofsFile = "gpc-proofs.json";

    private readonly string _dir = Directory.CreateTempSubdirectory("pod-cli-").FullName;

    public static TheoryData<int> Proofs => Vectors.Indices(ProofsFile, "proofs");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void KeyNew_WritesOwnerOnlyFile_AndPrintsOnlyThePublicKey()
    {
        string keyFile = PathOf("issuer.key");
        Run run = Pod("key", "new", "--out", keyFile);

        Assert.Equal(0, run.Code);
        using EdDsaPrivateKey key = EdDsaPrivateKey.Parse(File.ReadAllText(keyFile).Trim());
        Assert.Contains(key.PublicKey.ToString(), run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key.ExportBase64(), run.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        Run shown = Pod("key", "public", "--key", keyFile, "--json");
        Assert.Equal(0, shown.Code);
        Assert.Equal(key.PublicKey.ToString(), Json(shown)["publicKey"]!.GetValue<string>());
    }

    [Fact]
    public void KeyNew_ExistingFile_RefusedWithoutForce_ReplacedWithForce()
    {
        string keyFile = PathOf("issuer.key");
        Assert.Equal(0, Pod("key", "new", "--out", keyFile).Code);
        string before = File.ReadAllText(keyFile);

        Run refused = Pod("key", "new", "--out", keyFile);
        Assert.Equal(2, refused.Code);
        Assert.Contains(keyFile, refused.Error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(keyFile));

        Run forced = Pod("key", "new", "--out", keyFile, "--force", "--show-private", "--json");
        Assert.Equal(0, forced.Code);
        Assert.Equal(File.ReadAllText(keyFile).Trim(), Json(forced)["privateKey"]!.GetValue<string>());
        Assert.NotEqual(before, File.ReadAllText(keyFile));
    }

    [Fact]
    public void Identity_NewExportCommitment_AgreeWithTheLibrary()
    {
        string idFile = PathOf("me.identity");
        Run created = Pod("identity", "new", "--out", idFile, "--json");
        Assert.Equal(0, created.Code);
        using SemaphoreIdentity identity = SemaphoreIdentity.Import(File.ReadAllText(idFile).Trim());
        Assert.Equal(identity.Commitment.ToString(), Json(created)["commitment"]!.GetValue<string>());
        Assert.DoesNotContain(identity.Export(), created.Output, StringComparison.Ordinal);

        Run commitment = Pod("identity", "commitment", "--identity", idFile);
        Assert.Equal(0, commitment.Code);
        Assert.Contains(identity.Commitment.ToString(), commitment.Output, StringComparison.Ordinal);
        Assert.Contains(identity.PublicKey.ToString(), commitment.Output, StringComparison.Ordinal);

        Run export = Pod("identity", "export", "--identity", idFile);
        Assert.Equal(0, export.Code);
        Assert.Equal(identity.Export(), export.Output.Trim());
    }

    [Fact]
    public void Identity_MalformedFile_ExitTwoNamingTheFileNotTheContent()
    {
        string idFile = PathOf("bad.identity");
        File.WriteAllText(idFile, "not-an-identity-secret");
        Run run = Pod("identity", "commitment", "--identity", idFile);
        Assert.Equal(2, run.Code);
        Assert.Contains(idFile, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-an-identity-secret", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void SignThenVerify_ValidPod_TamperedPodFails_GarbageIsBadInput()
    {
        string keyFile = PathOf("issuer.key");
        Assert.Equal(0, Pod("key", "new", "--out", keyFile).Code);
        string entries = PathOf("entries.json");
        File.WriteAllText(entries, """{"eventId":"devcon","seat":42,"id":{"cryptographic":7},"vip":true}""");

        Run signed = Pod("sign", entries, "--key", keyFile);
        Assert.Equal(0, signed.Code);
        SignedPod pod = PodJson.Parse(signed.Output.Trim());
        Assert.True(pod.Verify());
        using (EdDsaPrivateKey key = EdDsaPrivateKey.Parse(File.ReadAllText(keyFile).Trim()))
        {
            Assert.Equal(key.PublicKey, pod.SignerPublicKey);
        }

        Assert.Equal(PodValue.Int(42), pod.Entries["seat"]);

        string podFile = PathOf("pod.json");
        File.WriteAllText(podFile, signed.Output);
        Run verified = Pod("verify", podFile, "--json");
        Assert.Equal(0, verified.Code);
        Assert.True(Json(verified)["valid"]!.GetValue<bool>());
        Assert.Equal(pod.ContentId.ToString(), Json(verified)["contentId"]!.GetValue<string>());

        string tampered = PathOf("tampered.json");
        File.WriteAllText(tampered, signed.Output.Replace("devcon", "devcom", StringComparison.Ordinal));
        Run failed = Pod("verify", tampered);
        Assert.Equal(1, failed.Code);
        Assert.Contains("INVALID", failed.Output, StringComparison.Ordinal);

        string garbage = PathOf("garbage.json");
        File.WriteAllText(garbage, """{"entries":{"a":1},"signature":"x"}""");
        Run bad = Pod("verify", garbage);
        Assert.Equal(2, bad.Code);
        Assert.Contains(garbage, bad.Error, StringComparison.Ordinal);
        Assert.Single(bad.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Sign_BadEntryOrMissingKey_ExitTwoNamingFileAndField()
    {
        string keyFile = PathOf("issuer.key");
        Assert.Equal(0, Pod("key", "new", "--out", keyFile).Code);
        string entries = PathOf("entries.json");
        File.WriteAllText(entries, """{"seat":{"int":"forty-two"}}""");

        Run run = Pod("sign", entries, "--key", keyFile);
        Assert.Equal(2, run.Code);
        Assert.Contains(entries, run.Error, StringComparison.Ordinal);
        Assert.Contains("seat", run.Error, StringComparison.Ordinal);

        File.WriteAllText(entries, """{"seat":42}""");
        Run missing = Pod("sign", entries, "--key", PathOf("absent.key"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("absent.key", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_JsonToMessagePackAndBack_MatchesTheLibraryForms()
    {
        using var key = EdDsaPrivateKey.Import(new byte[32]);
        SignedPod pod = SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue>
        {
            ["name"] = PodValue.String("Ada"),
            ["born"] = PodValue.Date(0),
            ["owner"] = PodValue.EdDsaPublicKey(key.PublicKey),
        }), key);
        string json = PathOf("pod.json");
        File.WriteAllText(json, PodJson.Serialize(pod));

        string packed = PathOf("pod.bin");
        Assert.Equal(0, Pod("convert", json, packed).Code);
        Assert.Equal(PodMessagePack.Serialize(pod), File.ReadAllBytes(packed));

        string back = PathOf("back.json");
        Assert.Equal(0, Pod("convert", packed, back, "--format", "json").Code);
        Assert.Equal(PodJson.Serialize(pod), File.ReadAllText(back).Trim());

        Assert.Equal(2, Pod("convert", json, back, "--format", "xml").Code);
    }

    [Fact]
    public void Inspect_ShowsEntriesContentIdSignerDepthAndCircuits()
    {
        using var key = EdDsaPrivateKey.Import(new byte[32]);
        SignedPod pod = SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue>
        {
            ["ticketId"] = PodValue.Int(7),
            ["attendee"] = PodValue.String("Alice"),
        }), key);
        string file = PathOf("pod.msgpack");
        File.WriteAllBytes(file, PodMessagePack.Serialize(pod));

        Run text = Pod("inspect", file);
        Assert.Equal(0, text.Code);
        Assert.Contains("ticketId", text.Output, StringComparison.Ordinal);
        Assert.Contains("Alice", text.Output, StringComparison.Ordinal);
        Assert.Contains(pod.ContentId.ToString(), text.Output, StringComparison.Ordinal);

        Run json = Pod("inspect", file, "--json");
        JsonObject node = Json(json);
        Assert.Equal("msgpack", node["format"]!.GetValue<string>());
        Assert.Equal(pod.Content.MerkleTreeDepth, node["merkleTreeDepth"]!.GetValue<int>());
        Assert.Equal(pod.SignerPublicKey.ToString(), node["signerPublicKey"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(PodJson.SerializeEntries(pod.Entries)), node["entries"]));
        Assert.NotEmpty(node["fitsCircuits"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Proofs))]
    public void GpcCompile_ReferenceConfig_PrintsTheLibrarysBinding(int index)
    {
        JsonNode item = Vectors.Item(ProofsFile, index, "proofs");
        string config = PathOf("config.json");
        File.WriteAllText(config, GpcVectorInputs.Text(item["proofConfig"]!));
        GpcBinding expected = GpcCompiler.BindConfig(GpcJson.ParseProofConfig(GpcVectorInputs.Text(item["proofConfig"]!)));

        Run run = Pod("gpc", "compile", config, "--json");
        Assert.Equal(0, run.Code);
        Assert.Equal(expected.Circuit.Identifier, Json(run)["circuit"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GpcJson.SerializeBoundConfig(expected.BoundConfig)), Json(run)["boundConfig"]));
    }

    [Fact]
    public void GpcCompile_ConfigBreakingARule_ExitTwoNamingFileAndPath()
    {
        string config = PathOf("config.json");
        File.WriteAllText(config, """{"pods":{"ticket":{"entries":{"1st":{"isRevealed":true}}}}}""");
        Run run = Pod("gpc", "compile", config);
        Assert.Equal(2, run.Code);
        Assert.Contains(config, run.Error, StringComparison.Ordinal);
        Assert.Contains("1st", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void GpcVerify_ReferenceProofWithNullifier_ExitZero_TamperedClaimsExitOne()
    {
        // Verification costs pairings, so one proof: the first the reference verified that reveals a nullifier hash.
        JsonNode item = Vectors.Section(ProofsFile, "proofs").OfType<JsonNode>().First(p =>
            p["gpcVerify"]!.GetValue<bool>() && p["revealedClaims"]!["owner"]?["nullifierHashV4"] is not null);
        JsonNode tampered = item["tampered"]!.AsArray().OfType<JsonNode>().First(t =>
            t["revealedClaims"] is not null && t["proof"] is null && t["boundConfig"] is null);
        string artifacts = ArtifactFiles.AllVerificationKeys();
        try
        {
            GpcVerificationResult expected = GpcVerifier.Verify(
                Groth16Proof.Parse(item["proof"]!.ToJsonString()),
                GpcJson.ParseBoundConfig(GpcVectorInputs.Text(item["boundConfig"]!)),
                GpcJson.ParseRevealedClaims(GpcVectorInputs.Text(item["revealedClaims"]!)),
                new GpcVerificationKeys(new Pod.Gpc.GpcArtifacts(artifacts)));
            Assert.True(expected.IsValid);

            Run valid = Pod("gpc", "verify", Response(item["proof"]!, item["boundConfig"]!, item["revealedClaims"]!), "--artifacts", artifacts, "--json");
            Assert.Equal(0, valid.Code);
            Assert.True(Json(valid)["valid"]!.GetValue<bool>());
            Assert.Equal(expected.NullifierHash?.ToString(), Json(valid)["nullifierHash"]!.GetValue<string>());

            Run invalid = Pod("gpc", "verify", Response(item["proof"]!, item["boundConfig"]!, tampered["revealedClaims"]!), "--artifacts", artifacts);
            Assert.Equal(1, invalid.Code);
            Assert.Contains("INVALID", invalid.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
        }
    }

    [Fact]
    public void GpcVerify_NoArtifacts_ExitTwo()
    {
        JsonNode item = Vectors.Section(ProofsFile, "proofs").OfType<JsonNode>().First();
        Run run = Pod("gpc", "verify", Response(item["proof"]!, item["boundConfig"]!, item["revealedClaims"]!), "--artifacts", PathOf("no-such-dir"));
        Assert.Equal(2, run.Code);
        Assert.Contains("no-such-dir", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void GpcVerify_MissingField_ExitTwoNamingIt()
    {
        string file = PathOf("response.json");
        File.WriteAllText(file, """{"proof":{}}""");
        Run run = Pod("gpc", "verify", file, "--artifacts", _dir);
        Assert.Equal(2, run.Code);
        Assert.Contains(file, run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("verify")]
    [InlineData("key", "new")]
    public void UnknownOrIncompleteCommand_ExitTwo(params string[] args)
    {
        Run run = Pod(args);
        Assert.Equal(2, run.Code);
        Assert.StartsWith("pod: ", run.Error, StringComparison.Ordinal);
    }

    private static JsonObject Json(Run run) => JsonNode.Parse(run.Output)!.AsObject();

    private static Run Pod(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = PodCommand.Run(args, output, error);
        return new Run(code, output.ToString(), error.ToString());
    }

    private string Response(JsonNode proof, JsonNode bound, JsonNode claims)
    {
        string file = PathOf($"response-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, new JsonObject { ["proof"] = proof.DeepClone(), ["boundConfig"] = bound.DeepClone(), ["revealedClaims"] = claims.DeepClone() }.ToJsonString());
        return file;
    }

    private string PathOf(string name) => Path.Combine(_dir, name);

    private sealed record Run(int Code, string Output, string Error);
}
