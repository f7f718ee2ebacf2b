using System.Globalization;
using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Gpc.Requests;
using Pod.Gpc;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Samples.Demo;
using Pod.Samples.Workflows;

namespace Pod.Samples.Election;

/// <summary>
/// The ballot box on 127.0.0.1: <c>GET /election</c> (the election, its candidates, and the proof request a ballot
/// answers), <c>POST /ballots</c> (a proof response; 200 <c>{status: recorded | replaced}</c>) and <c>GET /tally</c>.
/// The service sees proofs only: never a voter POD, an identity or a voter's public key.
/// </summary>
/// <remarks>
/// Ballots are checked by the library's <see cref="GpcRequestVerifier"/> (<c>AddPodGpcVerifier</c>, the election's
/// <see cref="Election.Template"/>), then for the scope and the choice. One vote per person, replaceable: the registry
/// keeps one choice per nullifier hash and a later ballot with the same nullifier hash replaces the earlier choice, so the
/// tally counts each voter once, for their latest ballot (a voter pressed to vote one way can vote again later; the last
/// ballot counts). Errors are <c>{code, description}</c>: the verifier's failure codes (docs/verifying.md) with 400, 403
/// or 422, and 403 <c>wrong_scope</c> and <c>unknown_choice</c>.
/// </remarks>
internal static class ElectionService
{
    public static WebApplication Build(Election election, string artifactsDirectory, INullifierStore store, int port = 0)
    {
        WebApplicationBuilder builder = SampleHost.CreateBuilder(port);
        builder.Services.AddPodGpcVerifier(o =>
        {
            o.Template = election.Template;
            o.ArtifactsDirectory = artifactsDirectory;
        });
        var registry = new NullifierRegistry(store);
        Fr scope = GpcNullifiers.ExternalNullifierSignal(election.ExternalNullifier);
        WebApplication app = builder.Build();

        app.MapGet("/election", async (GpcRequestVerifier verifier, CancellationToken ct) =>
        {
            GpcProofRequest asked = await verifier.IssueRequestAsync(ct);
            var request = new GpcProofRequest { ProofConfig = asked.ProofConfig, MembershipLists = asked.MembershipLists, ExternalNullifier = election.ExternalNullifier };
            return Results.Json(new JsonObject
            {
                ["electionId"] = election.Id,
                ["candidates"] = new JsonArray([.. election.Candidates.Select(c => JsonValue.Create(c))]),
                ["request"] = JsonNode.Parse(GpcJson.SerializeProofRequest(request)),
            });
        });

        app.MapPost("/ballots", async (HttpRequest http, GpcRequestVerifier verifier, CancellationToken ct) =>
        {
            GpcResponseCheck check = await verifier.CheckAsync(await SampleHost.ReadTextAsync(http, ct), ct);
            if (!check.IsValid)
            {
                return SampleHost.Refused(check);
            }

            if (check.Claims.Owner is not { NullifierHashV4: Fr nullifierHash } owner || owner.ExternalNullifier != election.ExternalNullifier)
            {
                return SampleHost.Error(StatusCodes.Status403Forbidden, "wrong_scope", $"The ballot must reveal its nullifier hash for election \"{election.Id}\".");
            }

            if (check.Claims.Watermark is not PodStringValue { Value: string choice } || !election.Candidates.Contains(choice))
            {
                return SampleHost.Error(StatusCodes.Status403Forbidden, "unknown_choice", "The ballot's watermark is none of the candidates.");
            }

            VoteResult result = await registry.CastVoteAsync(scope, nullifierHash, PodValue.String(choice).Hash, ct);
            return Results.Json(new JsonObject
            {
                ["status"] = result == VoteResult.Recorded ? "recorded" : "replaced",
                ["choice"] = choice,
                ["nullifierHash"] = nullifierHash.ToBigInteger().ToString(CultureInfo.InvariantCulture),
            });
        });

        app.MapGet("/tally", async (CancellationToken ct) =>
        {
            VoteTally tally = await registry.TallyAsync(scope, ct);
            var counts = new JsonObject();
            foreach (string candidate in election.Candidates)
            {
                counts[candidate] = tally.CountOf(PodValue.String(candidate).Hash);
            }

            return Results.Json(new JsonObject { ["counts"] = counts, ["voters"] = tally.TotalVotes });
        });

        // The live tally page (docs/demo.md).
        app.MapDemoPages(DemoPages.FindWebRoot());
        return app;
    }
}
