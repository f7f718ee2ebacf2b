using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Providers;
using Pod.Issuers.Tls.Sgx;

namespace Pod.Tests.Issuers;

/// <summary>The files of Pod.Tests/TlsSamples (copied from ../shared/tls-samples; provenance in its SOURCES.md).</summary>
internal static class TlsSamples
{
    public static readonly DateTimeOffset PhalaCollateralTime = new(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TlsSamples", relative));

    public static string Text(string relative) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TlsSamples", relative));

    public static byte[] PhalaQuote => Bytes("sgx/phala_dcap_qvl_sgx_quote.bin");

    public static SgxCollateral PhalaCollateral => SgxCollateral.FromJson(Text("sgx/phala_dcap_qvl_sgx_quote_collateral.json"));

    public static SgxCollateral TdxCollateral => SgxCollateral.FromJson(Text("tdx/phala_dcap_qvl_tdx_quote_collateral.json"));

    /// <summary>The quote inside zkPortal's weather attestation (Base64 OE report).</summary>
    public static byte[] WeatherReport =>
        Convert.FromBase64String(JsonNode.Parse(Text("sgx/zkportal_example_weather_attestation.json"))![0]!["attestationReport"]!.GetValue<string>());

    public static VerificationContext Context(EnclavePolicy? policy = null) =>
        new(ProviderSpec.Parse(IssuerHarness.SpecJson), policy ?? new EnclavePolicy());

    /// <summary>SGX evidence around a quote with a fresh session key signing the payload (the quote does not bind it).</summary>
    public static SgxDcapEvidence Evidence(byte[] quote, SgxCollateral? collateral, ReadOnlySpan<byte> payload, DateTimeOffset keyValidUntil)
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        ECParameters p = key.ExportParameters(false);
        return new SgxDcapEvidence(quote, [0x04, .. p.Q.X!, .. p.Q.Y!], keyValidUntil.ToUnixTimeSeconds(), key.SignData(payload, HashAlgorithmName.SHA256), collateral);
    }
}
