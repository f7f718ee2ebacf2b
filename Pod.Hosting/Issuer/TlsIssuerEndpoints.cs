using System.Text.Json.Nodes;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Storage;
using Pod.Serialization;

namespace Pod.Hosting;

/// <summary>
/// The issuer service's endpoints: <c>GET /health</c>, <c>POST /nonce</c>, <c>POST /issue</c>, <c>GET /sessions/{id}</c>,
/// <c>GET /sessions/{id}/pod</c> (the POD issued in the session, for a client whose answer was lost) and
/// <c>POST /sessions/{id}/progress</c> (the client's progress states). Expired sessions are purged every
/// <see cref="SessionPurgeService.Interval"/>.
/// Errors are <c>{code, description}</c> with 400 (malformed input, claims), 403 (evidence or policy refused), 404 (unknown
/// provider or session), 405, 412 (nonce, freshness or session key expired), 413, 415, 429 (rate limit per client) and 500.
/// </summary>
internal static class TlsIssuerEndpoints
{
    /// <summary>The shared middleware (errors, rate limit, JSON bodies) and the endpoints.</summary>
    public static void Map(WebApplication app)
    {
        // Every error is {code, description}; JSON bodies only, read whole and checked before an endpoint; rate limit per client.
        app.UseServiceHosting();
        app.MapGet("/health", async (TlsPodIssuer issuer, ITlsIssuerStore store, CancellationToken ct) =>
        {
            // One indexed probe of the store, whatever it holds (counting rows grew with every session).
            await store.CheckHealthAsync(ct);
            return Results.Json(new JsonObject
            {
                ["status"] = "ok",
                ["evidence"] = issuer.AcceptsSimulatedEvidence ? "simulated" : "real",
                ["issuerPublicKey"] = issuer.IssuerPublicKey.ToString(),
                ["simulatedIssuerPublicKey"] = issuer.SimulatedIssuerPublicKey?.ToString(),
                ["enclave"] = new JsonObject
                {
                    ["allowedMrEnclaves"] = new JsonArray([.. issuer.Policy.AllowedMrEnclaves.Select(m => JsonValue.Create(m))]),
                    ["allowedSigners"] = new JsonArray([.. issuer.Policy.AllowedSigners.Select(s => new JsonObject
                    {
                        ["mrSigner"] = s.MrSignerHex, ["productId"] = s.ProductId, ["minSvn"] = s.MinSvn,
                    })]),
                    ["allowDebug"] = issuer.Policy.AllowDebug,
                    ["acceptedTcbStatuses"] = new JsonArray([.. issuer.Policy.AcceptedTcbStatuses.Select(s => JsonValue.Create(s.ToString()))]),
                },
            });
        }).DisableRateLimiting();
        app.MapPost("/nonce", async (TlsPodIssuer issuer, CancellationToken ct) =>
        {
            NonceGrant grant = await issuer.CreateNonceAsync(ct);
            return Results.Json(new { nonce = grant.Nonce, sessionId = grant.SessionId, expiresAt = grant.ExpiresAt });
        });
        app.MapGet("/sessions/{id}", async (string id, TlsPodIssuer issuer, CancellationToken ct) =>
            await issuer.GetSessionAsync(id, ct) is IssuanceSession s ? Results.Json(SessionBody(s)) : UnknownSession());
        app.MapGet("/sessions/{id}/pod", async (string id, TlsPodIssuer issuer, CancellationToken ct) =>
            await issuer.GetIssuedPodAsync(id, ct) is SignedPod pod
                ? Results.Text($$"""{"sessionId":{{System.Text.Json.JsonSerializer.Serialize(id)}},"pod":{{PodJson.Serialize(pod)}}}""", "application/json")
                : Results.Json(new ServiceError("NoIssuedPod", "No POD was issued in a session with this id, or the session was purged."),
                    statusCode: StatusCodes.Status404NotFound));
        app.MapPost("/sessions/{id}/progress", async (string id, HttpRequest http, TlsPodIssuer issuer, CancellationToken ct) =>
        {
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(http.Body, cancellationToken: ct);
            }
            catch (System.Text.Json.JsonException)
            {
                body = null;
            }

            string? name = body is JsonObject o && o["state"] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;
            IssuanceSessionState? state = Enum.GetValues<IssuanceSessionState>().Cast<IssuanceSessionState?>().FirstOrDefault(x => SnakeCase(x!.Value) == name);
            if (state is not (IssuanceSessionState.ProviderPending or IssuanceSessionState.ProviderCompleted or IssuanceSessionState.ProofGenerating
                or IssuanceSessionState.ProofGenerated or IssuanceSessionState.Submitting))
            {
                return Results.Json(new ServiceError(nameof(TlsIssuanceError.MalformedRequest),
                    "state must be provider_pending, provider_completed, proof_generating, proof_generated or submitting."), statusCode: StatusCodes.Status400BadRequest);
            }

            if (await issuer.GetSessionAsync(id, ct) is null)
            {
                return UnknownSession();
            }

            return await issuer.ReportProgressAsync(id, state.Value, ct) && await issuer.GetSessionAsync(id, ct) is IssuanceSession s
                ? Results.Json(SessionBody(s))
                : Results.Json(new ServiceError("SessionClosed", "The session is verified or expired."), statusCode: StatusCodes.Status412PreconditionFailed);
        });
        app.MapPost("/issue", async (HttpRequest http, TlsPodIssuer issuer, CancellationToken ct) =>
        {
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(http.Body, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false }, cancellationToken: ct);
            }
            catch (System.Text.Json.JsonException)
            {
                body = null;
            }

