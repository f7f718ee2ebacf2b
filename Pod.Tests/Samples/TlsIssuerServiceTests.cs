using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pod.Cryptography.Signatures;
using Pod.Hosting;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;
using Pod.Samples.TlsIssuer;
using Pod.Serialization;
using Pod.Tests.Issuers;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Samples;

/// <summary>The issuer web service sample, on 127.0.0.1 with a real Kestrel and HttpClient.</summary>
public sealed class TlsIssuerServiceTests
{
    private sealed class Service : IAsyncDisposable
    {
        public required WebApplication App { get; init; }

        public required HttpClient Http { get; init; }

        public required SimulatedEnclave Enclave { get; init; }

        public required EdDsaPrivateKey Key { get; init; }

        public required ManualTimeProvider Time { get; init; }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.DisposeAsync();
            Enclave.Dispose();
            Key.Dispose();
        }
    }

    private static async Task<Service> Start(string environment = "Development", int permits = 100)
    {
        var enclave = new SimulatedEnclave();
        var key = EdDsaPrivateKey.Generate();
        var time = new ManualTimeProvider(IssuerHarness.Start);
        WebApplication app = TlsIssuerService.Build(environment, enclave, o =>
        {
            o.IssuerKey = key;
            o.UidKey = new byte[32];
            o.UseInMemoryStore = true;
            o.Providers.Add(ProviderSpec.Parse(TlsIssuerService.DemoSpec));
        }, new ClientRateLimit { PermitLimit = permits }, time);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        enclave.StartSession(IssuerHarness.Start.AddHours(1));
        return new Service { App = app, Http = new HttpClient { BaseAddress = new Uri(address) }, Enclave = enclave, Key = key, Time = time };
    }

    private static async Task<JsonObject> IssueBody(Service s, SemaphoreIdentity owner, DateTimeOffset? notarizedAt = null, string provider = "kyc.demo.v1")
    {
        JsonNode nonce = (await (await s.Http.PostAsync("/nonce", null)).Content.ReadFromJsonAsync<JsonNode>())!;
        byte[] payload = IssuerHarness.Payload(nonce["nonce"]!.GetValue<string>(), owner.PublicKey.ToString(), notarizedAt ?? s.Time.Now, IssuerHarness.Response());
        SimulatedEvidence e = s.Enclave.Notarize(payload);
        return new JsonObject
        {
            ["providerId"] = provider,
            ["payload"] = Convert.ToBase64String(payload),
            ["owner"] = owner.PublicKey.ToString(),
            ["evidence"] = new JsonObject
            {
                ["kind"] = "sim-v1",
                ["report"] = Convert.ToBase64String(e.SimReport),
                ["sessionPublicKey"] = Convert.ToBase64String(e.SessionPublicKey),
                ["keyValidUntil"] = e.KeyValidUntilUnix,
                ["payloadSignature"] = Convert.ToBase64String(e.PayloadSignature),
            },
        };
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> Post(Service s, JsonNode body)
    {
        HttpResponseMessage r = await s.Http.PostAsync("/issue", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        return (r.StatusCode, (await r.Content.ReadFromJsonAsync<JsonNode>())!);
    }

    [Fact]
    public async Task Issue_OverHttp_PodVerifiesAndSessionVerified()
    {
        await using Service s = await Start();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        JsonNode health = (await s.Http.GetFromJsonAsync<JsonNode>("/health"))!;
        Assert.Equal("simulated", health["evidence"]!.GetValue<string>());
        Assert.Equal(s.Enclave.MrEnclaveHex, health["enclave"]!["allowedMrEnclaves"]![0]!.GetValue<string>());

        (HttpStatusCode status, JsonNode body) = await Post(s, await IssueBody(s, owner));

        Assert.Equal(HttpStatusCode.OK, status);
        SignedPod pod = PodJson.Parse(body["pod"]!.ToJsonString());
        Assert.True(pod.Verify());
        Assert.NotEqual(s.Key.PublicKey, pod.SignerPublicKey); // simulated evidence: never the production key
        Assert.Equal(health["simulatedIssuerPublicKey"]!.GetValue<string>(), pod.SignerPublicKey.ToString());
        Assert.Equal(PodValue.String("simulated"), pod.Entries["attestation_kind"]);
        Assert.True(owner.Owns(pod.Entries["owner"]));
        JsonNode session = (await s.Http.GetFromJsonAsync<JsonNode>($"/sessions/{body["sessionId"]}"))!;
        Assert.Equal("verified", session["state"]!.GetValue<string>());

        // The answer was lost: the client fetches the same POD by session.
        JsonNode again = (await s.Http.GetFromJsonAsync<JsonNode>($"/sessions/{body["sessionId"]}/pod"))!;
        Assert.Equal(body["pod"]!.ToJsonString(), again["pod"]!.ToJsonString());
        HttpResponseMessage none = await s.Http.GetAsync("/sessions/nope/pod");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        Assert.Equal("NoIssuedPod", (await none.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Issue_32ConcurrentIdenticalPostsOverHttp_All200WithTheOnePod()
    {
        const int Clients = 32, Requests = 4;
        await using Service s = await Start(permits: 1000);
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();

        // A client retrying while its first POST is still in flight (a load balancer's retry, an impatient app): each copy
        // on a connection of its own, opened beforehand (GET /health) so that the copies arrive together. Several requests,
        // one after the other, since one issuance is short and the copies of one may happen not to overlap it.
        HttpClient[] clients = Enumerable.Range(0, Clients).Select(_ => new HttpClient { BaseAddress = s.Http.BaseAddress }).ToArray();
        try
        {
            await Task.WhenAll(clients.Select(c => c.GetAsync("/health")));
            for (int i = 0; i < Requests; i++)
            {
                string body = (await IssueBody(s, owner)).ToJsonString();
                (HttpStatusCode Status, string Body)[] answers = await Task.WhenAll(clients.Select(async c =>
                {
                    HttpResponseMessage r = await c.PostAsync("/issue", new StringContent(body, Encoding.UTF8, "application/json"));
                    return (r.StatusCode, await r.Content.ReadAsStringAsync());
                }));

                Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{(int)a.Status} {a.Body}"));
                JsonNode[] bodies = answers.Select(a => JsonNode.Parse(a.Body)!).ToArray();
                SignedPod pod = PodJson.Parse(Assert.Single(bodies.Select(b => b["pod"]!.ToJsonString()).Distinct()));
                string session = Assert.Single(bodies.Select(b => b["sessionId"]!.GetValue<string>()).Distinct());
                Assert.True(pod.Verify());
                Assert.True(owner.Owns(pod.Entries["owner"]));
                JsonNode kept = (await s.Http.GetFromJsonAsync<JsonNode>($"/sessions/{session}/pod"))!;
                Assert.Equal(PodJson.Serialize(pod), PodJson.Serialize(PodJson.Parse(kept["pod"]!.ToJsonString())));
            }
        }
        finally
        {
            foreach (HttpClient c in clients)
            {
                c.Dispose();
            }
        }
    }

    [Fact]
    public async Task Errors_ClientMistakesOverHttp_DocumentedBodyAndStatusNeverAStackTrace()
    {
        await using Service s = await Start();

        async Task Expect(HttpResponseMessage r, HttpStatusCode status, string code)
        {
            Assert.Equal(status, r.StatusCode);
            Assert.StartsWith("application/json", r.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            JsonNode body = (await r.Content.ReadFromJsonAsync<JsonNode>())!;
            Assert.Equal(code, body["code"]!.GetValue<string>());
            Assert.False(string.IsNullOrEmpty(body["description"]!.GetValue<string>()));
        }

        await Expect(await s.Http.GetAsync("/no-such-endpoint"), HttpStatusCode.NotFound, "NotFound");
        await Expect(await s.Http.GetAsync("/issue"), HttpStatusCode.MethodNotAllowed, "MethodNotAllowed");
        await Expect(await s.Http.PostAsync("/issue", new StringContent("{}", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType,
            "UnsupportedMediaType");
        await Expect(await s.Http.PostAsync("/nonce", new StringContent("x=1", Encoding.UTF8, "application/x-www-form-urlencoded")),
            HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");

        var tooLarge = new ByteArrayContent(new byte[TlsIssuerEndpoints.MaxRequestBodyBytes + 1]);
        tooLarge.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await Expect(await s.Http.PostAsync("/issue", tooLarge), HttpStatusCode.RequestEntityTooLarge, "RequestTooLarge");

        // Invalid UTF-8, and an escaped lone surrogate, inside a JSON string.
        foreach (byte[] bad in new byte[][] { [.. "{\"providerId\":\""u8, 0xFF, .. "\"}"u8], "{\"providerId\":\"\\ud800\"}"u8.ToArray() })
        {
            var content = new ByteArrayContent(bad);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            await Expect(await s.Http.PostAsync("/issue", content), HttpStatusCode.BadRequest, "MalformedRequest");
        }
    }

    [Fact]
    public async Task Progress_OverHttp_ClientStatesThenClosed()
    {
        await using Service s = await Start();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        JsonNode nonce = (await (await s.Http.PostAsync("/nonce", null)).Content.ReadFromJsonAsync<JsonNode>())!;
        string id = nonce["sessionId"]!.GetValue<string>();
        Assert.Equal("created", (await s.Http.GetFromJsonAsync<JsonNode>($"/sessions/{id}"))!["state"]!.GetValue<string>());

        HttpResponseMessage progress = await s.Http.PostAsJsonAsync($"/sessions/{id}/progress", new { state = "proof_generating" });
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        Assert.Equal("proof_generating", (await progress.Content.ReadFromJsonAsync<JsonNode>())!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await s.Http.PostAsJsonAsync($"/sessions/{id}/progress", new { state = "verified" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Http.PostAsJsonAsync("/sessions/nope/progress", new { state = "submitting" })).StatusCode);

        s.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await s.Http.PostAsJsonAsync($"/sessions/{id}/progress", new { state = "submitting" })).StatusCode);
        Assert.Equal("expired", (await s.Http.GetFromJsonAsync<JsonNode>($"/sessions/{id}"))!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Errors_OverHttp_CodeDescriptionAndStatus()
    {
        await using Service s = await Start();
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();

        (HttpStatusCode status, JsonNode body) = await Post(s, new JsonObject { ["providerId"] = "x" });
        Assert.Equal((HttpStatusCode.BadRequest, "MalformedRequest"), (status, body["code"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(body["description"]!.GetValue<string>()));

        (status, body) = await Post(s, await IssueBody(s, owner, provider: "kyc.unknown.v1"));
        Assert.Equal((HttpStatusCode.NotFound, "UnknownProvider"), (status, body["code"]!.GetValue<string>()));

        (status, body) = await Post(s, await IssueBody(s, owner, notarizedAt: s.Time.Now.AddMinutes(-30)));
        Assert.Equal((HttpStatusCode.PreconditionFailed, "StaleNotarization"), (status, body["code"]!.GetValue<string>()));

        JsonObject forged = await IssueBody(s, owner);
        forged["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Convert.FromBase64String(forged["payload"]!.GetValue<string>()))
            .Replace("2000-02-29", "1980-02-29", StringComparison.Ordinal)));
        (status, body) = await Post(s, forged);
        Assert.Equal((HttpStatusCode.Forbidden, "PayloadSignatureInvalid"), (status, body["code"]!.GetValue<string>()));

        HttpResponseMessage missing = await s.Http.GetAsync("/sessions/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task RateLimit_PerClient_429WithErrorBodyAndRetryAfter_HealthExempt()
    {
        await using Service s = await Start(permits: 2);
        Assert.Equal(HttpStatusCode.OK, (await s.Http.PostAsync("/nonce", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Http.PostAsync("/nonce", null)).StatusCode);
        HttpResponseMessage limited = await s.Http.PostAsync("/nonce", null);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("RateLimited", (await limited.Content.ReadFromJsonAsync<JsonNode>())!["code"]!.GetValue<string>());
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await s.Http.GetAsync("/health")).StatusCode);
        }
    }

    [Fact]
    public async Task Production_RefusesSimulatedEvidence()
    {
        await using Service s = await Start("Production");
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        Assert.Equal("real", (await s.Http.GetFromJsonAsync<JsonNode>("/health"))!["evidence"]!.GetValue<string>());

        (HttpStatusCode status, JsonNode body) = await Post(s, await IssueBody(s, owner));

        Assert.Equal((HttpStatusCode.Forbidden, "SimulatedEvidenceNotAllowed"), (status, body["code"]!.GetValue<string>()));
    }

    [Fact]
    public void StatusFor_EveryCode_IsOneOfTheDocumentedStatuses()
    {
        foreach (TlsIssuanceError code in Enum.GetValues<TlsIssuanceError>())
        {
            Assert.Contains(TlsIssuerEndpoints.StatusFor(code), new[] { 400, 403, 404, 412, 500 });
            Assert.False(string.IsNullOrEmpty(TlsIssuanceErrors.Describe(code)));
        }
    }
}
