using System.Text.RegularExpressions;
using Pod.Cryptography.Signatures;
using Pod.Gpc.Requests;
using Pod.Gpc;
using Pod.Identity.Registry;
using Pod.Tests.Proving;
using Xunit;

namespace Pod.Tests.Docs;

/// <summary>
/// The request/response example of docs/verifying.md, compiled and run with a holder that proves the issued request with
/// Pod's GpcProver; the page's second C# block must be the code between the markers below.
/// </summary>
public sealed partial class VerifyingRequestDocExamples
{
    [Fact]
    public async Task RequestExample_HolderVerifiedOnce_NullifierRegistered()
    {
        using var world = new RequestScenario();
        IReadOnlySet<EdDsaPublicKey> trustedIssuers = new HashSet<EdDsaPublicKey> { world.Trusted.PublicKey };
        GpcVerificationKeys keys = world.Keys;
        var registry = new NullifierRegistry(new InMemoryNullifierStore());
        TimeProvider time = world.Clock;

        // A holder with a POD of a trusted issuer: it reads the request's JSON and answers as an app would post it.
        Func<string, Task<string>> holder = requestJson => Task.Run(() =>
            RequestScenario.Answer(GpcJson.ParseProofRequest(requestJson), world.IdentityPod(world.Trusted), world.Holder).ToJson());
        // begin docs/verifying.md#requests
        // Once per process: what this verifier asks for, and the verifier over it.
        var template = new GpcProofRequestTemplate
        {
            ProofConfig = GpcJson.ParseProofConfig("""
                {"pods":{"id":{"entries":{
                    "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"},
                    "birthDate":{"isRevealed":false,"inRange":{"min":-2208988800000,"max":0}}},
                    "signerPublicKey":{"isRevealed":false,"isMemberOf":"trustedSigners"}}}}
                """),
            TrustedSigners = trustedIssuers,                          // the signer is proven one of these, not revealed
            MovingBounds = [GpcMovingBound.AgeAtLeast("id.birthDate", 18, tolerance: TimeSpan.FromDays(1))],
            ExternalNullifier = PodValue.String("airdrop-2026"),      // one claim per person
        };
        var verifier = new GpcRequestVerifier(template, keys, new InMemoryGpcChallengeStore(time), registry, time);

        // GET /request: a fresh request (a new challenge each time), as JSON for the app to hand to Zupass's z.gpc.prove.
        GpcProofRequest request = await verifier.IssueRequestAsync();
        string requestJson = GpcJson.SerializeProofRequest(request);

        // The holder proves exactly that request (Zupass in the browser; in the test, Pod's GpcProver).
        string responseJson = await holder(requestJson);

        // POST /verify: {proof, boundConfig, revealedClaims} or a serialized GPCPCD.
        GpcResponseCheck check = await verifier.CheckAsync(responseJson);
        string answer = check.IsValid
            ? $"verified, nullifier {check.NullifierHash!.Value.ToHexString()} registered"
            : $"{check.Failure.Code()}: {check.Description}";
        // end docs/verifying.md#requests

        Assert.StartsWith("verified", answer, StringComparison.Ordinal);
        Assert.True(await registry.IsRegisteredAsync(check.Scope!.Value, check.NullifierHash!.Value));
        Assert.Equal(GpcResponseFailure.NullifierUsed, (await verifier.CheckAsync(responseJson)).Failure);
    }

    [Fact]
    public void Page_ShowsTheRequestExampleAsTested()
    {
        string source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "VerifyingRequestDocExamples.cs.txt"));
        const string Start = "// begin docs/verifying.md#requests\n";
        int from = source.IndexOf(Start, StringComparison.Ordinal) + Start.Length;
        string tested = source[from..source.IndexOf("        // end docs/verifying.md#requests", from, StringComparison.Ordinal)];
        string page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "verifying.md"));
        Match block = CSharpBlocks().Matches(page).FirstOrDefault(m => m.Groups[1].Value.Contains("GpcProofRequestTemplate", StringComparison.Ordinal))!;

        Assert.NotNull(block);
        Assert.Equal(Unindent(tested, 8), block.Groups[1].Value);
    }

    private static string Unindent(string text, int columns) =>
        string.Join("\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n')
            .Select(line => line.Length >= columns && line[..columns].Trim().Length == 0 ? line[columns..] : line.TrimStart()));

    [GeneratedRegex("```csharp\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlocks();
}
