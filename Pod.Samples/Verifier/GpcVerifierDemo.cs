using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Requests;

namespace Pod.Samples.Verifier;

/// <summary>
/// The verifier service demo: <c>verifier [serve] [--artifacts DIR] [--election NAME] [--trust KEY]... [--config FILE]
/// [--watermark challenge|any|VALUE] [--registry FILE] [--port N] [--request FILE]</c>. <c>--config</c> takes the proof
/// config (@pcd/gpc JSON) the service asks for (by default: one POD whose <c>owner</c> entry is a Semaphore V4 identity,
/// signer revealed); <c>--election</c> is the external nullifier; <c>--watermark</c> a fresh challenge per request (the
/// default), the holder's choice, or one fixed string. It needs the installed <c>@pcd/proto-pod-gpc-artifacts</c> package
/// (GPL-licensed, not shipped: <c>npm install @pcd/proto-pod-gpc-artifacts@0.13.0</c>); the default directory is
/// <c>node_modules/@pcd/proto-pod-gpc-artifacts</c>, or <c>$POD_GPC_ARTIFACTS</c>. Without <c>serve</c> it starts the
/// service, shows <c>GET /health</c>, <c>GET /request</c> and a refused malformed response, and posts <c>--request FILE</c>
/// (a <c>{proof, boundConfig, revealedClaims}</c> body or a serialized GPCPCD, for example from Zupass) twice: first use,
/// then the repeat refused.
/// </summary>
internal static class GpcVerifierDemo
{
    public const string DefaultArtifacts = "node_modules/@pcd/proto-pod-gpc-artifacts";

    /// <summary>One POD owned by a Semaphore V4 identity, its signer revealed: "I hold a POD from a trusted issuer" (once per election).</summary>
    private static readonly GpcProofConfig DefaultConfig = GpcJson.ParseProofConfig(
        """{"pods":{"pod":{"entries":{"owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}""");

    public static async Task<int> RunAsync(TextWriter output, IReadOnlyList<string> args)
    {
        bool serve = false;
        string artifacts = Environment.GetEnvironmentVariable("POD_GPC_ARTIFACTS") is { Length: > 0 } env ? env : DefaultArtifacts;
        string election = "devcon-vote-2025";
        var trusted = new HashSet<EdDsaPublicKey>();
        string? registry = null;
        string? requestFile = null;
        GpcProofConfig config = DefaultConfig;
        string watermark = "challenge";
        int port = 0;
        for (int i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            try
            {
                switch (args[i])
                {
                    case "serve": serve = true; break;
                    case "--artifacts": artifacts = Next(); break;
                    case "--election": election = Next(); break;
                    case "--trust": trusted.Add(EdDsaPublicKey.Parse(Next())); break;
                    case "--registry": registry = Next(); break;
                    case "--port": port = int.Parse(Next(), System.Globalization.CultureInfo.InvariantCulture); break;
                    case "--request": requestFile = Next(); break;
                    case "--config": config = GpcJson.ParseProofConfig(File.ReadAllText(Next())); break;
                    case "--watermark": watermark = Next(); break;
                    default: throw new ArgumentException($"Unknown option {args[i]}.");
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or IOException or System.Security.Cryptography.CryptographicException)
            {
                output.WriteLine($"verifier: {e.Message}");
                output.WriteLine("Usage: verifier [serve] [--artifacts DIR] [--election NAME] [--trust SIGNER_PUBLIC_KEY]... [--config PROOF_CONFIG_FILE] [--watermark challenge|any|VALUE] [--registry FILE] [--port N] [--request FILE]");
                return 2;
            }
        }

        if (!Directory.Exists(artifacts))
        {
            output.WriteLine($"The verifier sample needs the GPC circuit artifacts, and \"{Path.GetFullPath(artifacts)}\" does not exist.");
            output.WriteLine($"They are GPL-licensed and not shipped with Pod: run `npm install @pcd/proto-pod-gpc-artifacts@{GpcCircuitFamily.ArtifactsVersion}`");
            output.WriteLine($"in {Directory.GetCurrentDirectory()}, or pass --artifacts DIR (or set POD_GPC_ARTIFACTS) to the package's folder.");
            return 1;
        }

        string? temporary = registry is null && !serve ? Path.Combine(Path.GetTempPath(), $"pod-verifier-demo-{Guid.NewGuid():N}.db") : null;
        if (trusted.Count == 0)
        {
            output.WriteLine("verifier: give at least one --trust SIGNER_PUBLIC_KEY: the issuers whose PODs the service accepts.");
            return 2;
        }

        var options = new GpcVerifierOptions
        {
            ArtifactsDirectory = artifacts,
            RegistryPath = registry ?? temporary ?? "verifier-nullifiers.db",
            Template = new GpcProofRequestTemplate
            {
                ProofConfig = config,
                TrustedSigners = trusted,
                ExternalNullifier = PodValue.String(election),
                WatermarkPolicy = watermark switch { "challenge" => GpcWatermarkPolicy.Challenge, "any" => GpcWatermarkPolicy.Any, _ => GpcWatermarkPolicy.Fixed },
                FixedWatermark = watermark is "challenge" or "any" ? null : PodValue.String(watermark),
            },
        };
        try
        {
            await using WebApplication app = GpcVerifierService.Build(options, port);
            await app.StartAsync();
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            output.WriteLine($"Verifier service on {address}: election \"{election}\", {trusted.Count} trusted issuer(s), "
                + $"watermark {watermark}, registry {Path.GetFullPath(options.RegistryPath)}.");

            if (serve)
            {
                output.WriteLine("GET /request; POST /verify {proof, boundConfig, revealedClaims} or a serialized GPCPCD; GET /health. Press Ctrl+C to stop.");
                await app.WaitForShutdownAsync();
                return 0;
            }

            using var http = new HttpClient { BaseAddress = new Uri(address) };
            HttpResponseMessage health = await http.GetAsync("/health");
            output.WriteLine($"GET /health: {(int)health.StatusCode} {await health.Content.ReadAsStringAsync()}");
            HttpResponseMessage request = await http.GetAsync("/request");
            output.WriteLine($"GET /request: {(int)request.StatusCode} {await request.Content.ReadAsStringAsync()}");
            HttpResponseMessage malformed = await http.PostAsync("/verify", new StringContent("{\"proof\": ", Encoding.UTF8, "application/json"));
            output.WriteLine($"POST /verify (truncated JSON): {(int)malformed.StatusCode} {await malformed.Content.ReadAsStringAsync()}");
            if (requestFile is null)
            {
                output.WriteLine("Pass --request FILE with a {proof, boundConfig, revealedClaims} body to verify a proof.");
                return health.IsSuccessStatusCode ? 0 : 1;
            }

            string body = await File.ReadAllTextAsync(requestFile);
            int firstStatus = 0;
            foreach (string attempt in new[] { "first", "again" })
            {
                HttpResponseMessage response = await http.PostAsync("/verify", new StringContent(body, Encoding.UTF8, "application/json"));
                JsonNode answer = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
                output.WriteLine($"POST /verify ({attempt}): {(int)response.StatusCode} {answer["status"] ?? answer["code"]}: {answer["nullifierHash"] ?? answer["description"]}");
                firstStatus = firstStatus == 0 ? (int)response.StatusCode : firstStatus;
            }

            await app.StopAsync();
            return firstStatus == 200 ? 0 : 1;
        }
        finally
        {
            if (temporary is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (string file in new[] { temporary, temporary + "-wal", temporary + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }
    }
}
