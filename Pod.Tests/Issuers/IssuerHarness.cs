using System.Text;
using System.Text.Json.Nodes;
using Pod.Cryptography.Signatures;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;
using Pod.Issuers.Tls.Storage;
using Pod.Tests.Support;

namespace Pod.Tests.Issuers;

/// <summary>An issuer over the simulated enclave with a pinned clock, and helpers to build notarized requests.</summary>
internal sealed class IssuerHarness : IDisposable
{
    public const string SpecJson = """
        { "id": "kyc.demo.v1", "evidence": ["sim-v1", "sgx-dcap-v3"],
          "request": { "method": "GET", "url": "^https://kyc\\.example\\.com/v1/status$", "status": [200] },
          "accept": [ { "path": "$.status", "equals": "approved" } ],
          "claims": [
            { "entry": "birth_date", "path": "$.person.dob", "type": "date", "required": true },
            { "entry": "nationality", "path": "$.person.country", "type": "string", "transform": "upper", "required": true },
            { "entry": "document_type", "path": "$.document.type", "type": "string", "allowed": ["PASSPORT", "NATIONAL_ID"] },
            { "entry": "liveness_check", "path": "$.liveness", "type": "boolean" } ],
          "uid": { "class": "kyc.demo", "inputs": ["$.person.country", "$.document.number"], "normalize": ["nfkc", "trim", "upper", "strip:- "] },
          "derived": [ { "entry": "age_over_18", "op": "ageAtLeast", "from": "birth_date", "years": 18 } ] }
        """;

    public static readonly DateTimeOffset Start = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public IssuerHarness(ITlsIssuerStore? store = null, bool allowSimulated = true, string specJson = SpecJson)
    {
        Time = new ManualTimeProvider(Start);
        Store = store ?? new InMemoryTlsIssuerStore();
        Enclave = new SimulatedEnclave();
        Enclave.StartSession(Start + TimeSpan.FromHours(12));
        IssuerKey = EdDsaPrivateKey.Generate();
        SimulatedIssuerKey = EdDsaPrivateKey.Generate();
        Options = new TlsIssuerOptions
        {
            IssuerKey = IssuerKey, SimulatedIssuerKey = allowSimulated ? SimulatedIssuerKey : null, UidKey = new byte[32], AllowSimulatedEvidence = allowSimulated,
        };
        Options.Providers.Add(ProviderSpec.Parse(specJson));
        Options.Policy.AllowedMrEnclaves.Add(SimulatedEnclave.DefaultMrEnclaveHex);
        IAttestationVerifier[] verifiers = allowSimulated ? [new SimulatedEnclaveVerifier(Enclave.ExportRootPublicKey())] : [];
        Issuer = new TlsPodIssuer(Options, Store, verifiers, Time);
    }

    public ManualTimeProvider Time { get; }

    public ITlsIssuerStore Store { get; }

    public SimulatedEnclave Enclave { get; }

    public EdDsaPrivateKey IssuerKey { get; }

    public EdDsaPrivateKey SimulatedIssuerKey { get; }

    public TlsIssuerOptions Options { get; }

    public TlsPodIssuer Issuer { get; }

    public static JsonObject Response(string documentNumber = "X-123 456", string dob = "2000-02-29", string status = "approved") => new()
    {
        ["status"] = status,
        ["person"] = new JsonObject { ["dob"] = dob, ["country"] = "de", ["name"] = "Erika Mustermann" },
        ["document"] = new JsonObject { ["type"] = "PASSPORT", ["number"] = documentNumber },
        ["liveness"] = true,
    };

    public static byte[] Payload(string nonce, string owner, DateTimeOffset notarizedAt, JsonNode response, string provider = "kyc.demo.v1",
        string url = "https://kyc.example.com/v1/status") =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["v"] = 1,
            ["provider"] = provider,
            ["nonce"] = nonce,
            ["owner"] = owner,
            ["notarized_at"] = notarizedAt.ToUnixTimeSeconds(),
            ["request"] = new JsonObject { ["method"] = "GET", ["url"] = url, ["status"] = 200 },
            ["response"] = response.DeepClone(),
        }.ToJsonString());

    /// <summary>A fresh nonce and a request notarized by the simulated enclave now.</summary>
    public async Task<TlsIssuanceRequest> RequestAsync(SemaphoreIdentity owner, JsonNode? response = null, string? payloadOwner = null,
        DateTimeOffset? notarizedAt = null)
    {
        NonceGrant grant = await Issuer.CreateNonceAsync();
        byte[] payload = Payload(grant.Nonce, payloadOwner ?? owner.PublicKey.ToString(), notarizedAt ?? Time.Now, response ?? Response());
        return new TlsIssuanceRequest("kyc.demo.v1", payload, Enclave.Notarize(payload), owner.PublicKey.ToString());
    }

    public void Dispose()
    {
        Issuer.Dispose();
        Enclave.Dispose();
        IssuerKey.Dispose();
        SimulatedIssuerKey.Dispose();
    }
}
