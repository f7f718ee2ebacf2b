using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Pod.Cryptography.Signatures;
using Pod.Gpc.Proving;
using Pod.Gpc.Requests;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Samples.Election;
using Pod.Samples.Workflows;
using Pod.Tests.Proving;
using Xunit;

namespace Pod.Tests.Samples;

/// <summary>
/// The anonymous election over HTTP on 127.0.0.1 (Kestrel on a free port): ballots proven with the real circuits,
/// one replaceable vote per voter, the tally, and the refusals; what is posted carries no identity.
/// </summary>
public sealed class ElectionServiceTests
{
    private const string ElectionId = "test-election";

    [Fact]
    public async Task Ballots_OneReplaceableVotePerVoter_TalliedAndNoIdentityPosted()
    {
        using EdDsaPrivateKey authority = EdDsaPrivateKey.Generate();
        var election = new Election(ElectionId, authority.PublicKey, ["alice", "bob"]);
        var prover = new GpcProver(ProvingReference.Artifacts());
        await using WebApplication app = ElectionService.Build(election, ProvingReference.Artifacts().Directory, new InMemoryNullifierStore());
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(SampleHost.Address(app)) };
        Assert.Equal("127.0.0.1", http.BaseAddress.Host);

        GpcProofRequest request = await ElectionSample.RequestAsync(http);
        JsonObject Ballot(SemaphoreIdentity voter, SignedPod pod, string choice) =>
            JsonNode.Parse(ElectionSample.Ballot(prover, voter, pod, request, choice).ToJson())!.AsObject();

        using SemaphoreIdentity voter1 = SemaphoreIdentity.Generate(), voter2 = SemaphoreIdentity.Generate();
        SignedPod pod1 = Election.IssueVoterPod(ElectionId, voter1.PublicKey, authority), pod2 = Election.IssueVoterPod(ElectionId, voter2.PublicKey, authority);

        JsonObject first = Ballot(voter1, pod1, "alice");
        string posted = first.ToJsonString();
        foreach (SemaphoreIdentity voter in new[] { voter1, voter2 })
        {
            Assert.DoesNotContain(voter.PublicKey.ToString(), posted, StringComparison.Ordinal);
            Assert.DoesNotContain(voter.Commitment.ToBigInteger().ToString(System.Globalization.CultureInfo.InvariantCulture), posted, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(pod1.ContentId.ToBigInteger().ToString(System.Globalization.CultureInfo.InvariantCulture), posted, StringComparison.Ordinal);

        Assert.Equal("recorded", await Status(http, first, HttpStatusCode.OK));
        Assert.Equal("recorded", await Status(http, Ballot(voter2, pod2, "bob"), HttpStatusCode.OK));
        Assert.Equal("replaced", await Status(http, Ballot(voter2, pod2, "alice"), HttpStatusCode.OK));
        // The same ballot again (anyone may replay it): still one vote, for the same choice.
        Assert.Equal("replaced", await Status(http, first, HttpStatusCode.OK));

        // A ballot moved to another candidate: the watermark is bound into the proof.
        JsonObject moved = (JsonObject)first.DeepClone();
        moved["revealedClaims"]!["watermark"] = "bob";
        Assert.Equal("proof_invalid", await Status(http, moved, HttpStatusCode.UnprocessableEntity));

        // A valid proof for a choice that is not on the ballot.
        Assert.Equal("unknown_choice", await Status(http, Ballot(voter1, pod1, "carol"), HttpStatusCode.Forbidden));

        // A voter POD signed by another key.
        using (EdDsaPrivateKey forger = EdDsaPrivateKey.Generate())
        using (SemaphoreIdentity outsider = SemaphoreIdentity.Generate())
        {
            SignedPod forged = Election.IssueVoterPod(ElectionId, outsider.PublicKey, forger);
            Assert.Equal("untrusted_signer", await Status(http, Ballot(outsider, forged, "bob"), HttpStatusCode.Forbidden));
        }

        Assert.Equal("malformed_proof", await Status(http, new JsonObject { ["proof"] = "x", ["boundConfig"] = "{}", ["revealedClaims"] = "{}" }, HttpStatusCode.BadRequest));

        JsonNode tally = (await http.GetFromJsonAsync<JsonNode>("/tally"))!;
        Assert.Equal(2, tally["counts"]!["alice"]!.GetValue<long>());
        Assert.Equal(0, tally["counts"]!["bob"]!.GetValue<long>());
        Assert.Equal(2, tally["voters"]!.GetValue<long>());
    }

    private static async Task<string> Status(HttpClient http, JsonObject body, HttpStatusCode expected)
    {
        HttpResponseMessage response = await http.PostAsJsonAsync("/ballots", body);
        JsonNode answer = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {answer.ToJsonString()}");
        return (answer["status"] ?? answer["code"])!.GetValue<string>();
    }
}
