using System.Text.Json.Nodes;
using Pod.Gpc;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Xunit;

namespace Pod.Tests.Issuers;

/// <summary>
/// An identity POD from the TLS issuer fits the GPC circuits that take membership lists (docs/tls-issuer.md,
/// "Issued entries"): the circuits are chosen by their parameters, never by name.
/// </summary>
public sealed class TlsPodCircuitFitTests
{
    private static IEnumerable<GpcCircuitDescription> ListCircuits => GpcCircuitFamily.All.Where(c => c.MaxLists > 0);

    /// <summary>The harness's spec with string claims added until it declares as many entries as a spec may.</summary>
    private static string SpecWithClaims(int count)
    {
        JsonObject spec = JsonNode.Parse(IssuerHarness.SpecJson)!.AsObject();
        JsonArray claims = spec["claims"]!.AsArray();
        int declared = claims.Count + (spec["derived"]?.AsArray().Count ?? 0);
        for (int i = 0; declared < count; i++, declared++)
        {
            claims.Add(new JsonObject { ["entry"] = $"extra_{i}", ["path"] = "$.person.country", ["type"] = "string" });
        }

        return spec.ToJsonString();
    }

    [Fact]
    public async Task Issue_MostClaimsASpecMayDeclare_FitsEveryCircuitWithLists()
    {
        using var h = new IssuerHarness(specJson: SpecWithClaims(TlsPodEntries.MaxClaimEntries));
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        TlsIssuanceResult result = await h.Issuer.IssueAsync(await h.RequestAsync(owner));
        Assert.True(result.Succeeded, result.ToString());

        Assert.Equal(TlsPodEntries.MaxClaimEntries, result.Pod.Entries.Keys.Count(k => !TlsPodEntries.IsReserved(k)));
        Assert.NotEmpty(ListCircuits);
        Assert.All(ListCircuits, c => Assert.True(
            result.Pod.Content.MerkleTreeDepth <= c.MerkleMaxDepth,
            $"Depth {result.Pod.Content.MerkleTreeDepth} exceeds {c.Identifier}'s {c.MerkleMaxDepth}."));

        // "My nationality is not on this list", with a list as long as the cheapest list circuit takes, binds to that circuit.
        GpcCircuitDescription cheapest = ListCircuits.MinBy(c => c.Cost)!;
        GpcProofConfig config = GpcJson.ParseProofConfig("""
            {"pods":{"id":{"entries":{
                "nationality":{"isRevealed":false,"isNotMemberOf":"banned"},
                "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}
            """);
        var inputs = new GpcProofInputs
        {
            Pods = new Dictionary<string, SignedPod> { ["id"] = result.Pod },
            Owner = new GpcProofOwnerInputs { SemaphoreV4 = owner },
            MembershipLists = new Dictionary<string, GpcMembershipList>
            {
                ["banned"] = GpcMembershipList.Of(Enumerable.Range(0, cheapest.MaxListElements).Select(i => PodValue.String($"X{i:D2}"))),
            },
        };
        Assert.Equal(cheapest, GpcCompiler.CheckProvable(config, inputs).Circuit);
    }

    [Fact]
    public void Parse_OneClaimMoreThanAllowed_FormatExceptionNamingTheLimit()
    {
        FormatException e = Assert.Throws<FormatException>(() => ProviderSpec.Parse(SpecWithClaims(TlsPodEntries.MaxClaimEntries + 1)));
        Assert.Contains($"at most {TlsPodEntries.MaxClaimEntries}", e.Message, StringComparison.Ordinal);
    }
}
