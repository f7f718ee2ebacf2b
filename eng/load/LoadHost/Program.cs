using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Pod.Cryptography.Fields;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Requests;
using Pod.Hosting;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;
using Pod.Issuers.Tls.Storage;
using Pod.Storage.PostgreSql;
using Pod.Storage.Sqlite;

// The harness behind eng/load/*.sh (measuring only; see docs/operations.md):
//   tls-issuer STORE BODIES_FILE COUNT      the issuer service (Development, simulated enclave, no rate limit); writes COUNT
//                                            fresh /issue bodies, one per line, then serves until SIGTERM
//   verifier ARTIFACTS PROOFS_JSON REGISTRY BODY_FILE
//                                            the verifier service (no rate limit) with the policy of one election proof of
//                                            the vectors; writes that proof's /verify body, then serves until SIGTERM
//   store-writer registry|tls STORE CLIENTS  writes until killed; prints each acknowledged key on its own line
//   store-check registry|tls STORE ACKED     counts the acknowledged keys missing from the store
// STORE: memory, sqlite:PATH, or postgres:SCHEMA (the connection string in $POD_LOAD_POSTGRES).
return args switch
{
    ["tls-issuer", string store, string bodies, string count] => await ServeIssuerAsync(store, bodies, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["verifier", string artifacts, string proofs, string registry, string body] => await ServeVerifierAsync(artifacts, proofs, registry, body),
    ["store-writer", string kind, string store, string clients] => await WriteAsync(kind, store, int.Parse(clients, System.Globalization.CultureInfo.InvariantCulture)),
    ["store-check", string kind, string store, string acked] => await CheckAsync(kind, store, acked),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("Usage: LoadHost tls-issuer STORE BODIES COUNT | verifier ARTIFACTS PROOFS REGISTRY BODY | store-writer KIND STORE CLIENTS | store-check KIND STORE ACKED");
    return 2;
}

// The services as Pod.Hosting serves them (pod issuer serve, pod verifier serve) on 127.0.0.1, Development, without a rate
// limit: the settings in memory, the keys, provider and template in code.
static WebApplication Build(string section, Dictionary<string, string?> settings, Action<WebApplicationBuilder, IConfigurationSection> add)
{
    WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
    builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
    builder.Logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Warning);
    settings[$"{section}:RateLimit:PermitLimit"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
    add(builder, new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection(section));
    return builder.Build();
}

static Dictionary<string, string?> Store(string prefix, string store) => store.Split(':', 2) switch
{
    ["memory"] => new() { [$"{prefix}:Kind"] = "Memory" },
    ["sqlite", string path] => new() { [$"{prefix}:Kind"] = "Sqlite", [$"{prefix}:Path"] = path },
    ["postgres", string schema] => new() { [$"{prefix}:Kind"] = "PostgreSql", [$"{prefix}:ConnectionString"] = Postgres(), [$"{prefix}:Schema"] = schema },
    _ => throw new ArgumentException($"Unknown store \"{store}\"."),
};

static async Task<int> ServeIssuerAsync(string store, string bodiesFile, int count)
{
    using var enclave = new SimulatedEnclave();
    using EdDsaPrivateKey key = EdDsaPrivateKey.Generate();
    using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
    Dictionary<string, string?> settings = Store("Issuer:Store", store);
    settings["Issuer:Simulation:Enabled"] = "true";
    settings["Issuer:Simulation:RootPublicKey"] = Convert.ToBase64String(enclave.ExportRootPublicKey());
    settings["Issuer:Simulation:MrEnclave"] = enclave.MrEnclaveHex;
    await using WebApplication app = Build("Issuer", settings, (builder, section) => builder.AddPodTlsIssuerService(section, o =>
    {
        o.IssuerKey = key;
        o.UidKey = RandomNumberGenerator.GetBytes(32);
        o.Providers.Add(ProviderSpec.Parse(Pod.Samples.TlsIssuer.TlsIssuerService.DemoSpec));
    }));
    app.MapPodTlsIssuer();
    await app.StartAsync();
    string address = Address(app);
    Console.WriteLine($"listening {address}");

    // Bodies made now, each with its own nonce and document number (a new UID), notarized by the in-process enclave.
    enclave.StartSession(DateTimeOffset.UtcNow.AddHours(2));
    using var http = new HttpClient { BaseAddress = new Uri(address) };
    await using (var output = new StreamWriter(bodiesFile))
    {
        for (int i = 0; i < count; i++)
        {
            JsonNode nonce = JsonNode.Parse(await (await http.PostAsync("/nonce", null)).Content.ReadAsStringAsync())!;
            byte[] payload = Encoding.UTF8.GetBytes(new JsonObject
            {
                ["v"] = 1,
                ["provider"] = "kyc.demo.v1",
                ["nonce"] = nonce["nonce"]!.GetValue<string>(),
                ["owner"] = owner.PublicKey.ToString(),
                ["notarized_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["request"] = new JsonObject { ["method"] = "GET", ["url"] = "https://kyc.example.com/v1/status", ["status"] = 200 },
                ["response"] = JsonNode.Parse($$"""
                    {"status":"approved","person":{"dob":"1990-05-17","country":"nl"},"document":{"type":"PASSPORT","number":"NX-{{i}}-{{Guid.NewGuid():N}}"},"liveness":true}
                    """),
            }.ToJsonString());
            SimulatedEvidence e = enclave.Notarize(payload);
            await output.WriteLineAsync(new JsonObject
            {
                ["providerId"] = "kyc.demo.v1",
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
            }.ToJsonString());
        }
    }

    Console.WriteLine($"ready {count} bodies");
    await app.WaitForShutdownAsync();
    return 0;
}

static async Task<int> ServeVerifierAsync(string artifacts, string proofsFile, string registry, string bodyFile)
{
    // An election proof (valid, revealing its owner's nullifier with an external nullifier and every signer), the one of
    // the cheapest circuit; the policy is the one a verifier of that election would have.
    JsonObject item = JsonNode.Parse(File.ReadAllText(proofsFile))!["proofs"]!.AsArray().OfType<JsonObject>()
        .Where(p => p["gpcVerify"]?.GetValue<bool>() == true && p["revealedClaims"]!["owner"]?["externalNullifier"] is not null
            && p["revealedClaims"]!["pods"]!.AsObject().All(x => x.Value?["signerPublicKey"] is not null))
        .OrderBy(p => GpcCircuitFamily.TryFind(p["boundConfig"]!["circuitIdentifier"]!.GetValue<string>(), out GpcCircuitDescription? c) ? c.Cost : long.MaxValue)
        .First();
    var claims = GpcJson.ParseRevealedClaims(item["revealedClaims"]!.ToJsonString());
    string circuit = item["boundConfig"]!["circuitIdentifier"]!.GetValue<string>();
    var template = new GpcProofRequestTemplate
    {
        ProofConfig = GpcJson.ParseProofConfig(item["proofConfig"]!.ToJsonString()),
        MembershipLists = claims.MembershipLists ?? new Dictionary<string, GpcMembershipList>(),
        ExternalNullifier = claims.Owner!.ExternalNullifier!,
        AllowedCircuits = new HashSet<string>(StringComparer.Ordinal) { circuit },
        TrustedSigners = claims.Pods.Values.Select(p => p.SignerPublicKey!.Value).ToHashSet(),
        WatermarkPolicy = claims.Watermark is null ? GpcWatermarkPolicy.Any : GpcWatermarkPolicy.Fixed,
        FixedWatermark = claims.Watermark,
    };
    File.WriteAllText(bodyFile, new JsonObject
    {
        ["proof"] = item["proof"]!.DeepClone(),
        ["boundConfig"] = item["boundConfig"]!.DeepClone(),
        ["revealedClaims"] = item["revealedClaims"]!.DeepClone(),
    }.ToJsonString());
    Dictionary<string, string?> settings = Store("Verifier:Registry", "sqlite:" + registry);
    settings["Verifier:ArtifactsDirectory"] = artifacts;
    await using WebApplication app = Build("Verifier", settings, (builder, section) => builder.AddPodGpcVerifierService(section, o => o.Template = template));
    app.MapPodGpcVerifier();
    await app.StartAsync();
    Console.WriteLine($"listening {Address(app)}");
    Console.WriteLine($"ready {circuit}");
    await app.WaitForShutdownAsync();
    return 0;
}

static async Task<int> WriteAsync(string kind, string store, int clients)
{
    // Each client writes in a loop; a key is printed only after its write returned (acknowledged). Console.Out is
    // synchronized and flushes every line, so the file the script redirects to holds every acknowledgement made.
    Fr scope = Fr.FromUInt64(42);
    using IDisposable s = Open(kind, store);
    TextWriter output = Console.Out;
    await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
    {
        while (true)
        {
            if (s is INullifierStore registry)
            {
                Fr nullifier = Fr.FromBytesReduced(RandomNumberGenerator.GetBytes(32));
                if (await registry.RegisterAsync(scope, nullifier) == RegistrationResult.FirstUse)
                {
                    output.WriteLine(nullifier.ToString());
                }
            }
            else
            {
                var tls = (ITlsIssuerStore)s;
                DateTimeOffset now = DateTimeOffset.UtcNow;
                string session = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
                byte[] nonceHash = RandomNumberGenerator.GetBytes(32);
                await tls.CreateSessionAsync(new IssuanceSession(session, IssuanceSessionState.Created, now, now.AddDays(1), now, null), nonceHash, default);
                var commit = new IssuanceCommit(nonceHash, RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32), "owner", now, $"{{\"session\":\"{session}\"}}");
                if (await tls.CommitIssuanceAsync(commit, default) == IssuanceCommitOutcome.Committed)
                {
                    output.WriteLine(session);
                }
            }
        }
    })));
    return 0;
}

