using System.Data.Common;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pod.Cryptography.Fields;
using Pod.Gpc.Compilation;
using Pod.Gpc.Config;
using Pod.Gpc.Serialization;
using Pod.Gpc.Verification;
using Pod.Identity.Registry;
using Pod.Samples.Demo;

namespace Pod.Samples.Verifier;

/// <summary>
/// The GPC verifier web service on 127.0.0.1: <c>GET /health</c> and <c>POST /verify</c>, which takes
/// <c>{"proof", "boundConfig", "revealedClaims"}</c> in @pcd/gpc's JSON (each an object, or its JSON text), verifies the
/// proof, checks what it proves against the service's policy (circuit, config, scope, issuers, revealed entries, watermark), and
/// registers the owner's nullifier once per election (airdrop semantics: the second use is refused).
/// Every failure is <c>{code, description}</c>: 400 (malformed request, proof, config or claims), 403 (a valid proof the
/// policy refuses), 404/405 (no such endpoint), 409 (nullifier already used), 413 (body too large), 422 (proof invalid)
/// and 500 (artifacts or registry unavailable, other failures). See docs/verifying.md for the table.
/// </summary>
internal static class GpcVerifierService
{
    /// <summary>Every error code the service answers with, and its HTTP status.</summary>
    public static IReadOnlyDictionary<string, int> ErrorCodes { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["malformed_json"] = StatusCodes.Status400BadRequest,
        ["malformed_request"] = StatusCodes.Status400BadRequest,
        ["malformed_proof"] = StatusCodes.Status400BadRequest,
        ["malformed_bound_config"] = StatusCodes.Status400BadRequest,
        ["malformed_revealed_claims"] = StatusCodes.Status400BadRequest,
        ["unexpected_circuit"] = StatusCodes.Status403Forbidden,
        ["unexpected_config"] = StatusCodes.Status403Forbidden,
        ["nullifier_required"] = StatusCodes.Status403Forbidden,
        ["wrong_scope"] = StatusCodes.Status403Forbidden,
        ["signer_not_revealed"] = StatusCodes.Status403Forbidden,
        ["untrusted_signer"] = StatusCodes.Status403Forbidden,
        ["entry_mismatch"] = StatusCodes.Status403Forbidden,
        ["watermark_mismatch"] = StatusCodes.Status403Forbidden,
        ["not_found"] = StatusCodes.Status404NotFound,
        ["method_not_allowed"] = StatusCodes.Status405MethodNotAllowed,
        ["nullifier_used"] = StatusCodes.Status409Conflict,
        ["request_too_large"] = StatusCodes.Status413PayloadTooLarge,
        ["proof_invalid"] = StatusCodes.Status422UnprocessableEntity,
        ["artifacts_unavailable"] = StatusCodes.Status500InternalServerError,
        ["registry_unavailable"] = StatusCodes.Status500InternalServerError,
        ["internal_error"] = StatusCodes.Status500InternalServerError,
    };

