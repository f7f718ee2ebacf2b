using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pod.Gpc.Requests;
using Pod.Gpc.Serialization;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Samples.Demo;

namespace Pod.Samples.Verifier;

/// <summary>
/// The GPC verifier web service on 127.0.0.1, a thin host over <see cref="GpcRequestVerifier"/>:
/// <c>GET /request</c> issues a proof request (a fresh watermark challenge on each call), <c>POST /verify</c> takes the
/// response (<c>{proof, boundConfig, revealedClaims}</c> or a serialized GPCPCD) and answers
/// <c>{"status": "verified", "firstUse": true, ...}</c>, <c>GET /health</c> reports the policy.
/// Every failure is <c>{code, description}</c>: 400 (malformed), 403 (a proof of something else than requested),
/// 404/405 (no such endpoint), 409 (nullifier or challenge already used), 413 (body too large), 422 (proof invalid)
/// and 500 (artifacts or stores unavailable, other failures). See docs/verifying.md for the table.
/// </summary>
internal static class GpcVerifierService
{
    /// <summary>Every error code the service answers with, and its HTTP status.</summary>
    public static IReadOnlyDictionary<string, int> ErrorCodes { get; } = BuildErrorCodes();

    /// <summary>Builds the service, listening on 127.0.0.1 (port 0: any free port).</summary>
    public static WebApplication Build(GpcVerifierOptions options, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, port);
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (options.TimeProvider is { } time)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddPodIdentity(o => o.SqlitePath = options.RegistryPath);
        builder.Services.AddPodGpcVerifier(o =>
        {
            o.Template = options.Template;
            o.ArtifactsDirectory = options.ArtifactsDirectory;
        });

        WebApplication app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = http =>
            {
                Exception? e = http.Features.Get<IExceptionHandlerFeature>()?.Error;
                return (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                    ? Error("request_too_large", $"The body is larger than {options.MaxRequestBodyBytes} bytes.")
                    : Error("internal_error", "The server failed; see its log.")).ExecuteAsync(http);
            },
        });
        app.UseStatusCodePages(context => context.HttpContext.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => Error("not_found", "No such endpoint: GET /health, GET /request, POST /verify.").ExecuteAsync(context.HttpContext),
            StatusCodes.Status405MethodNotAllowed => Error("method_not_allowed", "Use GET /health, GET /request and POST /verify.").ExecuteAsync(context.HttpContext),
            int status => Results.Json(new ErrorBody("http_" + status, "The request failed."), statusCode: status).ExecuteAsync(context.HttpContext),
        });

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
        });
        app.MapGet("/request", async (HttpContext http, GpcRequestVerifier verifier, CancellationToken ct) =>
        {
            GpcProofRequest request = await verifier.IssueRequestAsync(ct);
            http.Response.Headers.CacheControl = "no-store";
            return Results.Text(GpcJson.SerializeProofRequest(request), "application/json");
        });
        app.MapPost("/verify", async (HttpRequest http, GpcRequestVerifier verifier, ILogger<GpcRequestVerifier> log, CancellationToken ct) =>
        {
            string body;
            try
            {
                using var reader = new StreamReader(http.Body);
                body = await reader.ReadToEndAsync(ct);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Error("request_too_large", $"The body is larger than {options.MaxRequestBodyBytes} bytes.");
            }

            GpcResponseCheck check = await verifier.CheckAsync(body, ct);
            if (!check.IsValid)
            {
                if (ErrorCodes[check.Failure.Code()] >= StatusCodes.Status500InternalServerError)
                {
                    log.LogError("Verification failed on the server's side: {Code}: {Description}", check.Failure.Code(), check.Description);
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

        // The demo pages (docs/demo.md) and the circuit files they prove with.
        app.MapGpcArtifacts(options.ArtifactsDirectory);
        app.MapDemoPages(DemoPages.FindWebRoot());
        return app;
    }

    private static Dictionary<string, int> BuildErrorCodes()
    {
        var codes = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["not_found"] = StatusCodes.Status404NotFound,
            ["method_not_allowed"] = StatusCodes.Status405MethodNotAllowed,
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
