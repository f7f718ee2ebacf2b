using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Pod.Hosting;
using Pod.Storage.Sqlite;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Serialization;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Docs;

/// <summary>
/// The code of docs/verifying.md, compiled and run on a proof @pcd/gpc made; the page's C# block must be the code between
/// the markers below, and its status table must list every code the sample service answers with.
/// </summary>
[Trait("Category", Vectors.Trait)]
public sealed partial class VerifyingDocExamples : IDisposable
{
    private readonly string _directory = ArtifactFiles.AllVerificationKeys();

    private static string Page => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "verifying.md"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    public static TheoryData<int> Proofs => Vectors.Indices("gpc-proofs.json", "proofs");

    /// <summary>
    /// The page's code on every proof @pcd/gpc made, with the policy (issuer, event, election) a verifier of that proof's
    /// election would have: it accepts exactly the valid proofs of the page's statement, once per nullifier.
    /// </summary>
    [Theory]
    [MemberData(nameof(Proofs))]
    public async Task Verify_Example(int index)
    {
        JsonNode item = Vectors.Item("gpc-proofs.json", index, "proofs");
        Policy policy = Policy.For(item["revealedClaims"]!);
        string artifactsDirectory = _directory;
        string registryPath = Path.Combine(_directory, "nullifiers.db");
        string proofJson = item["proof"]!.ToJsonString(), boundConfigJson = item["boundConfig"]!.ToJsonString(), revealedClaimsJson = item["revealedClaims"]!.ToJsonString();

        // begin docs/verifying.md
        // Once per process: the verification keys (each file checked against its pinned SHA-256) and the registry.
        var keys = new GpcVerificationKeys(new GpcArtifacts(artifactsDirectory));
        using var store = new SqliteNullifierStore(registryPath);
        var registry = new NullifierRegistry(store);

        // The policy: the statement this endpoint asks for, the issuer it trusts, the event and the election.
        GpcBoundConfig expectedConfig = GpcCompiler.BindConfig(GpcJson.ParseProofConfig("""
            {"pods":{"ticket":{"entries":{
                "eventId":{"isRevealed":true},
                "productId":{"isRevealed":true},
                "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}
            """)).BoundConfig;
        EdDsaPublicKey trustedIssuer = EdDsaPublicKey.Parse(policy.TrustedIssuer);
        PodValue eventId = PodJson.ParseValue(policy.EventId);
        Fr scope = GpcNullifiers.ExternalNullifierSignal(PodJson.ParseValue(policy.Election));

        // Per request: parse (FormatException or GpcConfigException: a malformed request), verify, check what was proven.
        Groth16Proof proof = Groth16Proof.Parse(proofJson);
        GpcBoundConfig boundConfig = GpcJson.ParseBoundConfig(boundConfigJson);
        GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(revealedClaimsJson);
        GpcVerificationResult result = GpcVerifier.Verify(proof, boundConfig, claims, keys);

        bool accepted = result.IsValid
            && GpcJson.SerializeBoundConfig(boundConfig) == GpcJson.SerializeBoundConfig(expectedConfig)   // our statement
            && result.Claims.Pods["ticket"].SignerPublicKey == trustedIssuer                               // our issuer
            && result.Claims.Pods["ticket"].Entries!["eventId"] == eventId                                 // our event
            && result.ExternalNullifier == scope && result.NullifierHash is Fr nullifier                   // our election
            && await registry.RegisterAsync(scope, nullifier) == RegistrationResult.FirstUse;              // once per person
        // end docs/verifying.md

        // The page's statement, the proof valid (gpcVerify's answer or the row deciding its claims) and a nullifier in
        // this policy's election: accepted; anything else: refused.
        bool validForPod = DeliberateDifferences.Find(ReferenceCall.GpcVerify, item["revealedClaims"]!) is { } row
            ? row.Instead == new Answers(true)
            : item["gpcVerify"]!.GetValue<bool>();
        bool ofThisStatement = GpcJson.SerializeBoundConfig(boundConfig) == GpcJson.SerializeBoundConfig(expectedConfig);
        Assert.Equal(validForPod, result.IsValid);
        Assert.Equal(ofThisStatement && validForPod && policy.HasElection, accepted);
        if (accepted)
        {
            Assert.Equal(RegistrationResult.AlreadyRegistered, await registry.RegisterAsync(scope, result.NullifierHash!.Value));
        }
    }

    [Fact]
    public void Page_ShowsTheExampleAsTested()
    {
        string source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "VerifyingDocExamples.cs.txt"));
        string tested = Between(source, "// begin docs/verifying.md\n", "        // end docs/verifying.md");
        Match block = CSharpBlock().Match(Page);

        Assert.True(block.Success);
        Assert.Equal(Unindent(tested, 8), block.Groups[1].Value);
    }

    [Fact]
    public void Page_StatusTable_ListsEveryCodeWithItsStatus()
    {
        string page = Page;
        foreach ((string code, int status) in GpcVerifierEndpoints.ErrorCodes)
        {
            // The library's table has the code before the status, the host's table the status first.
            Assert.Matches($"(?m)^(?=[^\\n]*`{code}`)(?=[^\\n]*\\| {status} \\|)", page);
        }
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static string Unindent(string text, int columns) =>
        string.Join("\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n')
            .Select(line => line.Length >= columns && line[..columns].Trim().Length == 0 ? line[columns..] : line.TrimStart()));

    [GeneratedRegex("```csharp\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    /// <summary>
    /// A verifier's configuration as text: the issuer it trusts, the event and the election (JSON of POD values), here
    /// those of a proof's own claims (its ticket's signer and eventId, its external nullifier) where it has them.
    /// </summary>
    private sealed record Policy(string TrustedIssuer, string EventId, string Election, bool HasElection)
    {
        public static Policy For(JsonNode claims)
        {
            JsonNode? ticket = claims["pods"]?["ticket"];
            JsonNode? election = claims["owner"]?["externalNullifier"];
            using EdDsaPrivateKey someone = EdDsaPrivateKey.Generate();
            return new Policy(
                ticket?["signerPublicKey"]?.GetValue<string>() ?? someone.PublicKey.ToString(),
                ticket?["entries"]?["eventId"]?.ToJsonString() ?? "null",
                election?.ToJsonString() ?? "\"no election\"",
                election is not null);
        }
    }
}
