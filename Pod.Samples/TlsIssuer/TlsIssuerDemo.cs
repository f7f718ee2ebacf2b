using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Pod.Cryptography.Signatures;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;
using Pod.Serialization;

namespace Pod.Samples.TlsIssuer;

/// <summary>
/// The end-to-end demo on the embedded defaults: the issuer service on 127.0.0.1 with a simulated enclave (Development unless
/// ASPNETCORE_ENVIRONMENT says otherwise; <c>serve</c> defaults to Production, which refuses simulated evidence), a
/// fresh Semaphore identity, a nonce, a provider response notarized by the simulated enclave, issuance over HTTP, and a
/// check of the POD (signature, issuer, owner, entries). <c>tls-issuer serve</c> keeps the service running instead.
/// </summary>
internal static class TlsIssuerDemo
{
    public static async Task<int> RunAsync(TextWriter output, bool serve)
    {
        using var enclave = new SimulatedEnclave();
        using EdDsaPrivateKey issuerKey = EdDsaPrivateKey.Generate();
        byte[] uidKey = RandomNumberGenerator.GetBytes(32); // a real issuer keeps K_uid in a KMS, long-lived
        string database = Path.Combine(Path.GetTempPath(), $"pod-tls-issuer-demo-{Guid.NewGuid():N}.db");
        try
        {
            return await RunAsync(output, serve, enclave, issuerKey, uidKey, database);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<int> RunAsync(TextWriter output, bool serve, SimulatedEnclave enclave, EdDsaPrivateKey issuerKey, byte[] uidKey, string database)
    {
        // The environment comes from ASPNETCORE_ENVIRONMENT. The self-checking demo defaults to Development (it has only a
        // simulated enclave); `serve` defaults to Production, where simulated evidence is refused.
        string environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") is { Length: > 0 } set ? set
            : serve ? "Production" : "Development";

        // The embedded default store: SQLite, here in a temporary file that the demo removes.
        await using WebApplication app = TlsIssuerService.Build(environment, enclave, o =>
        {
            o.IssuerKey = issuerKey;
            o.UidKey = uidKey;
            o.Providers.Add(ProviderSpec.Parse(TlsIssuerService.DemoSpec));
        }, sqlitePath: database);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        bool simulated = app.Services.GetRequiredService<TlsPodIssuer>().AcceptsSimulatedEvidence;
        output.WriteLine($"Issuer service on {address} ({environment}; {(simulated ? "simulated enclave accepted" : "simulated evidence refused")}).");
        if (serve)
        {
            output.WriteLine("Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync();
            return 0;
        }

        using var http = new HttpClient { BaseAddress = new Uri(address) };
        JsonNode health = (await http.GetFromJsonAsync<JsonNode>("/health"))!;
        output.WriteLine($"GET /health: evidence {health["evidence"]}, MRENCLAVE {health["enclave"]!["allowedMrEnclaves"]![0]}");

        using SemaphoreIdentity holder = SemaphoreIdentity.Generate();
        JsonNode nonce = (await (await http.PostAsync("/nonce", null)).Content.ReadFromJsonAsync<JsonNode>())!;
        output.WriteLine($"POST /nonce: session {nonce["sessionId"]}");

        // Inside the enclave: the TLS session to the provider, then the signed payload with the nonce and the holder's key.
        enclave.StartSession(DateTimeOffset.UtcNow.AddHours(1));
        byte[] payload = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["v"] = 1,
            ["provider"] = "kyc.demo.v1",
            ["nonce"] = nonce["nonce"]!.GetValue<string>(),
            ["owner"] = holder.PublicKey.ToString(),
            ["notarized_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["request"] = new JsonObject { ["method"] = "GET", ["url"] = "https://kyc.example.com/v1/status", ["status"] = 200 },
            ["response"] = JsonNode.Parse("""
                {"status":"approved","person":{"dob":"1990-05-17","country":"nl","name":"Demo Person"},"document":{"type":"PASSPORT","number":"NX-1234567"},"liveness":true}
                """),
        }.ToJsonString());
        SimulatedEvidence evidence = enclave.Notarize(payload);

        HttpResponseMessage issued = await http.PostAsJsonAsync("/issue", new JsonObject
        {
            ["providerId"] = "kyc.demo.v1",
            ["payload"] = Convert.ToBase64String(payload),
            ["owner"] = holder.PublicKey.ToString(),
            ["evidence"] = new JsonObject
            {
                ["kind"] = "sim-v1",
                ["report"] = Convert.ToBase64String(evidence.SimReport),
                ["sessionPublicKey"] = Convert.ToBase64String(evidence.SessionPublicKey),
                ["keyValidUntil"] = evidence.KeyValidUntilUnix,
                ["payloadSignature"] = Convert.ToBase64String(evidence.PayloadSignature),
            },
        });
        JsonNode body = (await issued.Content.ReadFromJsonAsync<JsonNode>())!;
        if (!issued.IsSuccessStatusCode)
        {
            output.WriteLine($"POST /issue failed: {(int)issued.StatusCode} {body["code"]}: {body["description"]}");
            return 1;
        }

        SignedPod pod = PodJson.Parse(body["pod"]!.ToJsonString());
        // From simulated evidence, the POD carries the simulation signer the service announces, never the production key.
        bool ok = pod.Verify() && pod.SignerPublicKey != issuerKey.PublicKey
            && pod.SignerPublicKey.ToString() == health["simulatedIssuerPublicKey"]?.GetValue<string>() && holder.Owns(pod.Entries[TlsPodEntries.Owner]);
        output.WriteLine($"POST /issue: POD {pod.ContentId}, signature and owner {(ok ? "check" : "DO NOT check")}");
        foreach (string name in new[] { "nationality", "document_type", "age_over_18", "attestation_kind", "valid_until" })
        {
            output.WriteLine($"  {name} = {pod.Entries[name]}");
        }

        output.WriteLine($"  (the name and document number are not in the POD; the UID is a keyed hash of them)");
        JsonNode session = (await http.GetFromJsonAsync<JsonNode>($"/sessions/{nonce["sessionId"]}"))!;
        output.WriteLine($"GET /sessions/{{id}}: {session["state"]}");
        HttpResponseMessage replay = await http.PostAsync("/issue", new StringContent(await issued.RequestMessage!.Content!.ReadAsStringAsync(), Encoding.UTF8, "application/json"));
        // A retry (the answer was lost) gets the same POD, never a second one.
        JsonNode replayed = (await replay.Content.ReadFromJsonAsync<JsonNode>())!;
        bool same = replay.IsSuccessStatusCode && replayed["pod"]?.ToJsonString() == body["pod"]!.ToJsonString();
        output.WriteLine($"Retrying the same request: {(int)replay.StatusCode}, {(same ? "the same POD" : "NOT the same POD")}");
        await app.StopAsync();
        return ok && same ? 0 : 1;
    }
}
