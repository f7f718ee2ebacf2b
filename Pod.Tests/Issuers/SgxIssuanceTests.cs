using Pod.Cryptography.Signatures;
using Pod.Identity;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Sgx;
using Pod.Issuers.Tls.Storage;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Issuers;

/// <summary>Real quotes through the whole pipeline: policy first, then the session-key binding.</summary>
public sealed class SgxIssuanceTests
{
    private static async Task<(TlsIssuanceResult Result, TlsIssuerStoreCounts Counts)> Issue(byte[] quote, DateTimeOffset now, EnclavePolicy policy)
    {
        var time = new ManualTimeProvider(now);
        var store = new InMemoryTlsIssuerStore();
        using var key = EdDsaPrivateKey.Generate();
        var options = new TlsIssuerOptions { IssuerKey = key, UidKey = new byte[32], Policy = policy };
        options.Providers.Add(ProviderSpec.Parse(IssuerHarness.SpecJson));
        using var issuer = new TlsPodIssuer(options, store, [new SgxDcapVerifier(time)], time);
        using SemaphoreIdentity owner = SemaphoreIdentity.Generate();
        NonceGrant grant = await issuer.CreateNonceAsync();
        byte[] payload = IssuerHarness.Payload(grant.Nonce, owner.PublicKey.ToString(), now, IssuerHarness.Response());
        TlsIssuanceResult result = await issuer.IssueAsync(new TlsIssuanceRequest("kyc.demo.v1", payload,
            TlsSamples.Evidence(quote, null, payload, now.AddHours(1)), owner.PublicKey.ToString()));
        return (result, await store.GetCountsAsync(default));
    }

    [Fact]
    public async Task ZkPortalWeather_AllowedEnclave_ReportDataMismatchUnderV1Binding()
    {
        var policy = new EnclavePolicy { RequireCollateral = false };
        policy.AllowedMrEnclaves.Add("e5473a7c6cd3ab2ab402bb9034daddaf9821ec3be6b9fc3bb5d6eccbcd3e9e93");
        policy.AcceptedTcbStatuses.Add(SgxTcbStatus.Unknown);

        (TlsIssuanceResult result, TlsIssuerStoreCounts counts) = await Issue(TlsSamples.WeatherReport, DateTimeOffset.FromUnixTimeSeconds(1709730029), policy);

        Assert.Equal(TlsIssuanceError.ReportDataMismatch, result.Error);
        Assert.Equal(new TlsIssuerStoreCounts(1, 0, 0, 0), counts);
    }

    [Fact]
    public async Task ZkPortalWeather_EnclaveNotListed_EnclaveNotAllowed()
    {
        var policy = new EnclavePolicy { RequireCollateral = false };
        policy.AcceptedTcbStatuses.Add(SgxTcbStatus.Unknown);
        (TlsIssuanceResult result, _) = await Issue(TlsSamples.WeatherReport, DateTimeOffset.FromUnixTimeSeconds(1709730029), policy);
        Assert.Equal(TlsIssuanceError.EnclaveNotAllowed, result.Error);
    }

    [Fact]
    public async Task ZkPortalReportBin_DebugEnclaveRejected()
    {
        var policy = new EnclavePolicy { RequireCollateral = false };
        policy.AllowedMrEnclaves.Add("6b93b7ec38aad7ac54611397d98e2de6b694659aaac7ec4b4e76eb6d9c3443a5");
        (TlsIssuanceResult result, _) = await Issue(TlsSamples.Bytes("sgx/zkportal_report_verification_report.bin"), new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), policy);
        Assert.Equal(TlsIssuanceError.DebugEnclaveRejected, result.Error);
    }

    [Fact]
    public async Task PhalaWithoutCollateral_DefaultPolicy_CollateralMissing()
    {
        (TlsIssuanceResult result, _) = await Issue(TlsSamples.PhalaQuote, TlsSamples.PhalaCollateralTime, new EnclavePolicy());
        Assert.Equal(TlsIssuanceError.CollateralMissing, result.Error);
    }
}
