using System.Numerics;
using System.Text.RegularExpressions;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Identity;
using Xunit;

namespace Pod.Tests.Docs;

/// <summary>The examples of docs/gpc.md: every JSON config binds to the circuit the page names, and the C# runs.</summary>
public sealed partial class GpcDocExamples
{
    private static string Page => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "gpc.md"));

    public static TheoryData<string, string> JsonConfigs
    {
        get
        {
            var data = new TheoryData<string, string>();
            string page = Page;
            int previous = 0;
            foreach (Match block in JsonBlock().Matches(page))
            {
                string prose = page[previous..block.Index];
                string circuit = BindsTo().Matches(prose).Last().Groups[1].Value;
                data.Add(block.Groups[1].Value.Trim(), circuit);
                previous = block.Index + block.Length;
            }

            return data;
        }
    }

    [Fact]
    public void Page_HasAnExamplePerFeature()
    {
        string all = string.Join("\n", JsonConfigs.Select(row => (string)row[0]));
        foreach (string feature in new[] { "isOwnerID", "inRange", "isNotMemberOf", "\"signerPublicKey\":{\"isRevealed\":false,\"isMemberOf\"", "equalsEntry", "lessThan", "tuples", "uniquePODs", "circuitIdentifier" })
        {
            Assert.Contains(feature, all, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(JsonConfigs))]
    public void JsonConfig_BindsToTheCircuitThePageNames(string json, string circuit)
    {
        GpcBinding binding = GpcCompiler.BindConfig(GpcJson.ParseProofConfig(json));

        Assert.Equal(circuit, binding.Circuit.Identifier);
    }

    [Fact]
    public void StartToEnd_Example()
    {
        byte[] ownerPrivateKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        using EdDsaPrivateKey issuerKey = EdDsaPrivateKey.Generate();

        SemaphoreIdentity owner = SemaphoreIdentity.FromPrivateKey(ownerPrivateKey);
        SignedPod ticket = SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue>
        {
            ["eventId"] = PodValue.String("devcon-7"),
            ["owner"] = PodValue.EdDsaPublicKey(owner.PublicKey),
            ["seat"] = PodValue.Int(42),
        }), issuerKey);

        GpcProofConfig config = GpcJson.ParseProofConfig("""
            {"pods":{"ticket":{"entries":{
                "eventId":{"isRevealed":true},
                "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}
            """);
        GpcProofInputs inputs = new()
        {
            Pods = new Dictionary<string, SignedPod> { ["ticket"] = ticket },
            Owner = new GpcProofOwnerInputs { SemaphoreV4 = owner, ExternalNullifier = PodValue.String("election-2025") },
        };

        GpcProofPreparation prepared = GpcCompiler.PreProve(config, inputs);
        string circuit = prepared.Circuit.Identifier;
        string proverInput = prepared.Inputs.ToJson();
        string boundJson = GpcJson.SerializeBoundConfig(prepared.BoundConfig);
        string claimsJson = GpcJson.SerializeRevealedClaims(prepared.RevealedClaims);

        GpcVerifyPreparation verify = GpcVerifier.PreVerify(GpcJson.ParseBoundConfig(boundJson), GpcJson.ParseRevealedClaims(claimsJson));
        IReadOnlyList<BigInteger> publicSignals = verify.PublicSignals;

        Assert.Equal("proto-pod-gpc_1o-5e-6md-2nv-0ei-0x0l-0x0t-1ov3-1ov4", circuit);
        Assert.Contains("\"ownerSemaphoreV4SecretScalar\"", proverInput, StringComparison.Ordinal);
        Assert.NotNull(prepared.RevealedClaims.Owner?.NullifierHashV4);
        Assert.Equal(prepared.Circuit.PublicSignalCount, publicSignals.Count);

        // The artifacts example, against a directory without the package: every file is checked first.
        var artifacts = new GpcArtifacts(AppContext.BaseDirectory);
        Assert.Throws<FileNotFoundException>(() => artifacts.ReadVerificationKey(verify.Circuit));
        Assert.Throws<FileNotFoundException>(() => artifacts.Locate(prepared.Circuit));
    }

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex("[Bb]inds to\\s+`(proto-pod-gpc_[^`]+)`")]
    private static partial Regex BindsTo();
}
