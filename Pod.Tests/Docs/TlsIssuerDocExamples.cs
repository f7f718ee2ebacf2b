using Pod.Cryptography.Signatures;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Simulation;
using Pod.Issuers.Tls.Storage;
using Pod.Tests.Issuers;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Docs;

/// <summary>The code of docs/tls-issuer.md, compiled and run so the page stays true.</summary>
public sealed class TlsIssuerDocExamples
{
    [Fact]
    public async Task Pipeline_Example()
    {
        string specJson = IssuerHarness.SpecJson;
        byte[] uidKey = new byte[32];
        using SemaphoreIdentity holder = SemaphoreIdentity.Generate();
        TimeProvider time = new ManualTimeProvider(IssuerHarness.Start);

        using var enclave = new SimulatedEnclave();                        // development stand-in for the SGX enclave
        using EdDsaPrivateKey issuerKey = EdDsaPrivateKey.Generate();
        using EdDsaPrivateKey simulatedKey = EdDsaPrivateKey.Generate();    // simulated PODs never carry the production signer
        var options = new TlsIssuerOptions { IssuerKey = issuerKey, SimulatedIssuerKey = simulatedKey, UidKey = uidKey, AllowSimulatedEvidence = true };
        options.Providers.Add(ProviderSpec.Parse(specJson));
        options.Policy.AllowedMrEnclaves.Add(enclave.MrEnclaveHex);
        using var issuer = new TlsPodIssuer(options, new InMemoryTlsIssuerStore(),
            [new SimulatedEnclaveVerifier(enclave.ExportRootPublicKey())], time);

        NonceGrant grant = await issuer.CreateNonceAsync();                // the client passes grant.Nonce to the enclave
        enclave.StartSession(time.GetUtcNow().AddHours(1));
        byte[] payload = NotarizedPayloadFor(grant.Nonce, holder.PublicKey.ToString(), time);   // inside the enclave
        TlsIssuanceResult result = await issuer.IssueAsync(
            new TlsIssuanceRequest("kyc.demo.v1", payload, enclave.Notarize(payload), holder.PublicKey.ToString()));
        bool owned = result.Succeeded && result.Pod.Verify() && holder.Owns(result.Pod.Entries["owner"]);   // true

        Assert.True(owned, result.ToString());
    }

    private static byte[] NotarizedPayloadFor(string nonce, string owner, TimeProvider time) =>
        IssuerHarness.Payload(nonce, owner, time.GetUtcNow(), IssuerHarness.Response());
}
