using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Pod.Cryptography.Fields;
using Pod.Gpc.Artifacts;
using Pod.Gpc.Config;
using Pod.Gpc.Verification;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Pods;
using Pod.Samples.Workflows;

namespace Pod.Samples.Election;

/// <summary>
/// The ballot box on 127.0.0.1: <c>GET /election</c> (id, authority, candidates, the ballot's proof config),
/// <c>POST /ballots</c> (a <see cref="ProofBody"/>; 200 <c>{status: recorded | replaced}</c>) and <c>GET /tally</c>.
/// The service sees proofs only: never a voter POD, an identity or a public key of a voter.
/// </summary>
/// <remarks>
/// One vote per person, replaceable: the registry keeps one choice per nullifier hash, and a later ballot with the same
/// nullifier hash replaces the earlier choice, so the tally counts each voter once, for their latest ballot (a voter
/// under pressure can vote again later; the last word counts). Errors are <c>{code, description}</c>: 400
/// <c>malformed_ballot</c>, 403 <c>unexpected_config</c>, <c>untrusted_signer</c>, <c>wrong_election</c>,
/// <c>unknown_choice</c>, 422 <c>proof_invalid</c>.
/// </remarks>
internal static class ElectionService
{
    public static WebApplication Build(Election election, string artifactsDirectory, INullifierStore store, int port = 0)
    {
        WebApplicationBuilder builder = SampleHost.CreateBuilder(port);
        var keys = new GpcVerificationKeys(new GpcArtifacts(artifactsDirectory));
        var registry = new NullifierRegistry(store);
        Fr scope = GpcNullifiers.ExternalNullifierSignal(election.ExternalNullifier);
        WebApplication app = builder.Build();

        app.MapGet("/election", () => Results.Json(new JsonObject
        {
            ["electionId"] = election.Id,
            ["authority"] = election.Authority.ToString(),
            ["candidates"] = new JsonArray([.. election.Candidates.Select(c => JsonValue.Create(c))]),
            ["proofConfig"] = JsonNode.Parse(Election.BallotConfigJson),
        }));

        app.MapPost("/ballots", async (HttpRequest http, CancellationToken ct) =>
        {
            if (!ProofBody.TryParse(await SampleHost.ReadJsonAsync(http, ct), out ProofBody? ballot, out string? malformed))
            {
                return SampleHost.Error(StatusCodes.Status400BadRequest, "malformed_ballot", malformed!);
            }

            if (ProofCheck.Verify(ballot!, Election.BallotConfig, keys, out string? code, out string? description) is not GpcRevealedClaims claims)
            {
                return SampleHost.Error(code == "proof_invalid" ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status403Forbidden, code!, description!);
            }

            GpcRevealedObjectClaims voter = claims.Pods["voter"];
            if (voter.SignerPublicKey != election.Authority)
            {
                return SampleHost.Error(StatusCodes.Status403Forbidden, "untrusted_signer", "The voter POD is not from this election's authority.");
            }

            if (voter.Entries!["electionId"] != election.ExternalNullifier || claims.Owner?.ExternalNullifier != election.ExternalNullifier
                || claims.Owner.NullifierHashV4 is not Fr nullifierHash)
            {
                return SampleHost.Error(StatusCodes.Status403Forbidden, "wrong_election", $"The ballot is not for election \"{election.Id}\".");
            }

            if (claims.Watermark is not PodStringValue { Value: string choice } || !election.Candidates.Contains(choice))
            {
                return SampleHost.Error(StatusCodes.Status403Forbidden, "unknown_choice", "The ballot's watermark is none of the candidates.");
            }

            VoteResult result = await registry.CastVoteAsync(scope, nullifierHash, PodValue.String(choice).Hash, ct);
            return Results.Json(new JsonObject
            {
                ["status"] = result == VoteResult.Recorded ? "recorded" : "replaced",
                ["choice"] = choice,
                ["nullifierHash"] = nullifierHash.ToBigInteger().ToString(System.Globalization.CultureInfo.InvariantCulture),
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
        return app;
    }
}
