using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Gpc.Requests;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;
using Pod.Issuers.Tls.Storage;
using Pod.Samples.TlsIssuer;
using Pod.Samples.Workflows;

namespace Pod.Samples.Airdrop;

/// <summary>
/// Identity from TLS, proven privately: the TLS issuer (simulated enclave) issues an identity POD from a KYC response;
/// the holder asks the airdrop (<see cref="AirdropService"/>, over HTTP on 127.0.0.1) what to prove, proves "18 or older
/// today" and "nationality not on the 50-element list" without revealing either, and claims once; a second claim by
/// the same identity is refused.
/// </summary>
internal static class IdentitySample
{
    public const string AirdropId = "pod-sample-airdrop-2026";

    /// <summary>An identity POD for the holder, from a KYC response, by the TLS issuer over the simulated enclave.</summary>
    public static async Task<SignedPod> IssueIdentityPodAsync(SimulatedEnclave enclave, EdDsaPrivateKey simulatedIssuerKey, SemaphoreIdentity holder,
        string dob, string country, TimeProvider time)
    {
        using EdDsaPrivateKey productionKey = EdDsaPrivateKey.Generate();
        var options = new TlsIssuerOptions
        {
            IssuerKey = productionKey, SimulatedIssuerKey = simulatedIssuerKey, UidKey = RandomNumberGenerator.GetBytes(32), AllowSimulatedEvidence = true,
        };
        options.Providers.Add(ProviderSpec.Parse(TlsIssuerService.DemoSpec));
        options.Policy.AllowedMrEnclaves.Add(enclave.MrEnclaveHex);
        using var issuer = new TlsPodIssuer(options, new InMemoryTlsIssuerStore(), [new SimulatedEnclaveVerifier(enclave.ExportRootPublicKey())], time);

        NonceGrant grant = await issuer.CreateNonceAsync();
        enclave.StartSession(time.GetUtcNow().AddHours(1));
        byte[] payload = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["v"] = 1,
            ["provider"] = "kyc.demo.v1",
            ["nonce"] = grant.Nonce,
            ["owner"] = holder.PublicKey.ToString(),
            ["notarized_at"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["request"] = new JsonObject { ["method"] = "GET", ["url"] = "https://kyc.example.com/v1/status", ["status"] = 200 },
            ["response"] = new JsonObject
            {
                ["status"] = "approved",
                ["person"] = new JsonObject { ["dob"] = dob, ["country"] = country, ["name"] = "Demo Person" },
                ["document"] = new JsonObject { ["type"] = "PASSPORT", ["number"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)) },
                ["liveness"] = true,
            },
        }.ToJsonString());
        TlsIssuanceResult result = await issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", payload, enclave.Notarize(payload), holder.PublicKey.ToString()));
        return result.Succeeded ? result.Pod : throw new InvalidOperationException($"Issuance failed: {result.Error}.");
    }

    /// <summary>
    /// The holder's side: answers both requests of <c>GET /request</c> about their identity POD, both scoped by the
    /// nationality request's external nullifier (the airdrop); only the two proofs leave.
    /// </summary>
    /// <exception cref="GpcConfigException">The POD does not satisfy a request (under 18, nationality on the list, expired).</exception>
    public static string Claim(GpcProver prover, SemaphoreIdentity holder, SignedPod identityPod, JsonNode requests)
    {
        GpcProofRequest age = GpcJson.ParseProofRequest(requests["age"]!.ToJsonString());
        GpcProofRequest nationality = GpcJson.ParseProofRequest(requests["nationality"]!.ToJsonString());
        var owner = new GpcProofOwnerInputs { SemaphoreV4 = holder, ExternalNullifier = nationality.ExternalNullifier };
        var pods = new Dictionary<string, SignedPod> { ["id"] = identityPod };
        return new JsonObject
        {
            ["age"] = JsonNode.Parse(prover.Prove(age, pods, owner).ToResponse().ToJson()),
            ["nationality"] = JsonNode.Parse(prover.Prove(nationality, pods, owner).ToResponse().ToJson()),
        }.ToJsonString();
    }

    public static async Task<int> RunAsync(TextWriter output, GpcProver prover, string artifactsDirectory)
    {
        using var enclave = new SimulatedEnclave();
        using EdDsaPrivateKey issuerKey = EdDsaPrivateKey.Generate();
        using SemaphoreIdentity holder = SemaphoreIdentity.Generate();
        SignedPod pod = await IssueIdentityPodAsync(enclave, issuerKey, holder, "1990-05-17", "nl", TimeProvider.System);
        output.WriteLine($"Identity POD from the TLS issuer: {pod.Entries.Count} entries, Merkle depth {pod.Content.MerkleTreeDepth}, nationality and birth date inside.");

        var airdrop = new Airdrop(AirdropId, issuerKey.PublicKey, Airdrop.SampleBannedList);
        await using WebApplication app = AirdropService.Build(airdrop, artifactsDirectory, new InMemoryNullifierStore(), TimeProvider.System);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(SampleHost.Address(app)) };

        async Task<string> ClaimOnce()
        {
            JsonNode request = (await http.GetFromJsonAsync<JsonNode>("/request"))!;
            HttpResponseMessage response = await http.PostAsync("/claims", new StringContent(Claim(prover, holder, pod, request), Encoding.UTF8, "application/json"));
            JsonNode answer = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
            return $"{(int)response.StatusCode} {answer["status"] ?? answer["code"]}";
        }

        output.WriteLine($"Airdrop {AirdropId} on {http.BaseAddress}: 18 or older today, nationality not among {Airdrop.SampleBannedList.Count} codes.");
        string first = await ClaimOnce();
        output.WriteLine($"First claim (two proofs; neither the birth date nor the nationality is sent): {first}");
        string second = await ClaimOnce();
        output.WriteLine($"Second claim by the same identity: {second}");
        await app.StopAsync();
        return first == "200 accepted" && second == "409 nullifier_used" ? 0 : 1;
    }
}
