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
/// The first example of docs/verifying.md, a complete program, run on the proofs @pcd/gpc made: the page's C# block must
/// be its usings (DocExamplesCompileTests compiles the block with them) and then the code between the markers below; the
/// page's status table must list every code the sample service answers with.
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
    /// The page's program on every proof @pcd/gpc made, with a policy (issuer, event, election) a verifier of that proof's
    /// election would have: it accepts exactly the valid proofs of the page's statement, once per nullifier (a second
    /// run, on the registry the first left, refuses).
    /// </summary>
    [Theory]
    [MemberData(nameof(Proofs))]
    public async Task Verify_Example(int index)
    {
        JsonNode item = Vectors.Item("gpc-proofs.json", index, "proofs");
        JsonNode revealedClaims = item["revealedClaims"]!;
        Policy policy = Policy.For(revealedClaims);
        string policyFile = Path.Combine(_directory, "policy.json"), requestFile = Path.Combine(_directory, "request.json");
        File.WriteAllText(policyFile, new JsonObject
        {
            ["trustedIssuer"] = policy.TrustedIssuer,
            ["eventId"] = JsonNode.Parse(policy.EventId),
            ["election"] = JsonNode.Parse(policy.Election),
        }.ToJsonString());
        File.WriteAllText(requestFile, new JsonObject
        {
            ["proof"] = item["proof"]!.DeepClone(),
            ["boundConfig"] = item["boundConfig"]!.DeepClone(),
            ["revealedClaims"] = revealedClaims.DeepClone(),
        }.ToJsonString());
        string[] args = [_directory, Path.Combine(_directory, "nullifiers.db"), policyFile, requestFile];

        // The page's statement, the proof valid (gpcVerify's answer or the row deciding its claims) and a nullifier in
        // this policy's election: accepted; anything else: refused.
        bool validForPod = DeliberateDifferences.Find(ReferenceCall.GpcVerify, revealedClaims) is { } row
            ? row.Instead == new Answers(true)
            : item["gpcVerify"]!.GetValue<bool>();
        bool ofThisStatement = GpcJson.SerializeBoundConfig(GpcJson.ParseBoundConfig(item["boundConfig"]!.ToJsonString()))
            == GpcJson.SerializeBoundConfig(GpcCompiler.BindConfig(GpcJson.ParseProofConfig(PageStatement)).BoundConfig);
        bool accepted = ofThisStatement && validForPod && policy.HasElection;
        Assert.Equal(accepted ? 0 : 1, await Program(args));
        Assert.Equal(1, await Program(args));

        // The page's block after its usings: top-level statements are the body of Main(string[] args).
        static async Task<int> Program(string[] args)
        {
            // begin docs/verifying.md
            // verify ARTIFACTS REGISTRY POLICY REQUEST: the installed @pcd/proto-pod-gpc-artifacts, the registry's SQLite file, and
            // two JSON files: the verifier's policy and what a client posted. Exit code 0: accepted and registered; 1: refused.
            string artifactsDirectory = args[0], registryPath = args[1];
            JsonNode policy = JsonNode.Parse(File.ReadAllText(args[2]))!;    // {"trustedIssuer": "hF5K…", "eventId": {…}, "election": "devcon-vote-2025"}
            JsonNode request = JsonNode.Parse(File.ReadAllText(args[3]))!;   // {"proof": {…}, "boundConfig": {…}, "revealedClaims": {…}}

            // Once per process: the verification keys (each file checked against its pinned SHA-256) and the registry.
            var keys = new GpcVerificationKeys(new GpcArtifacts(artifactsDirectory));
            await keys.LoadAllAsync();
            using var store = new SqliteNullifierStore(registryPath);
            var registry = new NullifierRegistry(store);

            // The policy: the statement this endpoint asks for, the issuer it trusts, the event and the election.
            GpcBoundConfig expectedConfig = GpcCompiler.BindConfig(GpcJson.ParseProofConfig("""
                {"pods":{"ticket":{"entries":{
                    "eventId":{"isRevealed":true},
                    "productId":{"isRevealed":true},
                    "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}
                """)).BoundConfig;
            EdDsaPublicKey trustedIssuer = EdDsaPublicKey.Parse(policy["trustedIssuer"]!.GetValue<string>());
            PodValue eventId = PodJson.ParseValue(policy["eventId"]!.ToJsonString());
            Fr scope = GpcNullifiers.ExternalNullifierSignal(PodJson.ParseValue(policy["election"]!.ToJsonString()));

            // Per request: parse (FormatException or GpcConfigException: a malformed request), verify, check what was proven.
            Groth16Proof proof = Groth16Proof.Parse(request["proof"]!.ToJsonString());
            GpcBoundConfig boundConfig = GpcJson.ParseBoundConfig(request["boundConfig"]!.ToJsonString());
            GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(request["revealedClaims"]!.ToJsonString());
            GpcVerificationResult result = GpcVerifier.Verify(proof, boundConfig, claims, keys);

            bool accepted = result.IsValid
                && GpcJson.SerializeBoundConfig(boundConfig) == GpcJson.SerializeBoundConfig(expectedConfig)   // our statement
                && result.Claims.Pods["ticket"].SignerPublicKey == trustedIssuer                               // our issuer
                && result.Claims.Pods["ticket"].Entries!["eventId"] == eventId                                 // our event
                && result.ExternalNullifier == scope && result.NullifierHash is Fr nullifier                   // our election
                && await registry.RegisterAsync(scope, nullifier) == RegistrationResult.FirstUse;              // once per person
            Console.WriteLine(accepted ? "accepted" : result.IsValid ? "refused: not what this verifier accepts, or used already" : $"refused: {result}");
            return accepted ? 0 : 1;
            // end docs/verifying.md
        }
    }

    /// <summary>The page's block is its usings, a blank line, then exactly the code the theory above runs.</summary>
    [Fact]
    public void Page_ShowsTheExampleAsTested()
    {
        string source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "VerifyingDocExamples.cs.txt"));
        string tested = Between(source, "// begin docs/verifying.md\n", "            // end docs/verifying.md");
        Match block = CSharpBlock().Match(Page);

        Assert.True(block.Success);
        Assert.Equal(Unindent(tested, 12), AfterUsings(block.Groups[1].Value));
        Assert.Contains(PageStatement.ReplaceLineEndings("\n"), block.Groups[1].Value, StringComparison.Ordinal);
    }

    /// <summary>The statement the page's program asks for (its proof config), which the theory's expectation needs.</summary>
    private const string PageStatement = """
            {"pods":{"ticket":{"entries":{
                "eventId":{"isRevealed":true},
                "productId":{"isRevealed":true},
                "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}
        """;

    /// <summary>A complete example's code after its leading using directives and the blank line that ends them.</summary>
    internal static string AfterUsings(string block)
    {
        string[] lines = block.Split('\n');
        int code = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal)).Count();
        Assert.True(code > 0 && lines[code].Length == 0, "A complete example opens with its using directives and a blank line.");
        return string.Join('\n', lines[(code + 1)..]);
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
                ticket?["entries"]?["eventId"]?.ToJsonString() ?? "\"no event\"",
                election?.ToJsonString() ?? "\"no election\"",
                election is not null);
        }
    }
}
