using System.Globalization;
using System.Text.Json.Nodes;
using Pod.Cryptography.Fields;
using Pod.Gpc;
using Pod.Gpc.Requests;
using Pod.Identity.Registry;
using Pod.Samples.Workflows;

namespace Pod.Samples.Airdrop;

/// <summary>
/// The airdrop on 127.0.0.1: <c>GET /request</c> hands out <c>{age, nationality}</c>, two proof requests (each with a fresh
/// challenge, single use, five minutes); <c>POST /claims</c> takes <c>{age, nationality}</c>, the two proof responses, and
/// accepts the first claim per nullifier hash for this airdrop: 200 <c>{status: accepted}</c>, then 409
/// <c>nullifier_used</c>. The service never learns the birth date, the nationality, the UID or which POD.
/// </summary>
/// <remarks>
/// Both proofs are checked by the library's <see cref="GpcRequestVerifier"/>, one per template of <see cref="Airdrop"/>:
/// proof A first (it registers nothing), then proof B, whose check registers the nullifier, so a claim refused for any
/// reason spends nothing but its challenges. Errors are <c>{code, description}</c>: 400 <c>malformed_claim</c>, the
/// verifier's failure codes (docs/verifying.md), and 403 <c>wrong_scope</c> / <c>nullifier_mismatch</c> when proof A is
/// not scoped to the airdrop or not by the same identity as proof B.
/// </remarks>
internal static class AirdropService
{
    public static WebApplication Build(Airdrop airdrop, string artifactsDirectory, INullifierStore store, TimeProvider time, int port = 0)
    {
        WebApplicationBuilder builder = SampleHost.CreateBuilder(port);
        var keys = new GpcVerificationKeys(new GpcArtifacts(artifactsDirectory));
        var challenges = new InMemoryGpcChallengeStore(time);
        var age = new GpcRequestVerifier(airdrop.AgeTemplate, keys, challenges, registry: null, time);
        var nationality = new GpcRequestVerifier(airdrop.NationalityTemplate, keys, challenges, new NullifierRegistry(store), time);
        WebApplication app = builder.Build();

        app.MapGet("/request", async (CancellationToken ct) => Results.Json(new JsonObject
        {
            ["age"] = JsonNode.Parse(GpcJson.SerializeProofRequest(await age.IssueRequestAsync(ct))),
            ["nationality"] = JsonNode.Parse(GpcJson.SerializeProofRequest(await nationality.IssueRequestAsync(ct))),
        }));

        app.MapPost("/claims", async (HttpRequest http, CancellationToken ct) =>
        {
            JsonNode? body;
            try
            {
                body = JsonNode.Parse(await SampleHost.ReadTextAsync(http, ct));
            }
            catch (System.Text.Json.JsonException)
            {
                body = null;
            }

            if (body is not JsonObject { Count: 2 } claim || claim["age"] is not JsonObject ageBody || claim["nationality"] is not JsonObject nationalityBody)
            {
                return SampleHost.Error(StatusCodes.Status400BadRequest, "malformed_claim", "The body must be {age, nationality}, each a proof response {proof, boundConfig, revealedClaims}.");
            }

            GpcResponseCheck a = await age.CheckAsync(ageBody.ToJsonString(), ct);
            if (!a.IsValid)
            {
                return SampleHost.Refused(a);
            }

            if (a.Claims.Owner is not { NullifierHashV4: Fr ageNullifier } owner || owner.ExternalNullifier != airdrop.ExternalNullifier)
            {
                return SampleHost.Error(StatusCodes.Status403Forbidden, "wrong_scope", $"The age proof must reveal its nullifier hash for airdrop \"{airdrop.Id}\".");
            }

            // Compared before proof B's check registers its nullifier; proof B's claims are verified by that check, so a
            // claim that passes here and there is by one identity.
            if (ClaimedNullifier(nationalityBody) != ageNullifier)
            {
                return SampleHost.Error(StatusCodes.Status403Forbidden, "nullifier_mismatch", "The two proofs are not by the same identity for this airdrop.");
            }

            GpcResponseCheck b = await nationality.CheckAsync(nationalityBody.ToJsonString(), ct);
            return b.IsValid
                ? Results.Json(new JsonObject { ["status"] = "accepted", ["nullifierHash"] = b.NullifierHash!.Value.ToBigInteger().ToString(CultureInfo.InvariantCulture) })
                : SampleHost.Refused(b);
        });
        return app;
    }

    /// <summary>The nullifier hash a response's claims state (not yet verified), or null when there is none or they do not parse.</summary>
    private static Fr? ClaimedNullifier(JsonObject response)
    {
        try
        {
            return response["revealedClaims"] is JsonNode claims
                ? GpcJson.ParseRevealedClaims(claims is JsonValue text && text.TryGetValue(out string? json) ? json : claims.ToJsonString()).Owner?.NullifierHashV4
                : null;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            return null;
        }
    }
}
