using System.Text.Json.Nodes;
using Pod.Gpc.Requests;
using Pod.Gpc;
using Pod.Identity;

namespace Pod.Hosting;

/// <summary>
/// The GPC verifier service's endpoints, a thin host over <see cref="GpcRequestVerifier"/>:
/// <c>GET /request</c> issues a proof request (a fresh watermark challenge on each call), <c>POST /verify</c> takes the
/// response (<c>{proof, boundConfig, revealedClaims}</c> or a serialized GPCPCD) and answers
/// <c>{"status": "verified", "firstUse": true, ...}</c>, <c>GET /health</c> reports the policy.
/// Every failure is <c>{code, description}</c>: 400 (malformed), 403 (a proof of something else than requested),
/// 404/405 (no such endpoint), 409 (nullifier or challenge already used), 413 (body too large), 422 (proof invalid)
/// and 500 (artifacts or stores unavailable, other failures). See docs/verifying.md for the table.
/// </summary>
internal static class GpcVerifierEndpoints
{
    /// <summary>Every error code the service answers with, and its HTTP status.</summary>
    public static IReadOnlyDictionary<string, int> ErrorCodes { get; } = BuildErrorCodes();

    /// <summary>The codes of the failures outside the endpoints (Pod.Hosting), in this service's naming.</summary>
    public static ServiceErrorCodes HostingCodes { get; } = new(
        NotFound: "not_found", MethodNotAllowed: "method_not_allowed", UnsupportedMediaType: "unsupported_media_type", RequestTooLarge: "request_too_large",
        MalformedBody: "malformed_json", RateLimited: "rate_limited", InternalError: "internal_error", OtherStatusPrefix: "http_");

    /// <summary>The shared middleware (errors, rate limit, JSON bodies) and the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        app.UseServiceHosting();
        app.MapGet("/health", (GpcRequestVerifier verifier, ILogger<GpcRequestVerifier> log) =>
        {
            if (!verifier.TryLoadVerificationKeys(out string? problem))
            {
                log.LogError("The GPC verification keys are unavailable: {Problem}", problem);
                return Error("artifacts_unavailable", GpcResponseFailure.ArtifactsUnavailable.Describe() + " See the server's log.");
            }

            GpcProofRequestTemplate t = verifier.Template;
            return Results.Json(new JsonObject
            {
                ["status"] = "ok",
                ["externalNullifier"] = t.ExternalNullifier is { } n ? JsonNode.Parse(n.ToString()) : null,
                ["scope"] = t.ExternalNullifier is { } e ? GpcNullifiers.ExternalNullifierSignal(e).ToHexString() : null,
                ["watermark"] = t.WatermarkPolicy.ToString().ToLowerInvariant(),
                ["trustedSigners"] = new JsonArray([.. t.TrustedSigners.Select(k => JsonValue.Create(k.ToString()))]),
            });
        }).DisableRateLimiting();
        app.MapGet("/request", async (HttpContext http, GpcRequestVerifier verifier, CancellationToken ct) =>
        {
            GpcProofRequest request = await verifier.IssueRequestAsync(ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Text(GpcJson.SerializeProofRequest(request), "application/json");
        });
        app.MapPost("/verify", async (HttpRequest http, GpcRequestVerifier verifier, ILogger<GpcRequestVerifier> log, CancellationToken ct) =>
        {
            // The hosting layer has already read the body within its limit and checked it is UTF-8 JSON text.
            using var reader = new StreamReader(http.Body);
            string body = await reader.ReadToEndAsync(ct);

            GpcResponseCheck check = await verifier.CheckAsync(body, ct);
            if (!check.IsValid)
            {
                if (ErrorCodes[check.Failure.Code()] >= StatusCodes.Status500InternalServerError)
                {
                    string? detail = check.Failure == GpcResponseFailure.ArtifactsUnavailable && !verifier.TryLoadVerificationKeys(out string? problem) ? problem : null;
                    log.LogError("Verification failed on the server's side: {Code}: {Description} {Detail}", check.Failure.Code(), check.Description, detail);
                }

                return Error(check.Failure.Code(), check.Description);
            }

            return Results.Json(new JsonObject
            {
                ["status"] = "verified",
                ["firstUse"] = true,
                ["nullifierHash"] = check.NullifierHash?.ToHexString(),
                ["scope"] = check.Scope?.ToHexString(),
                ["circuitIdentifier"] = check.CircuitIdentifier,
                ["revealedClaims"] = JsonNode.Parse(GpcJson.SerializeRevealedClaims(check.Claims)),
            });
        });

    }

    private static Dictionary<string, int> BuildErrorCodes()
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["not_found"] = StatusCodes.Status404NotFound,
            ["method_not_allowed"] = StatusCodes.Status405MethodNotAllowed,
            ["unsupported_media_type"] = StatusCodes.Status415UnsupportedMediaType,
            ["rate_limited"] = StatusCodes.Status429TooManyRequests,
            ["request_too_large"] = StatusCodes.Status413PayloadTooLarge,
            ["internal_error"] = StatusCodes.Status500InternalServerError,
        };
        foreach (GpcResponseFailure failure in Enum.GetValues<GpcResponseFailure>().Where(f => f != GpcResponseFailure.None))
        {
            codes[failure.Code()] = failure switch
            {
                GpcResponseFailure.MalformedJson or GpcResponseFailure.MalformedRequest or GpcResponseFailure.MalformedProof
                    or GpcResponseFailure.MalformedBoundConfig or GpcResponseFailure.MalformedRevealedClaims => StatusCodes.Status400BadRequest,
                GpcResponseFailure.NullifierUsed or GpcResponseFailure.WatermarkUsed => StatusCodes.Status409Conflict,
                GpcResponseFailure.ProofInvalid => StatusCodes.Status422UnprocessableEntity,
                GpcResponseFailure.ArtifactsUnavailable or GpcResponseFailure.RegistryUnavailable
                    or GpcResponseFailure.ChallengeStoreUnavailable => StatusCodes.Status500InternalServerError,
                _ => StatusCodes.Status403Forbidden,
            };
        }

        return codes;
    }

    private static IResult Error(string code, string description) =>
        Results.Json(new ErrorBody(code, description), statusCode: ErrorCodes[code]);

    /// <summary>The JSON error body, written as <c>{"code": ..., "description": ...}</c>.</summary>
    internal sealed record ErrorBody(string Code, string Description);
}
