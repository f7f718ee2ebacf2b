using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.FileProviders;
using Pod.Gpc;
using Pod.Issuers.Tls.Simulation;

namespace Pod.Samples.Demo;

/// <summary>
/// What the samples add for the demo pages (docs/demo.md): the built pages of <c>tools/demo-web</c> under <c>/demo/</c>,
/// the circuit artifacts under <c>/artifacts/</c> for proving in the browser, and, on a simulating issuer, the simulated
/// "Demo Exchange" provider and enclave at <c>POST /demo/provider</c>.
/// </summary>
internal static class DemoPages
{
    /// <summary>The built pages (<c>npm run build</c> in <c>tools/demo-web</c>): <c>$POD_DEMO_WEB</c>, else the repository's <c>tools/demo-web/dist</c> found upwards from the application.</summary>
    public static string? FindWebRoot()
    {
        if (Environment.GetEnvironmentVariable("POD_DEMO_WEB") is { Length: > 0 } set)
        {
            return Directory.Exists(set) ? Path.GetFullPath(set) : null;
        }

        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "tools", "demo-web", "dist");
            if (File.Exists(Path.Combine(candidate, "issuer.html")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Serves the built pages under <c>/demo/</c>; nothing when they were not built.</summary>
    public static void MapDemoPages(this WebApplication app, string? webRoot)
    {
        if (webRoot is null)
        {
            return;
        }

        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(webRoot),
            RequestPath = "/demo",
            OnPrepareResponse = context =>
            {
                // The pages run GPL-licensed proving code and hold a secret identity: no framing by other sites, no
                // script or connection outside this origin (WebAssembly compiled from the same origin only).
                IHeaderDictionary headers = context.Context.Response.Headers;
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' blob:; worker-src 'self' blob:; "
                    + "img-src 'self' data:; style-src 'self'; connect-src 'self'; frame-ancestors 'none'";
            },
        });
    }

    /// <summary>
    /// <c>GET /artifacts/{file}</c>: the two files of a circuit that @pcd/gpc's <c>gpcProve</c> fetches in the page (the wasm
    /// witness generator and the proving key) from <c>@pcd/proto-pod-gpc-artifacts</c>, each read through
    /// <see cref="GpcArtifacts"/> (size and SHA-256 checked against the pins) and kept in memory. Any other name is 404.
    /// </summary>
    public static void MapGpcArtifacts(this WebApplication app, string artifactsDirectory)
    {
        var byName = new Dictionary<string, (GpcCircuitDescription Circuit, bool IsWasm)>(StringComparer.Ordinal);
        foreach (GpcCircuitDescription c in GpcCircuitFamily.All)
        {
            byName[c.Wasm.FileName] = (c, true);
            byName[c.ProvingKey.FileName] = (c, false);
        }

        var cache = new ConcurrentDictionary<string, Lazy<byte[]>>(StringComparer.Ordinal);
        app.MapGet("/artifacts/{file}", (string file) =>
        {
            if (!byName.TryGetValue(file, out var entry))
            {
                return Results.Json(new { code = "not_found", description = "No such circuit artifact." }, statusCode: StatusCodes.Status404NotFound);
            }

            Lazy<byte[]> bytes = cache.GetOrAdd(file, _ => new Lazy<byte[]>(() =>
            {
                var artifacts = new GpcArtifacts(artifactsDirectory);
                return entry.IsWasm ? artifacts.ReadWasm(entry.Circuit) : artifacts.ReadProvingKey(entry.Circuit);
            }));
            try
            {
                return Results.Bytes(bytes.Value, entry.IsWasm ? "application/wasm" : "application/octet-stream");
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                // Not cached: a package installed or repaired later is picked up.
                cache.TryRemove(file, out _);
                return Results.Json(new { code = "artifacts_unavailable", description = "The circuit artifact is missing or does not match its pinned SHA-256." },
                    statusCode: StatusCodes.Status500InternalServerError);
            }
        });
    }

