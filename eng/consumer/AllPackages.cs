// Built by eng/consumer-test.sh against the packed packages (with -warnaserror) and run: one use of each package,
// with exactly the usings an application needs.
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Proving;
using Pod.Hosting;
using Pod.Identity;
using Pod.Identity.Registry;
using Pod.Issuers.Tls;
using Pod;
using Pod.Storage.PostgreSql;
using Pod.Storage.Sqlite;

// Pod.Core: sign and verify a POD.
using EdDsaPrivateKey issuerKey = EdDsaPrivateKey.Generate();
SignedPod ticket = SignedPod.Sign(PodEntries.Create(new Dictionary<string, PodValue> { ["eventId"] = PodValue.String("devcon") }), issuerKey);
Check("Pod.Core", ticket.Verify());

// Pod.Identity: an identity, and the registry over the in-memory store.
using SemaphoreIdentity identity = SemaphoreIdentity.Generate();
var memory = new ServiceCollection().AddPodInMemoryNullifierStore().BuildServiceProvider();
Check("Pod.Identity", await memory.GetRequiredService<NullifierRegistry>().RegisterAsync("airdrop", identity.Commitment) == RegistrationResult.FirstUse);

// Pod.Gpc: bind a proof config to the smallest circuit that fits.
GpcBinding binding = GpcCompiler.BindConfig(GpcJson.ParseProofConfig("""{"pods":{"ticket":{"entries":{"eventId":{"isRevealed":true}}}}}"""));
Check("Pod.Gpc", binding.Circuit.Identifier.Length > 0);

// Pod.Gpc.Proving: a prover over the artifacts directory (nothing is read until the first proof).
string artifacts = Environment.GetEnvironmentVariable("POD_GPC_ARTIFACTS") ?? Directory.CreateTempSubdirectory("pod-artifacts-").FullName;
Check("Pod.Gpc.Proving", new GpcProver(new GpcArtifacts(artifacts)) is not null);

// Pod.Issuers.Tls: the issuer, in memory, hands out a nonce.
byte[] uidKey = new byte[32];
var issuing = new ServiceCollection()
    .AddPodTlsIssuer(o => { o.IssuerKey = issuerKey; o.UidKey = uidKey; o.UseInMemoryStore = true; })
    .BuildServiceProvider();
Check("Pod.Issuers.Tls", (await issuing.GetRequiredService<TlsPodIssuer>().CreateNonceAsync()).Nonce.Length > 0);

// Pod.Storage.Sqlite: the registry over an SQLite file.
string database = Path.Combine(Directory.CreateTempSubdirectory("pod-consumer-").FullName, "nullifiers.db");
await using (var sqlite = new ServiceCollection().AddPodSqliteNullifierStore(o => o.Path = database).BuildServiceProvider())
{
    Check("Pod.Storage.Sqlite", await sqlite.GetRequiredService<NullifierRegistry>().RegisterAsync("airdrop", identity.Commitment) == RegistrationResult.FirstUse
        && sqlite.GetRequiredService<INullifierStore>() is SqliteNullifierStore);
}

// Pod.Storage.PostgreSql: the store connects on first use only; with POD_TEST_POSTGRES set, it is used.
string? postgres = Environment.GetEnvironmentVariable("POD_TEST_POSTGRES");
using (var store = new PostgresNullifierStore(postgres ?? "Host=127.0.0.1;Username=never;Database=never", "pod_consumer_" + Guid.NewGuid().ToString("N")))
{
    Check("Pod.Storage.PostgreSql", postgres is null || await new NullifierRegistry(store).RegisterAsync("airdrop", identity.Commitment) == RegistrationResult.FirstUse);
}

// Pod.Hosting: the verifier service configured from settings (as pod verifier serve reads them), built and its settings validated.
string proofConfigFile = Path.Combine(Path.GetDirectoryName(database)!, "proof-config.json");
File.WriteAllText(proofConfigFile, """{"pods":{"ticket":{"entries":{"eventId":{"isRevealed":true}}}}}""");
WebApplicationBuilder web = WebApplication.CreateSlimBuilder();
web.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Verifier:ArtifactsDirectory"] = artifacts,
    ["Verifier:ProofConfigFile"] = proofConfigFile,
    ["Verifier:TrustedSigners:0"] = issuerKey.PublicKey.ToString(),
    ["Verifier:Registry:Kind"] = "Memory",
});
web.AddPodGpcVerifierService(web.Configuration.GetSection(PodGpcVerifierServiceOptions.SectionName));
await using (WebApplication app = web.Build())
{
    app.MapPodGpcVerifier();
    Check("Pod.Hosting", app.Services.GetRequiredService<IOptions<PodGpcVerifierServiceOptions>>().Value.TrustedSigners.Count == 1);
}

Console.WriteLine("every package: ok");

static void Check(string package, bool ok)
{
    if (!ok)
    {
        Console.WriteLine($"{package}: FAILED");
        Environment.Exit(1);
    }

    Console.WriteLine($"{package}: ok");
}
