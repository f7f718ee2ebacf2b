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
using Pod.Gpc;
using Pod.Gpc.Requests;
using Pod.Hosting;
using Pod.Identity;
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

    /// <summary>
    /// A proof of an election: valid for Pod (gpcVerify's answer, or the row that decides its claims), revealing its
    /// owner's nullifier hash with an external nullifier, and the signer of every POD (the policy trusts issuers).
    /// </summary>
    private static bool IsElectionProof(JsonNode proof) =>
        IsValidForPod(proof) && proof["revealedClaims"]!["owner"] is JsonObject owner && owner["externalNullifier"] is not null
        && (owner["nullifierHashV4"] ?? owner["nullifierHashV3"]) is not null && RevealsEverySigner(proof);

    private static bool IsValidForPod(JsonNode proof) =>
        DeliberateDifferences.Find(ReferenceCall.GpcVerify, proof["revealedClaims"]!) is { } row ? row.Instead == new Answers(true) : proof["gpcVerify"]!.GetValue<bool>();

    private static bool RevealsEverySigner(JsonNode proof) =>
        proof["revealedClaims"]!["pods"]!.AsObject().All(p => p.Value?["signerPublicKey"] is not null);

    public static TheoryData<int> ElectionProofs => Vectors.Where(ProofsFile, IsElectionProof, "proofs");

    /// <summary>One election proof, the one of the cheapest circuit: for the service's machinery, any election proof serves.</summary>
    public static TheoryData<int> OneElectionProof => Vectors.Least(
        ProofsFile, IsElectionProof, p => GpcCircuitFamily.TryFind(CircuitOf(p), out GpcCircuitDescription? c) ? c.Cost : long.MaxValue, "proofs");

    public static TheoryData<int> ProofsWithoutNullifier => Vectors.Where(
        ProofsFile, p => IsValidForPod(p) && RevealsEverySigner(p) && p["revealedClaims"]!["owner"]?["externalNullifier"] is null, "proofs");

    private static JsonNode Case(int index) => Vectors.Item(ProofsFile, index, "proofs");

    private static JsonObject Request(JsonNode item, JsonNode? proof = null, JsonNode? boundConfig = null, JsonNode? revealedClaims = null) => new()
    {
        ["proof"] = (proof ?? item["proof"])!.DeepClone(),
        ["boundConfig"] = (boundConfig ?? item["boundConfig"])!.DeepClone(),
        ["revealedClaims"] = (revealedClaims ?? item["revealedClaims"])!.DeepClone(),
    };

    private static JsonNode WithoutCircuit(JsonNode boundConfig)
    {
        JsonObject config = boundConfig.DeepClone().AsObject();
        config.Remove("circuitIdentifier");
        return config;
    }

    private static string CircuitOf(JsonNode item) => item["boundConfig"]!["circuitIdentifier"]!.GetValue<string>();

    private static string BoundConfigOf(JsonNode proofConfig) =>
        GpcJson.SerializeBoundConfig(GpcCompiler.BindConfig(GpcJson.ParseProofConfig(proofConfig.ToJsonString())).BoundConfig);

    /// <summary>The request a verifier of this case's election would make, taken from its (valid) config and claims; its watermark fixed to the proof's.</summary>
    private GpcVerifierOptions PolicyFor(JsonNode item, string? artifacts = null, string registry = "registry.db") =>
        Options(TemplateFor(item), artifacts, registry);

    private GpcVerifierOptions Options(GpcProofRequestTemplate template, string? artifacts = null, string registry = "registry.db", long maxBody = 256 * 1024) => new()
    {
        ArtifactsDirectory = artifacts ?? _artifacts,
        RegistryPath = Path.Combine(_registryDirectory, registry),
        Template = template,
        MaxRequestBodyBytes = maxBody,
    };

    private static GpcProofRequestTemplate TemplateFor(JsonNode item)
    {
        GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(item["revealedClaims"]!.ToJsonString());
        return new GpcProofRequestTemplate
        {
            ProofConfig = GpcJson.ParseProofConfig(item["proofConfig"]!.ToJsonString()),
            MembershipLists = claims.MembershipLists ?? new Dictionary<string, GpcMembershipList>(),
            ExternalNullifier = claims.Owner?.ExternalNullifier ?? PodValue.String("an election"),
            AllowedCircuits = new HashSet<string>(StringComparer.Ordinal) { CircuitOf(item) },
            TrustedSigners = claims.Pods.Values.Select(p => p.SignerPublicKey!.Value).ToHashSet(),
            RequiredEntries = claims.Pods.SelectMany(p => (p.Value.Entries ?? new Dictionary<string, PodValue>()).Select(e => ($"{p.Key}.{e.Key}", e.Value)))
                .ToDictionary(x => x.Item1, x => x.Item2),
            WatermarkPolicy = claims.Watermark is null ? GpcWatermarkPolicy.Any : GpcWatermarkPolicy.Fixed,
            FixedWatermark = claims.Watermark,
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
        Assert.Equal(GpcVerifierEndpoints.ErrorCodes[code], (int)status);
    }

    [Theory]
    [MemberData(nameof(ElectionProofs))]
    public async Task Verify_VectorProof_FirstUseThenNullifierUsed(int index)
    {
        JsonNode item = Case(index);
        if (!IsElectionProof(item))
        {
            return; // no election proof in this vector set
        }

        if (DeliberateDifferences.Find(ReferenceCall.GpcVerify, item["revealedClaims"]!) is not null)
        {
            Assert.False(item["gpcVerify"]!.GetValue<bool>()); // valid here, refused by the reference (docs/compatibility.md 21)
        }

        GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(item["revealedClaims"]!.ToJsonString());
        await using Service s = await Start(PolicyFor(item));
        JsonNode health = (await s.Http.GetFromJsonAsync<JsonNode>("/health"))!;
        Assert.Equal("ok", health["status"]!.GetValue<string>());
        Assert.Equal(GpcNullifiers.ExternalNullifierSignal(claims.Owner!.ExternalNullifier).ToHexString(), health["scope"]!.GetValue<string>());

        (HttpStatusCode status, JsonNode body) = await Post(s, Request(item));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("verified", body["status"]!.GetValue<string>());
        Assert.True(body["firstUse"]!.GetValue<bool>());
        JsonNode owner = item["revealedClaims"]!["owner"]!;
        Assert.Equal((owner["nullifierHashV4"] ?? owner["nullifierHashV3"])!.GetValue<string>(), body["nullifierHash"]!.GetValue<string>());
        Assert.Equal(health["scope"]!.GetValue<string>(), body["scope"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(item["revealedClaims"], body["revealedClaims"]));

        AssertError(HttpStatusCode.Conflict, "nullifier_used", await Post(s, Request(item)));
    }

    [Theory]
    [MemberData(nameof(OneElectionProof))]
    public async Task Verify_RegistryFile_SurvivesARestart(int index)
    {
        JsonNode item = Case(index);
        if (!IsElectionProof(item))
        {
            return;
        }

        await using (Service first = await Start(PolicyFor(item)))
        {
            Assert.Equal(HttpStatusCode.OK, (await Post(first, Request(item))).Status);
        }

        await using Service second = await Start(PolicyFor(item));
        AssertError(HttpStatusCode.Conflict, "nullifier_used", await Post(second, Request(item)));
    }

    [Theory]
    [MemberData(nameof(ElectionProofs))]
    public async Task Verify_TamperedVariants_RefusedAndNothingRegistered(int index)
    {
        JsonNode item = Case(index);
        if (!IsElectionProof(item))
        {
            return;
        }

        GpcVerifierOptions policy = PolicyFor(item);
        await using Service s = await Start(policy);
        string requested = BoundConfigOf(item["proofConfig"]!);
        foreach (JsonNode tampered in item["tampered"]!.AsArray().Select(t => t!))
        {
            // Every variant is refused (gpcVerify says false for each); the code follows the service's order of checks:
            // the proof's form, the circuit, the statement, then what the claims say (lists, signers, entries, scope,
            // watermark: a 403 when a tampered claim breaks one of them), and last the pairing.
            JsonNode boundConfig = tampered["boundConfig"] ?? item["boundConfig"]!;
            (HttpStatusCode, string?) expected =
                !Groth16Proof.TryParse((tampered["proof"] ?? item["proof"])!.ToJsonString(), out _) ? (HttpStatusCode.BadRequest, "malformed_proof")
                : !policy.Template.AllowedCircuits!.Contains(boundConfig["circuitIdentifier"]!.GetValue<string>()) ? (HttpStatusCode.Forbidden, "unexpected_circuit")
                : requested != BoundConfigOf(WithoutCircuit(boundConfig)) ? (HttpStatusCode.Forbidden, "unexpected_config")
                : tampered["revealedClaims"] is not null && !JsonNode.DeepEquals(tampered["revealedClaims"], item["revealedClaims"]) ? (HttpStatusCode.Forbidden, null)
                : (HttpStatusCode.UnprocessableEntity, "proof_invalid");
            Assert.False(tampered["gpcVerify"]!.GetValue<bool>());

            var response = await Post(s, Request(item, tampered["proof"], tampered["boundConfig"], tampered["revealedClaims"]));

            string code = response.Body["code"]!.GetValue<string>();
            bool matches = expected.Item2 is null
                ? (response.Status == HttpStatusCode.Forbidden || code == "proof_invalid")
                : expected == (response.Status, code);
            Assert.True(matches, $"{tampered["kind"]}: {response.Status} {response.Body}; {expected} expected");
            AssertError(response.Status, code, response);
        }

        Assert.Equal(HttpStatusCode.OK, (await Post(s, Request(item))).Status);
    }

    [Theory]
    [MemberData(nameof(ElectionProofs))]
    public async Task Verify_ValidProofTheCircuitRefusesWithOtherKeys_Invalid(int index)
    {
        // The variants that name another circuit, under a policy that allows every circuit: a valid curve proof, the wrong key.
        JsonNode item = Case(index);
        if (!IsElectionProof(item))
        {
            return;
        }

        await using Service s = await Start(Options(With(TemplateFor(item), allowedCircuits: GpcCircuitFamily.All.Select(c => c.Identifier).ToHashSet(StringComparer.Ordinal))));

        foreach (JsonNode tampered in item["tampered"]!.AsArray().Select(t => t!).Where(t =>
            t["boundConfig"]?["circuitIdentifier"]?.GetValue<string>() is { } circuit && circuit != CircuitOf(item) && GpcCircuitFamily.TryFind(circuit, out _)
            && t["proof"] is null && t["revealedClaims"] is null))
        {
            AssertError(HttpStatusCode.UnprocessableEntity, "proof_invalid", await Post(s, Request(item, boundConfig: tampered["boundConfig"])));
        }

        Assert.Equal(HttpStatusCode.OK, (await Post(s, Request(item))).Status);
    }

    [Theory]
    [MemberData(nameof(OneElectionProof))]
    public async Task Verify_ValidProofOutsideThePolicy_Forbidden(int index)
    {
        JsonNode item = Case(index);
        if (!IsElectionProof(item))
        {
            return;
        }

        GpcProofRequestTemplate policy = TemplateFor(item);
        GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(item["revealedClaims"]!.ToJsonString());
        using EdDsaPrivateKey otherIssuer = EdDsaPrivateKey.Generate();
        var refusals = new List<(string Code, GpcProofRequestTemplate Template)>
        {
            ("wrong_scope", With(policy, externalNullifier: PodValue.String($"not {claims.Owner!.ExternalNullifier}"))),
            ("untrusted_signer", With(policy, trustedSigners: new HashSet<EdDsaPublicKey> { otherIssuer.PublicKey })),
            ("unexpected_circuit", With(policy, allowedCircuits: GpcCircuitFamily.All.Select(c => c.Identifier).Where(c => c != CircuitOf(item)).ToHashSet(StringComparer.Ordinal))),
            ("watermark_mismatch", With(policy, watermark: claims.Watermark == PodValue.Int(7) ? PodValue.Int(8) : PodValue.Int(7))),
            ("unexpected_config", With(policy, config: GpcJson.ParseProofConfig(OtherStatement(item["proofConfig"]!).ToJsonString()), requiredEntries: new Dictionary<string, PodValue>())),
        };

        // A revealed entry required with another value.
        if (claims.Pods.SelectMany(p => (p.Value.Entries ?? new Dictionary<string, PodValue>()).Select(e => (Pod: p.Key, Entry: e.Key, e.Value))).FirstOrDefault() is { Pod: not null } revealed)
        {
            PodValue other = revealed.Value is PodStringValue text ? PodValue.String(text.Value + " (another)") : PodValue.String("another value");
            refusals.Add(("entry_mismatch", With(policy, requiredEntries: new Dictionary<string, PodValue> { [$"{revealed.Pod}.{revealed.Entry}"] = other })));
        }

        foreach ((string code, GpcProofRequestTemplate template) in refusals)
        {
            await using Service s = await Start(Options(template));
            AssertError(HttpStatusCode.Forbidden, code, await Post(s, Request(item)));
        }

        // None of them registered the nullifier.
        await using Service accepting = await Start(Options(policy));
        Assert.Equal(HttpStatusCode.OK, (await Post(accepting, Request(item))).Status);
    }

    /// <summary>The proof config with one entry's revealing switched: another statement, parsed, changed and written again.</summary>
    private static JsonNode OtherStatement(JsonNode proofConfig)
    {
        JsonNode config = proofConfig.DeepClone();
        JsonObject entry = config["pods"]!.AsObject().SelectMany(p => p.Value!["entries"]!.AsObject())
            .Select(e => e.Value!.AsObject()).First(e => e["isOwnerID"] is null);
        entry["isRevealed"] = !(entry["isRevealed"]?.GetValue<bool>() ?? false);
        return config;
    }

    [Theory]
    [MemberData(nameof(ProofsWithoutNullifier))]
    public async Task Verify_ProofWithoutNullifier_Forbidden(int index)
    {
        JsonNode item = Case(index);
        if (!IsValidForPod(item) || !RevealsEverySigner(item) || item["revealedClaims"]!["owner"]?["externalNullifier"] is not null)
        {
            return; // no such proof in this vector set
        }

        await using Service s = await Start(PolicyFor(item));

        AssertError(HttpStatusCode.Forbidden, "nullifier_required", await Post(s, Request(item)));
    }

    [Theory]
    [MemberData(nameof(OneElectionProof))]
    public async Task Verify_MalformedRequests_BadRequest(int index)
    {
        JsonNode item = Case(index);
        if (!IsElectionProof(item))
        {
            return;
        }

        await using Service s = await Start(PolicyFor(item));

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
        claims["owner"]![claims["owner"]!["nullifierHashV4"] is null ? "nullifierHashV3" : "nullifierHashV4"] = "not a number";
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

    [Theory]
    [MemberData(nameof(OneElectionProof))]
    public async Task Routing_AndBodyLimit_ErrorBodies(int index)
    {
        JsonNode item = Case(index);
        if (!IsElectionProof(item))
        {
            return;
        }

        await using Service s = await Start(Options(TemplateFor(item), maxBody: 1024));

        HttpResponseMessage missing = await s.Http.GetAsync("/nope");
        AssertError(HttpStatusCode.NotFound, "not_found", (missing.StatusCode, (await missing.Content.ReadFromJsonAsync<JsonNode>())!));
        HttpResponseMessage wrongMethod = await s.Http.GetAsync("/verify");
        AssertError(HttpStatusCode.MethodNotAllowed, "method_not_allowed", (wrongMethod.StatusCode, (await wrongMethod.Content.ReadFromJsonAsync<JsonNode>())!));
        AssertError(HttpStatusCode.RequestEntityTooLarge, "request_too_large", await Post(s, Request(item)));
    }

    [Theory]
    [MemberData(nameof(OneElectionProof))]
    public async Task Verify_ArtifactsMissingOrSwapped_ServerError(int index)
    {
        JsonNode item = Case(index);
        if (!IsElectionProof(item))
        {
            return;
        }

        string absent = Path.Combine(_registryDirectory, "no-artifacts");
        await using (Service s = await Start(PolicyFor(item, artifacts: absent, registry: "a.db")))
        {
            HttpResponseMessage health = await s.Http.GetAsync("/health");
            AssertError(HttpStatusCode.InternalServerError, "artifacts_unavailable", (health.StatusCode, (await health.Content.ReadFromJsonAsync<JsonNode>())!));
            AssertError(HttpStatusCode.InternalServerError, "artifacts_unavailable", await Post(s, Request(item)));
        }

        // A key file of another circuit under this circuit's name: refused by its pinned SHA-256.
        string swapped = Directory.CreateDirectory(Path.Combine(_registryDirectory, "swapped")).FullName;
        GpcCircuitFamily.TryFind(item["boundConfig"]!["circuitIdentifier"]!.GetValue<string>(), out GpcCircuitDescription? circuit);
        ArtifactFiles.WriteVerificationKey(swapped, circuit!, GpcCircuitFamily.All.First(c => c != circuit));
        await using (Service s = await Start(PolicyFor(item, artifacts: swapped, registry: "b.db")))
        {
            AssertError(HttpStatusCode.InternalServerError, "artifacts_unavailable", await Post(s, Request(item)));
        }

        // Installed after start-up: picked up without a restart, and nothing was registered before.
        await using (Service s = await Start(PolicyFor(item, artifacts: absent, registry: "c.db")))
        {
            AssertError(HttpStatusCode.InternalServerError, "artifacts_unavailable", await Post(s, Request(item)));
            Directory.CreateDirectory(absent);
            ArtifactFiles.WriteVerificationKey(absent, circuit!, circuit!);
            Assert.Equal(HttpStatusCode.OK, (await Post(s, Request(item))).Status);
        }
    }

    private static GpcProofRequestTemplate With(GpcProofRequestTemplate t, PodValue? externalNullifier = null, IReadOnlySet<EdDsaPublicKey>? trustedSigners = null,
        IReadOnlySet<string>? allowedCircuits = null, IReadOnlyDictionary<string, PodValue>? requiredEntries = null,
        PodValue? watermark = null, GpcProofConfig? config = null) => new()
        {
            ProofConfig = config ?? t.ProofConfig,
            MembershipLists = t.MembershipLists,
            ExternalNullifier = externalNullifier ?? t.ExternalNullifier,
            TrustedSigners = trustedSigners ?? t.TrustedSigners,
            AllowedCircuits = allowedCircuits ?? t.AllowedCircuits,
            RequiredEntries = requiredEntries ?? t.RequiredEntries,
            WatermarkPolicy = watermark is null ? t.WatermarkPolicy : GpcWatermarkPolicy.Fixed,
            FixedWatermark = watermark ?? t.FixedWatermark,
        };
}