            if (IssueRequestBody.TryRead(body, out TlsIssuanceRequest? request) is string problem)
            {
                return Results.Json(new ServiceError(nameof(TlsIssuanceError.MalformedRequest), problem), statusCode: StatusCodes.Status400BadRequest);
            }

            TlsIssuanceResult result = await issuer.IssueAsync(request!, ct);
            return result.Succeeded
                ? Results.Text($$"""{"sessionId":"{{result.SessionId}}","pod":{{PodJson.Serialize(result.Pod)}}}""", "application/json")
                : Results.Json(new ServiceError(result.Error.Value.ToString(), result.Detail), statusCode: StatusFor(result.Error.Value));
        });

    }

    /// <summary>The state names of the zkIdentity lifecycle: created, provider_pending, ..., error.</summary>
    public static string SnakeCase(IssuanceSessionState state) =>
        string.Concat(state.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static object SessionBody(IssuanceSession s) => new
    {
        sessionId = s.SessionId,
        state = SnakeCase(s.State),
        createdAt = s.CreatedAt,
        expiresAt = s.ExpiresAt,
        updatedAt = s.UpdatedAt,
        lastError = s.LastError?.ToString(),
    };

    /// <summary>The largest request body accepted (every endpoint).</summary>
    public const long MaxRequestBodyBytes = ServiceHosting.DefaultMaxRequestBodyBytes;

    private static IResult UnknownSession() =>
        Results.Json(new ServiceError("UnknownSession", "No session has this id."), statusCode: StatusCodes.Status404NotFound);

    /// <summary>The HTTP status of an issuance error.</summary>
    public static int StatusFor(TlsIssuanceError error) => error switch
    {
        TlsIssuanceError.UnknownProvider => StatusCodes.Status404NotFound,
        TlsIssuanceError.NonceUnknownOrUsed or TlsIssuanceError.StaleNotarization or TlsIssuanceError.FutureTimestamp
            or TlsIssuanceError.SessionKeyExpired or TlsIssuanceError.CollateralExpired => StatusCodes.Status412PreconditionFailed,
        TlsIssuanceError.MalformedRequest or TlsIssuanceError.ClaimMissing or TlsIssuanceError.ClaimTypeMismatch or TlsIssuanceError.QuoteParseError
            or TlsIssuanceError.UnsupportedEvidence or TlsIssuanceError.UnsupportedQuoteVersion or TlsIssuanceError.UnsupportedCertificationData
            or TlsIssuanceError.CollateralMissing or TlsIssuanceError.RequestMismatch => StatusCodes.Status400BadRequest,
        TlsIssuanceError.InternalError => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status403Forbidden,
    };

    /// <summary>The codes of the failures outside the endpoints, in this service's naming (docs/tls-issuer.md).</summary>
    public static ServiceErrorCodes ErrorCodes { get; } = new(
        NotFound: "NotFound", MethodNotAllowed: "MethodNotAllowed", UnsupportedMediaType: "UnsupportedMediaType", RequestTooLarge: "RequestTooLarge",
        MalformedBody: nameof(TlsIssuanceError.MalformedRequest), RateLimited: "RateLimited", InternalError: nameof(TlsIssuanceError.InternalError),
        OtherStatusPrefix: "Http");
}