    /// <summary>
    /// <c>POST /demo/provider</c> <c>{nonce, owner, firstName, lastName, birthDate, country}</c>: the simulated "Demo Exchange"
    /// sign-in and the simulated enclave's notarization of its answer, returning <c>{payload, evidence, response}</c> for
    /// <c>POST /issue</c>. A real deployment has neither: the provider is a real site and the enclave a real TEE (or Reclaim)
    /// run by the holder's client. Mapped only when the issuer accepts simulated evidence.
    /// </summary>
    public static void MapDemoProvider(this WebApplication app, SimulatedEnclave enclave, TimeProvider time)
    {
        var gate = new object();
        app.MapPost("/demo/provider", async (HttpRequest http, CancellationToken ct) =>
        {
            JsonNode? body;
            try
            {
                body = await JsonNode.ParseAsync(http.Body, cancellationToken: ct);
            }
            catch (JsonException)
            {
                body = null;
            }

            string? Field(string name) => body is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String
                && v.GetValue<string>().Trim() is { Length: > 0 and <= 100 } s ? s : null;
            string? nonce = Field("nonce"), owner = Field("owner"), first = Field("firstName"), last = Field("lastName"),
                birth = Field("birthDate"), country = Field("country")?.ToUpperInvariant();
            if (nonce is null || owner is null || first is null || last is null || birth is null || country is null)
            {
                return Results.Json(new { code = "MalformedRequest", description = "nonce, owner, firstName, lastName, birthDate and country must be non-empty strings of at most 100 characters." },
                    statusCode: StatusCodes.Status400BadRequest);
            }

            if (!DateOnly.TryParseExact(birth, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _)
                || country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
            {
                return Results.Json(new { code = "MalformedRequest", description = "birthDate must be yyyy-MM-dd and country a two-letter ISO 3166 code." },
                    statusCode: StatusCodes.Status400BadRequest);
            }

            // The provider's answer. The document number is derived from the person, so signing in again as the same person
            // yields the same keyed UID (bound to the first owner), as a real document would.
            string document = "DX-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{first}\n{last}\n{birth}\n{country}")))[..10];
            var response = new JsonObject
            {
                ["status"] = "approved",
                ["person"] = new JsonObject { ["name"] = $"{first} {last}", ["dob"] = birth, ["country"] = country },
                ["document"] = new JsonObject { ["type"] = "PASSPORT", ["number"] = document },
                ["liveness"] = true,
            };
            DateTimeOffset now = time.GetUtcNow();
            byte[] payload = Encoding.UTF8.GetBytes(new JsonObject
            {
                ["v"] = 1,
                ["provider"] = "kyc.demo.v1",
                ["nonce"] = nonce,
                ["owner"] = owner,
                ["notarized_at"] = now.ToUnixTimeSeconds(),
                ["request"] = new JsonObject { ["method"] = "GET", ["url"] = "https://kyc.example.com/v1/status", ["status"] = 200 },
                ["response"] = response.DeepClone(),
            }.ToJsonString());
            Pod.Issuers.Tls.SimulatedEvidence evidence;
            lock (gate)
            {
                // One enclave session per sign-in, as a real notary opens one TLS session per provider visit.
                enclave.StartSession(now.AddHours(1));
                evidence = enclave.Notarize(payload);
            }

            return Results.Json(new JsonObject
            {
                ["payload"] = Convert.ToBase64String(payload),
                ["response"] = response,
                ["evidence"] = new JsonObject
                {
                    ["kind"] = "sim-v1",
                    ["report"] = Convert.ToBase64String(evidence.SimReport),
                    ["sessionPublicKey"] = Convert.ToBase64String(evidence.SessionPublicKey),
                    ["keyValidUntil"] = evidence.KeyValidUntilUnix,
                    ["payloadSignature"] = Convert.ToBase64String(evidence.PayloadSignature),
                },
            });
        });
    }
}
