using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Pod.Cryptography.Signatures;
using Pod.Gpc.Compilation;
using Pod.Gpc.Config;
using Pod.Gpc.Serialization;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;
using Pod.Pods;
using Pod.Samples.TlsIssuer;
using Pod.Samples.Verifier;

namespace Pod.Samples.Demo;

/// <summary>
/// The demo of docs/demo.md: the TLS issuer (Development, simulated enclave, in-memory state) and the verifier (trusting the
/// issuer's simulation signer, asking for <see cref="ProofConfigJson"/>), both on 127.0.0.1, with their pages.
/// <c>dotnet run --project Pod.Samples -c Release -- demo</c> runs it until Ctrl+C; the Playwright tests start the same.
/// </summary>
internal sealed class DemoHost : IAsyncDisposable
{
    /// <summary>The airdrop the verifier counts: one claim per identity.</summary>
    public const string ExternalNullifier = "pod-demo-airdrop";

    /// <summary>The nationalities the verifier refuses (ISO 3166 user-assigned codes, so the demo names no real country).</summary>
    public static readonly string[] ExcludedNationalities = ["XA", "XB", "XC"];

    /// <summary>The request's membership lists, as podMembershipListsToJSON writes them.</summary>
    public static string MembershipListsJson =>
        new JsonObject { ["excluded_nationalities"] = new JsonArray([.. ExcludedNationalities.Select(n => JsonValue.Create(n))]) }.ToJsonString();

    /// <summary>
    /// The circuit the demo proves on: the cheapest of the family that fits the request over the issuer's identity POD
    /// (a test checks it against an issued POD). Named in the request so the page's gpcProve and the verifier bind the same.
    /// </summary>
    public const string CircuitIdentifier = "proto-pod-gpc_3o-10e-8md-4nv-2ei-2x20l-2x2t-0ov3-1ov4";

    private readonly SimulatedEnclave _enclave;
    private readonly EdDsaPrivateKey _issuerKey;
    private readonly string _registry;

    private DemoHost(SimulatedEnclave enclave, EdDsaPrivateKey issuerKey, string registry, WebApplication issuer, WebApplication verifier)
    {
        _enclave = enclave;
        _issuerKey = issuerKey;
        _registry = registry;
        Issuer = issuer;
        Verifier = verifier;
    }

    public WebApplication Issuer { get; }

    public WebApplication Verifier { get; }

    public string IssuerAddress => Address(Issuer);

    public string VerifierAddress => Address(Verifier);

    /// <summary>The issuer page, told where the verifier is.</summary>
    public string IssuerPage => $"{IssuerAddress}/demo/issuer.html?verifier={Uri.EscapeDataString(VerifierAddress)}";

    public string VerifierPage => $"{VerifierAddress}/demo/verifier.html";

    /// <summary>
    /// The verifier's statement: the identity POD's birth date on or before <paramref name="today"/> minus 18 years, its
    /// nationality not in <see cref="ExcludedNationalities"/>, owned by the prover's Semaphore V4 identity, issuer revealed.
    /// </summary>
    public static string ProofConfigJson(DateOnly today)
    {
        long cutoff = new DateTimeOffset(today.AddYears(-18).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        return $$$"""
            {"circuitIdentifier":"{{{CircuitIdentifier}}}","pods":{"identity":{"entries":{
              "birth_date":{"isRevealed":false,"inRange":{"min":"-8640000000000000","max":"{{{cutoff}}}"}},
              "nationality":{"isRevealed":false,"isNotMemberOf":"excluded_nationalities"},
              "owner":{"isRevealed":false,"isOwnerID":"SemaphoreV4"}},
              "signerPublicKey":{"isRevealed":true} } } }
            """;
    }

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
        }, permitsPerMinute: 600, time: time);
        await issuer.StartAsync();
        EdDsaPublicKey simulatedSigner = issuer.Services.GetRequiredService<TlsPodIssuer>().SimulatedIssuerPublicKey!.Value;

        GpcProofConfig config = GpcJson.ParseProofConfig(ProofConfigJson(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        GpcBinding binding = GpcCompiler.BindConfig(config);
        WebApplication verifier = GpcVerifierService.Build(new GpcVerifierOptions
        {
            ArtifactsDirectory = artifactsDirectory,
            RegistryPath = registry,
            ExternalNullifier = PodValue.String(ExternalNullifier),
            AllowedCircuits = new HashSet<string>([binding.Circuit.Identifier], StringComparer.Ordinal),
            ExpectedBoundConfigs = new HashSet<string>([GpcJson.SerializeBoundConfig(binding.BoundConfig)], StringComparer.Ordinal),
            TrustedSigners = new HashSet<EdDsaPublicKey>([simulatedSigner]),
        });
        string configJson = GpcJson.SerializeProofConfig(config);
        verifier.MapGet("/request", () => Results.Json(new JsonObject
        {
            ["proofConfig"] = JsonNode.Parse(configJson),
            ["membershipLists"] = JsonNode.Parse(MembershipListsJson),
            ["externalNullifier"] = ExternalNullifier,
            ["watermark"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        }));
        await verifier.StartAsync();
        return new DemoHost(enclave, issuerKey, registry, issuer, verifier);
    }

    public async ValueTask DisposeAsync()
    {
        await Verifier.DisposeAsync();
        await Issuer.DisposeAsync();
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
