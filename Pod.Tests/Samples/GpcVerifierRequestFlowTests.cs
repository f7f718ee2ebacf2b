using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Requests;
using Pod.Hosting;
using Pod.Identity;
using Pod.Samples.Verifier;
using Pod.Tests.Proving;
using Xunit;

namespace Pod.Tests.Samples;

/// <summary>
/// The verifier sample's request/response flow over HTTP on 127.0.0.1 with real proofs: <c>GET /request</c>, a holder
/// proving exactly that request with GpcProver, <c>POST /verify</c> with the body apps send or Zupass's serialized GPCPCD.
/// </summary>
public sealed class GpcVerifierRequestFlowTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pod-verifier-flow-").FullName;
    private readonly RequestScenario _world = new();

    public void Dispose()
    {
        _world.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(WebApplication App, HttpClient Http)> Start(GpcProofRequestTemplate template)
    {
        WebApplication app = GpcVerifierService.Build(new GpcVerifierOptions
        {
            ArtifactsDirectory = ProvingReference.Artifacts().Directory,
            RegistryPath = Path.Combine(_directory, "registry.db"),
            Template = template,
            TimeProvider = _world.Clock,
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address) });
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> Post(HttpClient http, string body)
    {
        HttpResponseMessage r = await http.PostAsync("/verify", new StringContent(body, Encoding.UTF8, "application/json"));
        return (r.StatusCode, (await r.Content.ReadFromJsonAsync<JsonNode>())!);
    }

    private static async Task<GpcProofRequest> GetRequest(HttpClient http)
    {
        HttpResponseMessage response = await http.GetAsync("/request");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return GpcJson.ParseProofRequest(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RequestThenProof_Verified_ThenAlreadyClaimed_GpcPcdAccepted_StaleRefused()
    {
        (WebApplication app, HttpClient http) = await Start(_world.HiddenSignerTemplate());
        await using (app)
        using (http)
        {
            GpcProofRequest first = await GetRequest(http);
            GpcProofRequest second = await GetRequest(http);
            Assert.NotEqual(first.Watermark, second.Watermark);
            Assert.Equal(GpcJson.SerializeProofConfig(first.ProofConfig), GpcJson.SerializeProofConfig(second.ProofConfig));
            Assert.Equal(RequestScenario.Airdrop, first.ExternalNullifier);

            // The holder answers exactly what was asked, with the body apps post.
            GpcProofResponse answer = RequestScenario.Answer(first, _world.IdentityPod(_world.Trusted), _world.Holder);
            (HttpStatusCode status, JsonNode body) = await Post(http, answer.ToJson());
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
            Assert.Equal("verified", body["status"]!.GetValue<string>());
            Assert.True(body["firstUse"]!.GetValue<bool>());
            Assert.Equal(answer.RevealedClaims.Owner!.NullifierHashV4!.Value.ToHexString(), body["nullifierHash"]!.GetValue<string>());
            Assert.Null(body["revealedClaims"]!["pods"]?["id"]?["signerPublicKey"]);

            // The same identity again, even on a fresh request: already claimed.
            (status, body) = await Post(http, answer.ToJson());
            Assert.Equal((HttpStatusCode.Conflict, "nullifier_used"), (status, body["code"]!.GetValue<string>()));

            // Another holder answers the second request from Zupass: a serialized GPCPCD.
            GpcProofResponse other = RequestScenario.Answer(second, _world.IdentityPod(_world.Trusted, _world.OtherHolder), _world.OtherHolder);
            (status, body) = await Post(http, GpcRequestVerifierTests.GpcPcd(other, pcdAsText: true));
            Assert.True(status == HttpStatusCode.OK, body.ToJsonString());

            // A third answers too late: the challenge has expired.
            GpcProofRequest third = await GetRequest(http);
            var late = SemaphoreIdentity.FromPrivateKey(Enumerable.Repeat((byte)9, 32).ToArray());
            GpcProofResponse stale = RequestScenario.Answer(third, _world.IdentityPod(_world.Trusted, late), late);
            _world.Clock.Advance(_world.HiddenSignerTemplate().ChallengeLifetime);
            (status, body) = await Post(http, stale.ToJson());
            Assert.Equal((HttpStatusCode.Forbidden, "watermark_expired"), (status, body["code"]!.GetValue<string>()));
            Assert.Equal(GpcVerifierEndpoints.ErrorCodes["watermark_expired"], (int)status);
        }
    }

    [Fact]
    public async Task Start_UnusableTemplate_FailsWithTheReason()
    {
        GpcProofRequestTemplate t = _world.RevealedSignerTemplate();
        var bad = new GpcProofRequestTemplate { ProofConfig = t.ProofConfig, TrustedSigners = new HashSet<EdDsaPublicKey>() };

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => Start(bad));

        Assert.Contains("TrustedSigners", e.Message, StringComparison.Ordinal);
    }
}
