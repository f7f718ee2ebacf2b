using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Pod.Cryptography.Signatures;
using Pod.Gpc.Circuits;
using Pod.Gpc.Compilation;
using Pod.Gpc.Config;
using Pod.Gpc.Serialization;
using Pod.Pods;
using Pod.Samples.Verifier;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Samples;

/// <summary>
/// The verifier web service sample, on 127.0.0.1 with a real Kestrel and HttpClient, verifying the proofs @pcd/gpc made
/// (gpc-proofs.json) with verification keys rebuilt byte for byte into a temporary artifacts directory.
/// </summary>
[Trait("Category", Vectors.Trait)]
public sealed class GpcVerifierServiceTests : IDisposable
{
    private const string ProofsFile = "gpc-proofs.json";
    private const string OwnerCase = "pub-04-owner-v4-nullifier";

    private readonly string _artifacts = ArtifactFiles.AllVerificationKeys();
    private readonly string _registryDirectory = Directory.CreateTempSubdirectory("pod-verifier-registry-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_artifacts, recursive: true);
        Directory.Delete(_registryDirectory, recursive: true);
    }

    private sealed class Service : IAsyncDisposable
    {
        public required WebApplication App { get; init; }

        public required HttpClient Http { get; init; }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.DisposeAsync();
        }
    }

    private static JsonNode Case(string id) =>
        Vectors.Section(ProofsFile, "proofs").Single(p => p!["id"]!.GetValue<string>() == id)!;

    private static JsonObject Request(JsonNode item, JsonNode? proof = null, JsonNode? boundConfig = null, JsonNode? revealedClaims = null) => new()
    {
        ["proof"] = (proof ?? item["proof"])!.DeepClone(),
        ["boundConfig"] = (boundConfig ?? item["boundConfig"])!.DeepClone(),
        ["revealedClaims"] = (revealedClaims ?? item["revealedClaims"])!.DeepClone(),
    };

    /// <summary>The policy a verifier of this case's election would have, taken from its (valid) claims.</summary>
    private GpcVerifierOptions PolicyFor(string id, string? artifacts = null, string registry = "registry.db")
    {
        JsonNode item = Case(id);
        GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(item["revealedClaims"]!.ToJsonString());
        return new GpcVerifierOptions
        {
            ArtifactsDirectory = artifacts ?? _artifacts,
            RegistryPath = Path.Combine(_registryDirectory, registry),
            ExternalNullifier = claims.Owner!.ExternalNullifier,
            AllowedCircuits = new HashSet<string>(StringComparer.Ordinal) { item["boundConfig"]!["circuitIdentifier"]!.GetValue<string>() },
            TrustedSigners = claims.Pods.Values.Select(p => p.SignerPublicKey!.Value).ToHashSet(),
            RequiredEntries = claims.Pods.SelectMany(p => (p.Value.Entries ?? new Dictionary<string, PodValue>()).Select(e => (p.Key, e.Key, e.Value)))
                .ToDictionary(x => (x.Item1, x.Item2), x => x.Item3),
            ExpectedWatermark = claims.Watermark,
            ExpectedBoundConfigs = new HashSet<string>(StringComparer.Ordinal)
            {
                GpcJson.SerializeBoundConfig(GpcCompiler.BindConfig(GpcJson.ParseProofConfig(item["proofConfig"]!.ToJsonString())).BoundConfig),
            },
        };
    }

    private static async Task<Service> Start(GpcVerifierOptions options)
    {
        WebApplication app = GpcVerifierService.Build(options);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Assert.StartsWith("http://127.0.0.1:", address, StringComparison.Ordinal);
        return new Service { App = app, Http = new HttpClient { BaseAddress = new Uri(address) } };
    }

    private static Task<(HttpStatusCode Status, JsonNode Body)> Post(Service s, JsonNode body) => PostText(s, body.ToJsonString());

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PostText(Service s, string body)
    {
        HttpResponseMessage r = await s.Http.PostAsync("/verify", new StringContent(body, Encoding.UTF8, "application/json"));
        return (r.StatusCode, (await r.Content.ReadFromJsonAsync<JsonNode>())!);
    }

    private static void AssertError(HttpStatusCode status, string code, (HttpStatusCode Status, JsonNode Body) response)
    {
        Assert.Equal((status, code), (response.Status, response.Body["code"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(response.Body["description"]?.GetValue<string>()));
        Assert.Equal(GpcVerifierService.ErrorCodes[code], (int)status);
    }

    [Fact]
    public async Task Verify_VectorProof_FirstUseThenNullifierUsed()
    {
        JsonNode item = Case(OwnerCase);
        await using Service s = await Start(PolicyFor(OwnerCase));
        JsonNode health = (await s.Http.GetFromJsonAsync<JsonNode>("/health"))!;
        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.Equal("devcon-vote-2025", health["externalNullifier"]!.GetValue<string>());

        (HttpStatusCode status, JsonNode body) = await Post(s, Request(item));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("verified", body["status"]!.GetValue<string>());
        Assert.True(body["firstUse"]!.GetValue<bool>());
        Assert.Equal(item["revealedClaims"]!["owner"]!["nullifierHashV4"]!.GetValue<string>(), body["nullifierHash"]!.GetValue<string>());
        Assert.Equal(health["scope"]!.GetValue<string>(), body["scope"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(item["revealedClaims"], body["revealedClaims"]));

        AssertError(HttpStatusCode.Conflict, "nullifier_used", await Post(s, Request(item)));
    }

    [Fact]
    public async Task Verify_RegistryFile_SurvivesARestart()
    {
        JsonNode item = Case(OwnerCase);
        await using (Service first = await Start(PolicyFor(OwnerCase)))
        {
            Assert.Equal(HttpStatusCode.OK, (await Post(first, Request(item))).Status);
        }

        await using Service second = await Start(PolicyFor(OwnerCase));
        AssertError(HttpStatusCode.Conflict, "nullifier_used", await Post(second, Request(item)));
    }

    [Fact]
    public async Task Verify_NegativeExternalNullifier_VerifiesWhereTheReferenceRefuses()
    {
        const string quirk = "pub-24-quirk-negative-external-nullifier";
        JsonNode item = Case(quirk);
        Assert.False(item["gpcVerify"]!.GetValue<bool>());
        await using Service s = await Start(PolicyFor(quirk));

        (HttpStatusCode status, JsonNode body) = await Post(s, Request(item));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(item["revealedClaims"]!["owner"]!["nullifierHashV4"]!.GetValue<string>(), body["nullifierHash"]!.GetValue<string>());
    }

    [Fact]
    public async Task Verify_TamperedVariants_RefusedAndNothingRegistered()
    {
        JsonNode item = Case(OwnerCase);
        await using Service s = await Start(PolicyFor(OwnerCase));
        var expected = new Dictionary<string, (HttpStatusCode, string)>
        {
            ["revealed-entry-value"] = (HttpStatusCode.UnprocessableEntity, "proof_invalid"),
            ["revealed-signer-public-key"] = (HttpStatusCode.UnprocessableEntity, "proof_invalid"),
            ["watermark"] = (HttpStatusCode.UnprocessableEntity, "proof_invalid"),
            ["nullifier-hash"] = (HttpStatusCode.UnprocessableEntity, "proof_invalid"),
            ["external-nullifier"] = (HttpStatusCode.UnprocessableEntity, "proof_invalid"),
            ["proof-pi_a-x-plus-one"] = (HttpStatusCode.BadRequest, "malformed_proof"),
            ["proof-pi_a-negated"] = (HttpStatusCode.UnprocessableEntity, "proof_invalid"),
            ["proof-pi_c-x-plus-one"] = (HttpStatusCode.BadRequest, "malformed_proof"),
            ["proof-pi_b-fq2-swapped"] = (HttpStatusCode.BadRequest, "malformed_proof"),
            ["proof-swapped"] = (HttpStatusCode.UnprocessableEntity, "proof_invalid"),
            ["bound-config-circuit"] = (HttpStatusCode.Forbidden, "unexpected_circuit"),
        };

        foreach (JsonNode tampered in item["tampered"]!.AsArray().Select(t => t!))
        {
            string kind = tampered["kind"]!.GetValue<string>();
            var response = await Post(s, Request(item, tampered["proof"], tampered["boundConfig"], tampered["revealedClaims"]));

            (HttpStatusCode status, string code) = expected[kind];
            Assert.True((status, code) == (response.Status, response.Body["code"]?.GetValue<string>()), $"{kind}: {response.Status} {response.Body}");
            AssertError(status, code, response);
        }

        Assert.Equal(HttpStatusCode.OK, (await Post(s, Request(item))).Status);
    }

    [Fact]
    public async Task Verify_ValidProofTheCircuitRefusesWithOtherKeys_Invalid()
    {
        // The bound-config-circuit variant under a policy that allows its circuit: a valid curve proof, the wrong key.
        JsonNode item = Case(OwnerCase);
        JsonNode tampered = item["tampered"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == "bound-config-circuit")!;
        GpcVerifierOptions policy = PolicyFor(OwnerCase);
        await using Service s = await Start(new GpcVerifierOptions
        {
            ArtifactsDirectory = policy.ArtifactsDirectory,
            RegistryPath = policy.RegistryPath,
            ExternalNullifier = policy.ExternalNullifier,
            AllowedCircuits = GpcCircuitFamily.All.Select(c => c.Identifier).ToHashSet(StringComparer.Ordinal),
            TrustedSigners = policy.TrustedSigners,
        });

        AssertError(HttpStatusCode.UnprocessableEntity, "proof_invalid", await Post(s, Request(item, boundConfig: tampered["boundConfig"])));
    }

    [Fact]
    public async Task Verify_ValidProofOutsideThePolicy_Forbidden()
    {
        JsonNode item = Case(OwnerCase);
        GpcVerifierOptions policy = PolicyFor(OwnerCase);
        using EdDsaPrivateKey otherIssuer = EdDsaPrivateKey.Generate();
        (string Code, GpcVerifierOptions Options)[] refusals =
        [
            ("wrong_scope", With(policy, externalNullifier: PodValue.String("devcon-vote-2026"))),
            ("untrusted_signer", With(policy, trustedSigners: new HashSet<EdDsaPublicKey> { otherIssuer.PublicKey })),
            ("unexpected_circuit", With(policy, allowedCircuits: new HashSet<string>(StringComparer.Ordinal) { GpcCircuitFamily.All[0].Identifier })),
            ("entry_mismatch", With(policy, requiredEntries: new Dictionary<(string Pod, string Entry), PodValue> { [("ticket", "eventId")] = PodValue.Cryptographic(1) })),
            ("entry_mismatch", With(policy, requiredEntries: new Dictionary<(string Pod, string Entry), PodValue> { [("ticket", "attendeeName")] = PodValue.String("Alice Liddell") })),
            ("watermark_mismatch", With(policy, watermark: PodValue.Int(7))),
            ("unexpected_config", With(policy, expectedConfigs: new HashSet<string>(StringComparer.Ordinal)
            {
                GpcJson.SerializeBoundConfig(GpcCompiler.BindConfig(GpcJson.ParseProofConfig(
                    """{"pods":{"ticket":{"entries":{"eventId":{"isRevealed":true},"owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}}}}}""")).BoundConfig),
            })),
        ];

        foreach ((string code, GpcVerifierOptions options) in refusals)
        {
            await using Service s = await Start(options);
            AssertError(HttpStatusCode.Forbidden, code, await Post(s, Request(item)));
        }

        // None of them registered the nullifier.
        await using Service accepting = await Start(policy);
        Assert.Equal(HttpStatusCode.OK, (await Post(accepting, Request(item))).Status);
    }

    [Fact]
    public async Task Verify_ProofWithoutNullifier_Forbidden()
    {
        JsonNode item = Case("pub-01-reveal-single-string");
        GpcVerifierOptions policy = PolicyFor(OwnerCase);
        GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(item["revealedClaims"]!.ToJsonString());
        await using Service s = await Start(new GpcVerifierOptions
        {
            ArtifactsDirectory = policy.ArtifactsDirectory,
            RegistryPath = policy.RegistryPath,
            ExternalNullifier = policy.ExternalNullifier,
            AllowedCircuits = new HashSet<string>(StringComparer.Ordinal) { item["boundConfig"]!["circuitIdentifier"]!.GetValue<string>() },
            TrustedSigners = claims.Pods.Values.Select(p => p.SignerPublicKey!.Value).ToHashSet(),
        });

        AssertError(HttpStatusCode.Forbidden, "nullifier_required", await Post(s, Request(item)));
    }

    [Fact]
    public async Task Verify_MalformedRequests_BadRequest()
    {
        JsonNode item = Case(OwnerCase);
        await using Service s = await Start(PolicyFor(OwnerCase));

        AssertError(HttpStatusCode.BadRequest, "malformed_json", await PostText(s, "{\"proof\": "));
        AssertError(HttpStatusCode.BadRequest, "malformed_json", await PostText(s, ""));
        AssertError(HttpStatusCode.BadRequest, "malformed_request", await PostText(s, "[1, 2]"));
        AssertError(HttpStatusCode.BadRequest, "malformed_request", await Post(s, new JsonObject { ["proof"] = item["proof"]!.DeepClone() }));
        JsonObject extra = Request(item);
        extra["vote"] = 1;
        AssertError(HttpStatusCode.BadRequest, "malformed_request", await Post(s, extra));
        AssertError(HttpStatusCode.BadRequest, "malformed_proof", await Post(s, Request(item, proof: new JsonObject { ["pi_a"] = "x" })));
        AssertError(HttpStatusCode.BadRequest, "malformed_bound_config", await Post(s, Request(item, boundConfig: new JsonObject { ["pods"] = new JsonObject() })));
        JsonObject claims = item["revealedClaims"]!.DeepClone().AsObject();
        claims["owner"]!["nullifierHashV4"] = "not a number";
        AssertError(HttpStatusCode.BadRequest, "malformed_revealed_claims", await Post(s, Request(item, revealedClaims: claims)));

        // The members may also be given as strings holding their JSON text.
        JsonObject asText = new()
        {
            ["proof"] = item["proof"]!.ToJsonString(),
            ["boundConfig"] = item["boundConfig"]!.ToJsonString(),
            ["revealedClaims"] = item["revealedClaims"]!.ToJsonString(),
        };
        Assert.Equal(HttpStatusCode.OK, (await Post(s, asText)).Status);
    }

    [Fact]
    public async Task Routing_AndBodyLimit_ErrorBodies()
    {
        GpcVerifierOptions policy = PolicyFor(OwnerCase);
        await using Service s = await Start(new GpcVerifierOptions
        {
            ArtifactsDirectory = policy.ArtifactsDirectory,
            RegistryPath = policy.RegistryPath,
            ExternalNullifier = policy.ExternalNullifier,
            AllowedCircuits = policy.AllowedCircuits,
            TrustedSigners = policy.TrustedSigners,
            MaxRequestBodyBytes = 1024,
        });

        HttpResponseMessage missing = await s.Http.GetAsync("/nope");
        AssertError(HttpStatusCode.NotFound, "not_found", (missing.StatusCode, (await missing.Content.ReadFromJsonAsync<JsonNode>())!));
        HttpResponseMessage wrongMethod = await s.Http.GetAsync("/verify");
        AssertError(HttpStatusCode.MethodNotAllowed, "method_not_allowed", (wrongMethod.StatusCode, (await wrongMethod.Content.ReadFromJsonAsync<JsonNode>())!));
        AssertError(HttpStatusCode.RequestEntityTooLarge, "request_too_large", await Post(s, Request(Case(OwnerCase))));
    }

    [Fact]
    public async Task Verify_ArtifactsMissingOrSwapped_ServerError()
    {
        JsonNode item = Case(OwnerCase);
        string absent = Path.Combine(_registryDirectory, "no-artifacts");
        await using (Service s = await Start(PolicyFor(OwnerCase, artifacts: absent, registry: "a.db")))
        {
            HttpResponseMessage health = await s.Http.GetAsync("/health");
            AssertError(HttpStatusCode.InternalServerError, "artifacts_unavailable", (health.StatusCode, (await health.Content.ReadFromJsonAsync<JsonNode>())!));
            AssertError(HttpStatusCode.InternalServerError, "artifacts_unavailable", await Post(s, Request(item)));
        }

        // A key file of another circuit under this circuit's name: refused by its pinned SHA-256.
        string swapped = Directory.CreateDirectory(Path.Combine(_registryDirectory, "swapped")).FullName;
        GpcCircuitFamily.TryFind(item["boundConfig"]!["circuitIdentifier"]!.GetValue<string>(), out GpcCircuitDescription? circuit);
        ArtifactFiles.WriteVerificationKey(swapped, circuit!, GpcCircuitFamily.All.First(c => c != circuit));
        await using (Service s = await Start(PolicyFor(OwnerCase, artifacts: swapped, registry: "b.db")))
        {
            AssertError(HttpStatusCode.InternalServerError, "artifacts_unavailable", await Post(s, Request(item)));
        }

        // Installed after start-up: picked up without a restart, and nothing was registered before.
        await using (Service s = await Start(PolicyFor(OwnerCase, artifacts: absent, registry: "c.db")))
        {
            AssertError(HttpStatusCode.InternalServerError, "artifacts_unavailable", await Post(s, Request(item)));
            Directory.CreateDirectory(absent);
            ArtifactFiles.WriteVerificationKey(absent, circuit!, circuit!);
            Assert.Equal(HttpStatusCode.OK, (await Post(s, Request(item))).Status);
        }
    }

    private static GpcVerifierOptions With(GpcVerifierOptions o, PodValue? externalNullifier = null, IReadOnlySet<EdDsaPublicKey>? trustedSigners = null,
        IReadOnlySet<string>? allowedCircuits = null, IReadOnlyDictionary<(string Pod, string Entry), PodValue>? requiredEntries = null,
        PodValue? watermark = null, IReadOnlySet<string>? expectedConfigs = null) => new()
        {
            ArtifactsDirectory = o.ArtifactsDirectory,
            RegistryPath = o.RegistryPath,
            ExternalNullifier = externalNullifier ?? o.ExternalNullifier,
            TrustedSigners = trustedSigners ?? o.TrustedSigners,
            AllowedCircuits = allowedCircuits ?? o.AllowedCircuits,
            RequiredEntries = requiredEntries ?? o.RequiredEntries,
            ExpectedWatermark = watermark ?? o.ExpectedWatermark,
            ExpectedBoundConfigs = expectedConfigs ?? o.ExpectedBoundConfigs,
        };
}