    private static readonly HashSet<string> RequestMembers = new(StringComparer.Ordinal) { "proof", "boundConfig", "revealedClaims" };

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
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new GpcVerifierState(sp.GetRequiredService<GpcVerifierOptions>()));

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
            StatusCodes.Status404NotFound => Error("not_found", "No such endpoint: GET /health, POST /verify.").ExecuteAsync(context.HttpContext),
            StatusCodes.Status405MethodNotAllowed => Error("method_not_allowed", "Use GET /health and POST /verify.").ExecuteAsync(context.HttpContext),
            int status => Results.Json(new ErrorBody("http_" + status, "The request failed."), statusCode: status).ExecuteAsync(context.HttpContext),
        });

        app.MapGet("/health", (GpcVerifierState state, ILogger<GpcVerifierState> log) =>
        {
            if (CheckArtifacts(state, log) is IResult unavailable)
            {
                return unavailable;
            }

            GpcVerifierOptions o = state.Options;
            return Results.Json(new JsonObject
            {
                ["status"] = "ok",
                ["externalNullifier"] = JsonNode.Parse(o.ExternalNullifier.ToString()),
                ["scope"] = state.Scope.ToHexString(),
                ["allowedCircuits"] = new JsonArray([.. o.AllowedCircuits.Order(StringComparer.Ordinal).Select(c => JsonValue.Create(c))]),
                ["trustedSigners"] = new JsonArray([.. o.TrustedSigners.Select(k => JsonValue.Create(k.ToString()))]),
            });
        });
        app.MapPost("/verify", (Delegate)VerifyAsync);

        // The demo pages (docs/demo.md) and the circuit files they prove with.
        app.MapGpcArtifacts(options.ArtifactsDirectory);
        app.MapDemoPages(DemoPages.FindWebRoot());
        return app;
    }

    private static async Task<IResult> VerifyAsync(HttpRequest http, GpcVerifierState state, ILogger<GpcVerifierState> log, CancellationToken ct)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Body, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowDuplicateProperties = false }, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return Error("malformed_json", "The body is not well-formed JSON.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Error("request_too_large", $"The body is larger than {state.Options.MaxRequestBodyBytes} bytes.");
        }

        if (body is not JsonObject request)
        {
            return Error("malformed_request", "The body must be a JSON object {\"proof\", \"boundConfig\", \"revealedClaims\"}.");
        }

        if (request.Select(p => p.Key).FirstOrDefault(k => !RequestMembers.Contains(k)) is string unknown)
        {
            return Error("malformed_request", $"Unknown member \"{unknown}\": the body has proof, boundConfig and revealedClaims only.");
        }

        foreach (string name in RequestMembers)
        {
            if (Text(request[name]) is null)
            {
                return Error("malformed_request", $"{name} is missing: it must be a JSON object (or the JSON text of one).");
            }
        }

        if (!Groth16Proof.TryParse(Text(request["proof"]), out Groth16Proof? proof))
        {
            return Error("malformed_proof", "proof is not a BN254 Groth16 proof in snarkjs's JSON (pi_a, pi_b, pi_c; points on the curve, coordinates below p).");
        }

        GpcBoundConfig boundConfig;
        GpcRevealedClaims claims;
        try
        {
            boundConfig = GpcJson.ParseBoundConfig(Text(request["boundConfig"])!);
        }
        catch (Exception e) when (e is FormatException or GpcConfigException)
        {
            return Error("malformed_bound_config", "boundConfig: " + e.Message);
        }

        try
        {
            claims = GpcJson.ParseRevealedClaims(Text(request["revealedClaims"])!);
        }
        catch (Exception e) when (e is FormatException or GpcConfigException)
        {
            return Error("malformed_revealed_claims", "revealedClaims: " + e.Message);
        }

        // What was proven matters as much as whether it verifies: first the circuit (cheap, before any pairing).
        GpcVerifierOptions policy = state.Options;
        if (!policy.AllowedCircuits.Contains(boundConfig.CircuitIdentifier))
        {
            return Error("unexpected_circuit", $"The proof is for circuit {boundConfig.CircuitIdentifier}, which this verifier does not accept.");
        }

        if (policy.ExpectedBoundConfigs is { } configs && !configs.Contains(GpcJson.SerializeBoundConfig(boundConfig)))
        {
            return Error("unexpected_config", "The bound config is not one this verifier asks for: it proves another statement.");
        }

        GpcVerificationResult result;
        try
        {
            result = GpcVerifier.Verify(proof!, boundConfig, claims, state.Keys);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
        {
            // Missing directory or file (IOException), a file that differs from its pin (InvalidDataException).
            log.LogError(e, "The GPC verification key of {Circuit} is unavailable.", boundConfig.CircuitIdentifier);
            return Error("artifacts_unavailable", "The server's circuit verification keys are missing or do not match their pinned SHA-256; see its log.");
        }

        if (!result.IsValid)
        {
            return Error("proof_invalid", result.Failure!);
        }

        if (CheckPolicy(result, state) is IResult refused)
        {
            return refused;
        }

        RegistrationResult registration;
        try
        {
            registration = await state.Registry.RegisterAsync(state.Scope, result.NullifierHash!.Value, ct);
        }
        catch (DbException e)
        {
            log.LogError(e, "The nullifier registry failed.");
            return Error("registry_unavailable", "The nullifier registry is unavailable; nothing was recorded. Retry later.");
        }

        if (registration == RegistrationResult.AlreadyRegistered)
        {
            return Error("nullifier_used", "This identity has already used a proof for this election: its nullifier is registered.");
        }

        return Results.Json(new JsonObject
        {
            ["status"] = "verified",
            ["firstUse"] = true,
            ["nullifierHash"] = result.NullifierHash.Value.ToHexString(),
            ["scope"] = state.Scope.ToHexString(),
            ["circuitIdentifier"] = boundConfig.CircuitIdentifier,
            ["revealedClaims"] = JsonNode.Parse(GpcJson.SerializeRevealedClaims(result.Claims!)),
        });
    }

    /// <summary>The policy on a valid proof's claims: a nullifier in this election's scope, trusted issuers, required entries, watermark.</summary>
    private static IResult? CheckPolicy(GpcVerificationResult result, GpcVerifierState state)
    {
        GpcVerifierOptions policy = state.Options;
        GpcRevealedClaims claims = result.Claims!;
        if (result.NullifierHash is null || result.ExternalNullifier is not Fr scope)
        {
            return Error("nullifier_required", "The proof must reveal its owner's nullifier hash (isOwnerID with an external nullifier).");
        }

        if (scope != state.Scope)
        {
            return Error("wrong_scope", $"The proof's external nullifier is {claims.Owner!.ExternalNullifier}, not this election's {policy.ExternalNullifier}.");
        }

        foreach ((string name, GpcRevealedObjectClaims pod) in claims.Pods)
        {
            if (pod.SignerPublicKey is not { } signer)
            {
                return Error("signer_not_revealed", $"POD \"{name}\" does not reveal its signer, so its issuer cannot be checked.");
            }

            if (!policy.TrustedSigners.Contains(signer))
            {
                return Error("untrusted_signer", $"POD \"{name}\" is signed by {signer}, which is not a trusted issuer.");
            }
        }

        foreach (((string podName, string entry), var expected) in policy.RequiredEntries)
        {
            if (!claims.Pods.TryGetValue(podName, out GpcRevealedObjectClaims? pod) || pod.Entries is null
                || !pod.Entries.TryGetValue(entry, out var revealed) || revealed != expected)
            {
                return Error("entry_mismatch", $"The proof must reveal {podName}.{entry} = {expected}.");
            }
        }

        if (policy.ExpectedWatermark is { } watermark && claims.Watermark != watermark)
        {
            return Error("watermark_mismatch", $"The proof's watermark must be {watermark}.");
        }

        return null;
    }

    private static IResult? CheckArtifacts(GpcVerifierState state, ILogger log)
    {
        try
        {
            foreach (string circuit in state.Options.AllowedCircuits)
            {
                if (Gpc.Circuits.GpcCircuitFamily.TryFind(circuit, out var description))
                {
                    _ = state.Keys.For(description);
                }
            }

            return null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
        {
            log.LogError(e, "The GPC verification keys are unavailable.");
            return Error("artifacts_unavailable", "The server's circuit verification keys are missing or do not match their pinned SHA-256; see its log.");
        }
    }

    /// <summary>A member given as an object (or array) is its JSON text; one given as a string is taken as JSON text.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        JsonObject o => o.ToJsonString(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => null,
    };

    private static IResult Error(string code, string description) =>
        Results.Json(new ErrorBody(code, description), statusCode: ErrorCodes[code]);

    /// <summary>The JSON error body, written as <c>{"code": ..., "description": ...}</c>.</summary>
    internal sealed record ErrorBody(string Code, string Description);
}
