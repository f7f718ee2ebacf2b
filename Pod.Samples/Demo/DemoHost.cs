using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Pod.Cryptography.Signatures;
using Pod.Gpc;
using Pod.Gpc.Requests;
using Pod.Hosting;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;
using Pod.Identity.Registry;
using Pod.Samples.Election;
using ElectionRecord = Pod.Samples.Election.Election;
using Pod.Samples.TlsIssuer;
using Pod.Samples.Verifier;

namespace Pod.Samples.Demo;

/// <summary>
/// The demo of docs/demo.md: the TLS issuer (Development, simulated enclave, in-memory state), the verifier (trusting the
/// issuer's simulation signer, issuing <see cref="Template"/>'s requests) and the election sample's ballot box (its live
/// tally page), all on 127.0.0.1, with their pages.
/// <c>dotnet run --project Pod.Samples -c Release -- demo</c> runs it until Ctrl+C; the Playwright tests start the same.
/// </summary>
internal sealed class DemoHost : IAsyncDisposable
{
    /// <summary>The airdrop the verifier counts: one claim per identity.</summary>
    public const string ExternalNullifier = "pod-demo-airdrop";

    /// <summary>The nationalities the verifier refuses (ISO 3166 user-assigned codes, so the demo names no real country).</summary>
    public static readonly string[] ExcludedNationalities = ["XA", "XB", "XC"];

    /// <summary>How far the age bound may lag behind now: the time to fetch a request, prove and send.</summary>
    public static readonly TimeSpan BoundTolerance = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The circuit the demo proves on: the cheapest of the family that fits the request over the issuer's identity POD, which
    /// gpcProve picks in the page (a test checks it against an issued POD); the verifier accepts no other.
    /// </summary>
    public const string CircuitIdentifier = "proto-pod-gpc_1o-12e-5md-4nv-0ei-1x5l-0x0t-0ov3-1ov4";

    /// <summary>
    /// The verifier's statement: a TLS identity POD of the trusted issuer whose hidden birth date is at least 18 years ago (the
    /// range's upper end moves with time: <see cref="GpcMovingBound.AgeAtLeast"/>), whose hidden nationality is not in
    /// <c>excluded_nationalities</c>, owned by the prover's Semaphore V4 identity.
    /// </summary>
    public static GpcProofConfig ProofConfig { get; } = GpcJson.ParseProofConfig("""
        {"pods":{"identity":{"entries":{
            "pod_type":{"isRevealed":true},
            "birth_date":{"isRevealed":false,"inRange":{"min":-8640000000000000,"max":0}},
            "nationality":{"isRevealed":false,"isNotMemberOf":"excluded_nationalities"},
            "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}},
          "signerPublicKey":{"isRevealed":true}}}}
        """);

    /// <summary>The request the verifier issues (with a fresh watermark challenge each time): one claim per identity.</summary>
    public static GpcProofRequestTemplate Template(EdDsaPublicKey issuer) => new()
    {
        ProofConfig = ProofConfig,
        MembershipLists = new Dictionary<string, GpcMembershipList>
        {
            ["excluded_nationalities"] = GpcMembershipList.Of(ExcludedNationalities.Select(PodValue.String)),
        },
        TrustedSigners = new HashSet<EdDsaPublicKey> { issuer },
        RequiredEntries = new Dictionary<string, PodValue> { ["identity.pod_type"] = PodValue.String(TlsPodEntries.PodTypeValue) },
        ExternalNullifier = PodValue.String(ExternalNullifier),
        MovingBounds = [GpcMovingBound.AgeAtLeast("identity.birth_date", 18, BoundTolerance)],
        AllowedCircuits = new HashSet<string>(StringComparer.Ordinal) { CircuitIdentifier },
    };

    /// <summary>The demo election's candidates.</summary>
    public static readonly string[] Candidates = ["alice", "bob"];

    private readonly SimulatedEnclave _enclave;
    private readonly EdDsaPrivateKey _issuerKey;
    private readonly string _registry;

    private DemoHost(SimulatedEnclave enclave, EdDsaPrivateKey issuerKey, string registry, WebApplication issuer, WebApplication verifier,
        EdDsaPrivateKey electionAuthority, ElectionRecord election, WebApplication ballotBox)
    {
        _enclave = enclave;
        _issuerKey = issuerKey;
        _registry = registry;
        Issuer = issuer;
        Verifier = verifier;
        ElectionAuthority = electionAuthority;
        DemoElection = election;
        BallotBox = ballotBox;
    }

    public WebApplication Issuer { get; }

    public WebApplication Verifier { get; }

    /// <summary>The election sample's ballot box (<see cref="ElectionService"/>), whose tally page is the demo's second verifier page.</summary>
    public WebApplication BallotBox { get; }

    public ElectionRecord DemoElection { get; }

    /// <summary>The key that issues the demo election's voter PODs (<see cref="ElectionRecord.IssueVoterPod"/>).</summary>
    public EdDsaPrivateKey ElectionAuthority { get; }

    public string BallotBoxAddress => Address(BallotBox);

    public string TallyPage => $"{BallotBoxAddress}/demo/tally.html";

    public string IssuerAddress => Address(Issuer);

    public string VerifierAddress => Address(Verifier);

    /// <summary>The issuer page, told where the verifier is.</summary>
    public string IssuerPage => $"{IssuerAddress}/demo/issuer.html?verifier={Uri.EscapeDataString(VerifierAddress)}";

    public string VerifierPage => $"{VerifierAddress}/demo/verifier.html";

    public static async Task<DemoHost> StartAsync(string artifactsDirectory, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var enclave = new SimulatedEnclave();
        EdDsaPrivateKey issuerKey = EdDsaPrivateKey.Generate();
        string registry = Path.Combine(Path.GetTempPath(), $"pod-demo-registry-{Guid.NewGuid():N}.db");
        WebApplication issuer = TlsIssuerService.Build("Development", enclave, o =>
        {
            o.IssuerKey = issuerKey;
            o.UidKey = RandomNumberGenerator.GetBytes(32);
            o.UseInMemoryStore = true;
            o.Providers.Add(ProviderSpec.Parse(TlsIssuerService.DemoSpec));
        }, new ClientRateLimit { PermitLimit = 600 }, time: time);
        await issuer.StartAsync();
        EdDsaPublicKey simulatedSigner = issuer.Services.GetRequiredService<TlsPodIssuer>().SimulatedIssuerPublicKey!.Value;

        WebApplication verifier = GpcVerifierService.Build(new GpcVerifierOptions
        {
            ArtifactsDirectory = artifactsDirectory,
            RegistryPath = registry,
            Template = Template(simulatedSigner),
            TimeProvider = time,
        });
        await verifier.StartAsync();

        EdDsaPrivateKey authority = EdDsaPrivateKey.Generate();
        var election = new ElectionRecord("pod-demo-election", authority.PublicKey, Candidates);
        WebApplication ballotBox = ElectionService.Build(election, artifactsDirectory, new InMemoryNullifierStore());
        await ballotBox.StartAsync();
        return new DemoHost(enclave, issuerKey, registry, issuer, verifier, authority, election, ballotBox);
    }

    public async ValueTask DisposeAsync()
    {
        await BallotBox.DisposeAsync();
        await Verifier.DisposeAsync();
        await Issuer.DisposeAsync();
        ElectionAuthority.Dispose();
        _issuerKey.Dispose();
        _enclave.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (string file in new[] { _registry, _registry + "-wal", _registry + "-shm" })
        {
            File.Delete(file);
        }
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
