using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Gpc.Artifacts;
using Pod.Gpc.Config;
using Pod.Gpc.Serialization;
using Pod.Gpc.Verification;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Issuers.Tls;
using Pod.Samples.Workflows;

namespace Pod.Samples.Airdrop;

/// <summary>
/// The airdrop on 127.0.0.1: <c>GET /request</c> hands out an <see cref="AirdropRequest"/> with a fresh challenge (single
/// use, five minutes), <c>POST /claims</c> takes <c>{challenge, age, nationality}</c> (two <see cref="ProofBody"/>s) and
/// accepts the first claim per nullifier hash (one per UID-bound identity) for this airdrop: 200 <c>{status: accepted}</c>,
/// then 409 <c>already_claimed</c>. The service never learns the birth date, the nationality, the UID or the POD.
/// </summary>
/// <remarks>
/// Errors are <c>{code, description}</c>: 400 <c>malformed_claim</c>; 403 <c>unknown_challenge</c> (never issued, used,
/// or expired), <c>unexpected_config</c>, <c>untrusted_signer</c>, <c>wrong_pod_type</c>, <c>watermark_mismatch</c>,
/// <c>wrong_scope</c>, <c>list_mismatch</c>, <c>nullifier_mismatch</c>; 409 <c>already_claimed</c>; 422 <c>proof_invalid</c>.
/// </remarks>
internal static class AirdropService
{
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(5);

    public static WebApplication Build(string airdropId, EdDsaPublicKey issuer, IReadOnlyList<string> banned, string artifactsDirectory,
        INullifierStore store, TimeProvider time, int port = 0)
    {
        WebApplicationBuilder builder = SampleHost.CreateBuilder(port);
        var keys = new GpcVerificationKeys(new GpcArtifacts(artifactsDirectory));
        var registry = new NullifierRegistry(store);
        var pending = new ConcurrentDictionary<string, (AirdropRequest Request, DateTimeOffset Expires)>(StringComparer.Ordinal);
        WebApplication app = builder.Build();

        app.MapGet("/request", () =>
        {
            DateTimeOffset now = time.GetUtcNow();
            foreach (KeyValuePair<string, (AirdropRequest, DateTimeOffset Expires)> old in pending.Where(p => p.Value.Expires <= now))
            {
                pending.TryRemove(old);
            }

            var request = new AirdropRequest(airdropId, issuer, Base64Url(RandomNumberGenerator.GetBytes(16)), now, banned);
            pending[request.Challenge] = (request, now + ChallengeLifetime);
            return Results.Json(request.ToJson());
        });

        app.MapPost("/claims", async (HttpRequest http, CancellationToken ct) =>
        {
            JsonNode? body = await SampleHost.ReadJsonAsync(http, ct);
            if (body is not JsonObject { Count: 3 } o || o["challenge"] is not JsonValue challengeNode || !challengeNode.TryGetValue(out string? challenge)
                || !ProofBody.TryParse(o["age"], out ProofBody? age, out string? malformed) || !ProofBody.TryParse(o["nationality"], out ProofBody? nationality, out malformed))
            {
                return SampleHost.Error(StatusCodes.Status400BadRequest, "malformed_claim", "The body must be {challenge, age, nationality}, the two proofs as {proof, boundConfig, revealedClaims}.");
            }

            // Single use: the challenge is gone whatever the outcome.
            if (!pending.TryRemove(challenge, out (AirdropRequest Request, DateTimeOffset Expires) issued) || issued.Expires <= time.GetUtcNow())
            {
                return SampleHost.Error(StatusCodes.Status403Forbidden, "unknown_challenge", "The challenge was never issued here, was used, or expired.");
            }

            AirdropRequest request = issued.Request;
            Fr? nullifier = null;
            foreach ((ProofBody proof, GpcProofConfig config) in new[] { (age!, request.AgeConfig), (nationality!, AirdropRequest.NationalityConfig) })
            {
                if (ProofCheck.Verify(proof, config, keys, out string? code, out string? description) is not GpcRevealedClaims claims)
                {
                    return SampleHost.Error(code == "proof_invalid" ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status403Forbidden, code!, description!);
                }

                if (Refusal(claims, request, ref nullifier) is IResult refused)
                {
                    return refused;
                }
            }

            RegistrationResult result = await registry.RegisterAsync(GpcNullifiers.ExternalNullifierSignal(request.ExternalNullifier), nullifier!.Value, ct);
            return result == RegistrationResult.FirstUse
                ? Results.Json(new JsonObject { ["status"] = "accepted", ["nullifierHash"] = nullifier.Value.ToBigInteger().ToString(CultureInfo.InvariantCulture) })
                : SampleHost.Error(StatusCodes.Status409Conflict, "already_claimed", "This identity has claimed this airdrop already.");
        });
        return app;
    }

    /// <summary>What the service requires of each proof's claims beyond the config; null when all holds.</summary>
    private static IResult? Refusal(GpcRevealedClaims claims, AirdropRequest request, ref Fr? nullifier)
    {
        GpcRevealedObjectClaims id = claims.Pods["id"];
        if (id.SignerPublicKey != request.Issuer)
        {
            return SampleHost.Error(StatusCodes.Status403Forbidden, "untrusted_signer", "The identity POD is not from the trusted issuer.");
        }

        if (id.Entries!["pod_type"] != Pods.PodValue.String(TlsPodEntries.PodTypeValue))
        {
            return SampleHost.Error(StatusCodes.Status403Forbidden, "wrong_pod_type", $"The POD is not a {TlsPodEntries.PodTypeValue}.");
        }

        if (claims.Watermark != request.Watermark)
        {
            return SampleHost.Error(StatusCodes.Status403Forbidden, "watermark_mismatch", "The proof is not bound to the challenge.");
        }

        if (claims.Owner?.ExternalNullifier != request.ExternalNullifier || claims.Owner.NullifierHashV4 is not Fr hash)
        {
            return SampleHost.Error(StatusCodes.Status403Forbidden, "wrong_scope", $"The proof is not scoped to airdrop \"{request.AirdropId}\".");
        }

        // The verifier's list, not one of the prover's choosing.
        if (claims.MembershipLists is { } lists && GpcJson.SerializeMembershipLists(lists)
            != GpcJson.SerializeMembershipLists(new Dictionary<string, GpcMembershipList> { ["banned"] = request.BannedList }))
        {
            return SampleHost.Error(StatusCodes.Status403Forbidden, "list_mismatch", "The proof's list is not the airdrop's banned list.");
        }

        if (nullifier is Fr first && first != hash)
        {
            return SampleHost.Error(StatusCodes.Status403Forbidden, "nullifier_mismatch", "The two proofs are not by the same identity.");
        }

        nullifier = hash;
        return null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
