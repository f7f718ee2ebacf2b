using System.Text.RegularExpressions;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Gpc.Requests;
using Pod.Identity;
using Pod.Tests.Proving;
using Xunit;

namespace Pod.Tests.Docs;

/// <summary>The holder-side example of docs/proving.md, run on the installed circuits, and the page showing it as tested.</summary>
public sealed partial class ProvingDocExamples
{
    private static string Page => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "proving.md"));

    [Fact]
    public async Task AnswerARequest_Example()
    {
        string artifactsDirectory = ProvingReference.Artifacts().Directory;
        using EdDsaPrivateKey issuerKey = EdDsaPrivateKey.Generate();
        using SemaphoreIdentity holder = SemaphoreIdentity.Generate();
        SignedPod ticket = SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue>
        {
            ["eventId"] = PodValue.String("devcon-7"),
            ["owner"] = holder.ToOwnerValue(),
        }), issuerKey);
        var verifier = new GpcRequestVerifier(
            new GpcProofRequestTemplate
            {
                ProofConfig = GpcJson.ParseProofConfig("""{"pods":{"ticket":{"entries":{"eventId":{"isRevealed":true},"owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}"""),
                TrustedSigners = new HashSet<EdDsaPublicKey> { issuerKey.PublicKey },
            },
            new GpcVerificationKeys(new GpcArtifacts(artifactsDirectory)), new InMemoryGpcChallengeStore(TimeProvider.System), registry: null);
        string requestJson = GpcJson.SerializeProofRequest(await verifier.IssueRequestAsync());

        // begin docs/proving.md
        // Once per process: the prover (thread-safe; each circuit is read and checked on first use, then kept).
        var prover = new GpcProver(new GpcArtifacts(artifactsDirectory));

        // The holder's side: the verifier's request (GET /request), the holder's PODs and identity.
        GpcProofRequest request = GpcJson.ParseProofRequest(requestJson);
        var owner = new GpcProofOwnerInputs { SemaphoreV4 = holder };
        GpcProvingResult result = prover.Prove(request, new Dictionary<string, SignedPod> { ["ticket"] = ticket }, owner);

        // What is posted back: {proof, boundConfig, revealedClaims}; no POD, no identity.
        string responseJson = result.ToResponse().ToJson();
        // end docs/proving.md

        GpcResponseCheck check = await verifier.CheckAsync(responseJson);
        Assert.True(check.IsValid, check.ToString());
        Assert.Equal(PodValue.String("devcon-7"), check.Claims.Pods["ticket"].Entries!["eventId"]);
        Assert.DoesNotContain(holder.PublicKey.ToString(), responseJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_ShowsTheExampleAsTested()
    {
        string source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "ProvingDocExamples.cs.txt"));
        int start = source.IndexOf("// begin docs/proving.md\n", StringComparison.Ordinal) + "// begin docs/proving.md\n".Length;
        string tested = source[start..source.IndexOf("        // end docs/proving.md", StringComparison.Ordinal)];
        string page = Page;
        Match block = CSharpBlock().Match(page, page.IndexOf("## Answering a verifier's request", StringComparison.Ordinal));

        Assert.True(block.Success);
        Assert.Equal(string.Join('\n', tested.TrimEnd('\n').Split('\n').Select(l => l.Length >= 8 ? l[8..] : l.TrimStart())), block.Groups[1].Value);
    }

    [GeneratedRegex("```csharp\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
