using System.Text;
using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Samples.Workflows;

namespace Pod.Samples.Claims;

/// <summary>
/// Multi-issuer claims: an email verifier and a phone verifier each issue the holder a claim POD; two apps that trust
/// both (among others) sign the holder up from one proof each, learning neither which issuer signed which claim nor
/// anything linking the two sign-ups; a second sign-up at the same app is refused.
/// </summary>
internal static class ClaimsSample
{
    /// <summary>The holder's side: answers an app's request with their two claim PODs.</summary>
    public static string SignUp(GpcProver prover, SemaphoreIdentity holder, SignedPod email, SignedPod phone, string requestJson) =>
        prover.Prove(
            GpcJson.ParseProofRequest(requestJson),
            new Dictionary<string, SignedPod> { ["email"] = email, ["phone"] = phone },
            new GpcProofOwnerInputs { SemaphoreV4 = holder }).ToResponse().ToJson();

    public static async Task<int> RunAsync(TextWriter output, GpcProver prover, string artifactsDirectory)
    {
        using EdDsaPrivateKey emailIssuer = EdDsaPrivateKey.Generate(), phoneIssuer = EdDsaPrivateKey.Generate(), otherIssuer = EdDsaPrivateKey.Generate();
        EdDsaPublicKey[] trusted = [emailIssuer.PublicKey, phoneIssuer.PublicKey, otherIssuer.PublicKey];
        using SemaphoreIdentity holder = SemaphoreIdentity.Generate();
        SignedPod email = ClaimsApp.IssueClaim("email_verified", holder.PublicKey, emailIssuer);
        SignedPod phone = ClaimsApp.IssueClaim("phone_verified", holder.PublicKey, phoneIssuer);

        var pseudonyms = new List<string>();
        var statuses = new List<int>();
        foreach ((string appId, int attempts) in new[] { ("app.example.forum", 2), ("app.example.market", 1) })
        {
            await using WebApplication app = ClaimsApp.Build(appId, trusted, artifactsDirectory, new InMemoryNullifierStore());
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(SampleHost.Address(app)) };
            for (int i = 0; i < attempts; i++)
            {
                string request = await http.GetStringAsync("/request");
                HttpResponseMessage response = await http.PostAsync("/signup", new StringContent(SignUp(prover, holder, email, phone, request), Encoding.UTF8, "application/json"));
                JsonNode answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                statuses.Add((int)response.StatusCode);
                if (answer["pseudonym"] is JsonNode pseudonym)
                {
                    pseudonyms.Add(pseudonym.GetValue<string>());
                }

                output.WriteLine($"{appId} sign-up {i + 1} (issuers hidden among {trusted.Length} trusted): {(int)response.StatusCode} {answer["pseudonym"]?.GetValue<string>()[..12] ?? answer["code"]!.GetValue<string>()}");
            }

            await app.StopAsync();
        }

        output.WriteLine($"Pseudonyms differ between the apps: {pseudonyms.Distinct().Count() == pseudonyms.Count}");
        return statuses.SequenceEqual([200, 409, 200]) && pseudonyms.Distinct().Count() == 2 ? 0 : 1;
    }
}