static async Task<int> CheckAsync(string kind, string store, string ackedFile)
{
    // A line cut by the kill (no newline yet) was never acknowledged: only whole lines count.
    string text = File.ReadAllText(ackedFile);
    string[] acked = text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
    using IDisposable s = Open(kind, store);
    long lost = 0;
    var watch = Stopwatch.StartNew();
    foreach (string key in acked)
    {
        bool present = s is INullifierStore registry
            ? await registry.RegisterAsync(Fr.FromUInt64(42), Fr.Parse(key)) == RegistrationResult.AlreadyRegistered
            : await ((ITlsIssuerStore)s).GetIssuedPodAsync(key, default) is not null;
        lost += present ? 0 : 1;
    }

    Console.WriteLine($"{kind} {store.Split(':')[0]}: acknowledged {acked.Length}, lost {lost} (checked in {watch.Elapsed.TotalSeconds:F1} s)");
    return lost == 0 ? 0 : 1;
}

static IDisposable Open(string kind, string store) => (kind, store.Split(':', 2)) switch
{
    ("registry", ["sqlite", string path]) => new SqliteNullifierStore(path),
    ("registry", ["postgres", string schema]) => new PostgresNullifierStore(Postgres(), schema),
    ("tls", ["sqlite", string path]) => new SqliteTlsIssuerStore($"Data Source={path}"),
    ("tls", ["postgres", string schema]) => new PostgresTlsIssuerStore(Postgres(), schema),
    _ => throw new ArgumentException($"Unknown store kind or store: {kind} {store}."),
};

static string Postgres() => Environment.GetEnvironmentVariable("POD_LOAD_POSTGRES") is { Length: > 0 } s
    ? s : throw new InvalidOperationException("POD_LOAD_POSTGRES (an Npgsql connection string) is not set.");

static string Address(WebApplication app) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
