using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Requests;
using Pod.Identity.Registry;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

/// <summary>
/// Proof requests without proofs: their JSON between Pod and @pcd/gpc (node, tools/gpc-reference/request.cjs), the
/// template's start-up checks, the challenge store, the response shapes and <c>AddPodGpcVerifier</c>.
/// </summary>
public sealed class GpcRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly EdDsaPublicKey Issuer = EdDsaPrivateKey.Import(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray()).PublicKey;

    private static GpcProofRequestTemplate Template(GpcWatermarkPolicy watermark = GpcWatermarkPolicy.Challenge, PodValue? externalNullifier = null) => new()
    {
        ProofConfig = GpcJson.ParseProofConfig("""
            {"pods":{"id":{"entries":{
              "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"},
              "country":{"isRevealed":false,"isNotMemberOf":"sanctioned"},
              "birthDate":{"isRevealed":false,"inRange":{"min":"-9223372036854775808","max":0}}},
              "signerPublicKey":{"isRevealed":false,"isMemberOf":"trustedSigners"}}}}
            """),
        MembershipLists = new Dictionary<string, GpcMembershipList> { ["sanctioned"] = GpcMembershipList.Of([PodValue.String("XX"), PodValue.String("YY")]) },
        TrustedSigners = new HashSet<EdDsaPublicKey> { Issuer },
        MovingBounds = [GpcMovingBound.AgeAtLeast("id.birthDate", 18, TimeSpan.FromDays(1))],
        ExternalNullifier = externalNullifier ?? PodValue.String("airdrop"),
        WatermarkPolicy = watermark,
        FixedWatermark = watermark == GpcWatermarkPolicy.Fixed ? PodValue.Int(9_007_199_254_740_993) : null,
    };

    private static GpcRequestVerifier Verifier(GpcProofRequestTemplate template, TimeProvider? time = null) =>
        new(template, new GpcVerificationKeys(new Pod.Gpc.GpcArtifacts(Path.GetTempPath())), new InMemoryGpcChallengeStore(time),
            new NullifierRegistry(new InMemoryNullifierStore()), time ?? new ManualTimeProvider(Now));

    [Fact]
    public async Task IssueRequest_MovesTheBound_FreshWatermarkEachTime_AndBuildsTheTrustedList()
    {
        GpcRequestVerifier verifier = Verifier(Template());

        GpcProofRequest first = await verifier.IssueRequestAsync();
        GpcProofRequest second = await verifier.IssueRequestAsync();

        Assert.NotEqual(first.Watermark, second.Watermark);
        Assert.IsType<PodStringValue>(first.Watermark);
        Assert.Equal(Now.AddYears(-18).ToUnixTimeMilliseconds(), first.ProofConfig.Pods["id"].Entries["birthDate"].InRange!.Value.Max);
        Assert.Equal([PodValue.EdDsaPublicKey(Issuer)], first.MembershipLists["trustedSigners"].Elements.Select(e => e[0]));
        Assert.Equal(PodValue.String("airdrop"), first.ExternalNullifier);
        Assert.Equal(new[] { "sanctioned", "trustedSigners" }, first.MembershipLists.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RequestJson_RoundTripsHere_AndThroughTheReference()
    {
        var texts = new List<string>();
        foreach (GpcWatermarkPolicy policy in Enum.GetValues<GpcWatermarkPolicy>())
        {
            GpcProofRequest request = await Verifier(Template(policy)).IssueRequestAsync();
            string json = GpcJson.SerializeProofRequest(request);
            Assert.Equal(json, GpcJson.SerializeProofRequest(GpcJson.ParseProofRequest(json)));
            texts.Add(json);
        }

        // Without a watermark (the holder's choice) the member is absent, as podspec leaves it undefined.
        Assert.DoesNotContain("\"watermark\"", texts[(int)GpcWatermarkPolicy.Any], StringComparison.Ordinal);

        JsonNode reference = RequestScript(texts);

        // @pcd/gpc reads each member with its own *FromJSON and writes it back with *ToJSON: the same text.
        Assert.Equal(texts, reference["read"]!.AsArray().Select(t => t!.GetValue<string>()));

        // A request @pcd/gpc wrote from JS objects reads here to the same request, written back byte for byte.
        string made = reference["made"]!.GetValue<string>();
        GpcProofRequest parsed = GpcJson.ParseProofRequest(made);
        Assert.Equal(made, GpcJson.SerializeProofRequest(parsed));
        Assert.False(parsed.ProofConfig.Pods["id"].SignerPublicKey!.IsRevealed);
        Assert.Equal(PodValue.Int(9_007_199_254_740_993), parsed.Watermark);
    }

    [Fact]
    public void ParseProofRequest_Malformed_FormatExceptionNamingTheField()
    {
        Assert.Contains("proofConfig", Assert.Throws<FormatException>(() => GpcJson.ParseProofRequest("""{"membershipLists":{}}""")).Message, StringComparison.Ordinal);
        Assert.Contains("extra", Assert.Throws<FormatException>(() => GpcJson.ParseProofRequest("""{"proofConfig":{"pods":{}},"extra":1}""")).Message, StringComparison.Ordinal);
        Assert.Contains("watermark", Assert.Throws<FormatException>(() => GpcJson.ParseProofRequest("""{"proofConfig":{"pods":{"a":{"entries":{"x":{"isRevealed":true}}}}},"watermark":[]}""")).Message, StringComparison.Ordinal);
        Assert.Throws<GpcConfigException>(() => GpcJson.ParseProofRequest("""{"proofConfig":{"pods":{}}}"""));
    }

    public static TheoryData<string> UnusableTemplates => new()
    {
        "no trusted signer",
        "a list named as the trusted list",
        "a fixed policy without a watermark",
        "a moving bound on an entry without inRange",
        "a list the config names missing",
        "a required entry not revealed",
        "an unknown circuit",
        "a zero challenge lifetime",
        "an external nullifier of signal r - 1",
    };

    [Theory]
    [MemberData(nameof(UnusableTemplates))]
    public void Constructor_UnusableTemplate_ArgumentExceptionSayingWhy(string problem)
    {
        GpcProofRequestTemplate t = Template();
        GpcProofRequestTemplate bad = problem switch
        {
            "no trusted signer" => Copy(t, trusted: new HashSet<EdDsaPublicKey>()),
            "a list named as the trusted list" => Copy(t, lists: new Dictionary<string, GpcMembershipList>(t.MembershipLists) { ["trustedSigners"] = GpcMembershipList.Of([PodValue.Int(1)]) }),
            "a fixed policy without a watermark" => Copy(t, policy: GpcWatermarkPolicy.Fixed),
            "a moving bound on an entry without inRange" => Copy(t, bounds: [GpcMovingBound.NotExpired("id.country", TimeSpan.Zero)]),
            "a list the config names missing" => Copy(t, lists: new Dictionary<string, GpcMembershipList>()),
            "a required entry not revealed" => Copy(t, required: new Dictionary<string, PodValue> { ["id.country"] = PodValue.String("NL") }),
            "an unknown circuit" => Copy(t, circuits: new HashSet<string> { "proto-pod-gpc_none" }),
            "a zero challenge lifetime" => Copy(t, lifetime: TimeSpan.Zero),
            "an external nullifier of signal r - 1" => Copy(t, externalNullifier: PodValue.Int(-1)),
            _ => throw new UnreachableException(problem),
        };

        var e = Assert.Throws<ArgumentException>(() => Verifier(bad));
        Assert.Equal("template", e.ParamName);
        Assert.DoesNotContain("\n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ExternalNullifierWithoutRegistry_ArgumentException()
    {
        var keys = new GpcVerificationKeys(new Pod.Gpc.GpcArtifacts(Path.GetTempPath()));
        Assert.Equal("registry", Assert.Throws<ArgumentException>(() => new GpcRequestVerifier(Template(), keys, new InMemoryGpcChallengeStore(), null)).ParamName);
        Assert.Throws<ArgumentNullException>(() => new GpcRequestVerifier(null!, keys, new InMemoryGpcChallengeStore(), null));
    }

    [Fact]
    public async Task ChallengeStore_FreshOnceThenUsed_ExpiredAfterItsTime_UnknownOtherwise()
    {
        var clock = new ManualTimeProvider(Now);
        var store = new InMemoryGpcChallengeStore(clock, TimeSpan.FromMinutes(1));
        await store.AddAsync("a", Now.AddMinutes(5));
        await store.AddAsync("b", Now.AddMinutes(5));
        await Assert.ThrowsAsync<ArgumentException>(() => store.AddAsync("a", Now.AddMinutes(5)));

        Assert.Equal(GpcChallengeState.Fresh, await store.PeekAsync("a", Now));
        Assert.Equal(GpcChallengeState.Unknown, await store.PeekAsync("c", Now));

        // Of many racing uses exactly one wins.
        GpcChallengeState[] raced = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => store.TryConsumeAsync("a", Now))));
        Assert.Single(raced, GpcChallengeState.Fresh);
        Assert.All(raced.Where(s => s != GpcChallengeState.Fresh), s => Assert.Equal(GpcChallengeState.Used, s));

        Assert.Equal(GpcChallengeState.Expired, await store.TryConsumeAsync("b", Now.AddMinutes(5)));

        // Remembered for the retention after expiry, then swept on a later add.
        clock.Advance(TimeSpan.FromMinutes(7));
        await store.AddAsync("d", clock.GetUtcNow().AddMinutes(5));
        Assert.Equal(GpcChallengeState.Unknown, await store.PeekAsync("b", clock.GetUtcNow()));
        Assert.Equal(GpcChallengeState.Fresh, await store.PeekAsync("d", clock.GetUtcNow()));
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "", "malformed_json" },
        { "{\"proof\": ", "malformed_json" },
        { "[1]", "malformed_request" },
        { "{\"proof\": {}, \"boundConfig\": {}}", "malformed_request" },
        { "{\"type\": \"gpc-pcd\", \"pcd\": \"{\\\"claim\\\": 1}\"}", "malformed_request" },
        { "{\"type\": \"gpc-pcd\", \"pcd\": \"not json\"}", "malformed_request" },
        { "{\"type\": 7, \"pcd\": {}}", "malformed_request" },
        { "{\"proof\": {\"pi_a\": 1}, \"boundConfig\": {}, \"revealedClaims\": {}}", "malformed_proof" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Check_MalformedBody_RefusedWithItsCode_NeverThrows(string body, string code)
    {
        GpcResponseCheck check = await Verifier(Template()).CheckAsync(body);

        Assert.False(check.IsValid);
        Assert.Equal(code, check.Failure.Code());
        Assert.False(string.IsNullOrWhiteSpace(check.Description));
    }

    [Fact]
    public void FailureCodes_AreDistinctSnakeCase_WithDescriptions()
    {
        GpcResponseFailure[] all = Enum.GetValues<GpcResponseFailure>();
        Assert.Equal(all.Length, all.Select(f => f.Code()).Distinct(StringComparer.Ordinal).Count());
        Assert.All(all, f => Assert.Matches("^[a-z]+(_[a-z]+)*$", f.Code()));
        Assert.All(all, f => Assert.EndsWith(".", f.Describe(), StringComparison.Ordinal));
        Assert.Equal("failure", Assert.Throws<ArgumentOutOfRangeException>(() => ((GpcResponseFailure)999).Code()).ParamName);
    }

    [Fact]
    public async Task AddPodGpcVerifier_ValidatesOnStart_AndResolvesTheVerifier()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new ManualTimeProvider(Now));
        services.AddPodInMemoryNullifierStore();
        services.AddPodGpcVerifier(o =>
        {
            o.Template = Template();
            o.ArtifactsDirectory = Path.Combine(Path.GetTempPath(), "pod-not-installed-yet");
        });
        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            GpcRequestVerifier verifier = provider.GetRequiredService<GpcRequestVerifier>();
            Assert.Same(verifier, provider.GetRequiredService<GpcRequestVerifier>());
            Assert.NotNull((await verifier.IssueRequestAsync()).Watermark);

            // The artifacts are read on use: not installed, the verifier says so and does not throw.
            Assert.False(verifier.TryLoadVerificationKeys(out string? problem));
            Assert.Contains("pod-not-installed-yet", problem, StringComparison.Ordinal);
        }

        foreach ((Action<IServiceCollection> register, string expected) in new (Action<IServiceCollection>, string)[]
        {
            (s => s.AddPodGpcVerifier(o => o.ArtifactsDirectory = "x"), "Template"),
            (s => s.AddPodGpcVerifier(o => o.Template = Template()), "ArtifactsDirectory"),
            (s => s.AddPodGpcVerifier(o => { o.Template = Copy(Template(), trusted: new HashSet<EdDsaPublicKey>()); o.ArtifactsDirectory = "x"; }), "TrustedSigners"),
            (s => s.AddPodGpcVerifier(o => { o.Template = Template(); o.ArtifactsDirectory = "x"; }), "AddPodSqliteNullifierStore"),
        })
        {
            var bad = new ServiceCollection();
            register(bad);
            await using ServiceProvider provider = bad.BuildServiceProvider();
            var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
            Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        }
    }

    private static GpcProofRequestTemplate Copy(
        GpcProofRequestTemplate t, IReadOnlySet<EdDsaPublicKey>? trusted = null, IReadOnlyDictionary<string, GpcMembershipList>? lists = null,
        GpcWatermarkPolicy? policy = null, IReadOnlyList<GpcMovingBound>? bounds = null, IReadOnlyDictionary<string, PodValue>? required = null,
        IReadOnlySet<string>? circuits = null, TimeSpan? lifetime = null, PodValue? externalNullifier = null) => new()
        {
            ProofConfig = t.ProofConfig,
            MembershipLists = lists ?? t.MembershipLists,
            TrustedSigners = trusted ?? t.TrustedSigners,
            ExternalNullifier = externalNullifier ?? t.ExternalNullifier,
            WatermarkPolicy = policy ?? t.WatermarkPolicy,
            FixedWatermark = t.FixedWatermark,
            ChallengeLifetime = lifetime ?? t.ChallengeLifetime,
            MovingBounds = bounds ?? t.MovingBounds,
            RequiredEntries = required ?? t.RequiredEntries,
            AllowedCircuits = circuits ?? t.AllowedCircuits,
        };

    /// <summary>Runs tools/gpc-reference/request.cjs (@pcd/gpc's own JSON functions) on request texts.</summary>
    private static JsonNode RequestScript(IReadOnlyList<string> requests)
    {
        string? directory = Environment.GetEnvironmentVariable("POD_GPC_REFERENCE");
        Assert.False(string.IsNullOrEmpty(directory), "POD_GPC_REFERENCE is not set: run the tests through test.sh, which installs @pcd/gpc from npm.");
        string jobs = Path.Combine(Directory.CreateTempSubdirectory("pod-request-").FullName, "jobs.json");
        File.WriteAllText(jobs, JsonSerializer.Serialize(requests));
        var start = new ProcessStartInfo("node", [Path.Combine(directory!, "request.cjs"), jobs])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "request.cjs did not finish in two minutes.");
        Assert.True(process.ExitCode == 0, $"request.cjs failed: {stderr.Result}");
        Directory.Delete(Path.GetDirectoryName(jobs)!, recursive: true);
        return JsonNode.Parse(stdout)!;
    }
}
