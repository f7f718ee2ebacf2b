using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Pod.Issuers.Tls;
using Pod.Issuers.Tls.Sgx;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Issuers;

public sealed class SgxDcapVerifierTests
{
    private static readonly byte[] Payload = "{}"u8.ToArray();

    private static async Task<AttestationVerification> Verification(byte[] quote, SgxCollateral? collateral, DateTimeOffset now, EnclavePolicy? policy = null,
        string? rootHash = null)
    {
        var verifier = rootHash is null ? new SgxDcapVerifier(new ManualTimeProvider(now)) : new SgxDcapVerifier(new ManualTimeProvider(now), rootHash);
        return await verifier.VerifyAsync(TlsSamples.Evidence(quote, collateral, Payload, now.AddHours(1)), Payload, TlsSamples.Context(policy), default);
    }

    private static async Task<AttestationResult.Tee> Verify(byte[] quote, SgxCollateral? collateral, DateTimeOffset now, EnclavePolicy? policy = null,
        string? rootHash = null)
    {
        AttestationVerification v = await Verification(quote, collateral, now, policy, rootHash);
        Assert.True(v.Succeeded, v.ToString());
        return Assert.IsType<AttestationResult.Tee>(v.Result);
    }

    private static async Task<TlsIssuanceError> Refusal(byte[] quote, SgxCollateral? collateral, DateTimeOffset now, EnclavePolicy? policy = null,
        string? rootHash = null)
    {
        AttestationVerification v = await Verification(quote, collateral, now, policy, rootHash);
        Assert.False(v.Succeeded);
        return v.Error.Value;
    }

    [Fact]
    public void IntelRoot_PinnedHash_IsTheRootCaKey()
    {
        using X509Certificate2 root = X509CertificateLoader.LoadCertificate(TlsSamples.Bytes("sgx/intel_sgx_root_ca.der"));
        Assert.Equal(SgxDcapVerifier.IntelRootPublicKeySha256, Convert.ToHexStringLower(SHA256.HashData(root.PublicKey.ExportSubjectPublicKeyInfo())));
    }

    [Fact]
    public async Task Phala_WithCollateralAtPinnedTime_VerifiesToConfigurationAndSWHardeningNeeded()
    {
        AttestationResult.Tee r = await Verify(TlsSamples.PhalaQuote, TlsSamples.PhalaCollateral, TlsSamples.PhalaCollateralTime);

        Assert.Equal(SgxTcbStatus.ConfigurationAndSWHardeningNeeded, r.Tcb);
        Assert.Equal(SgxTcbStatus.UpToDate, r.QeTcb);
        Assert.Equal(["INTEL-SA-00289", "INTEL-SA-00615"], r.Advisories.Order(StringComparer.Ordinal));
        Assert.Equal("33d8736db756ed4997e04ba358d27833188f1932ff7b1d156904d3f560452fbb", Convert.ToHexStringLower(r.Identity.MrEnclave));
        Assert.Equal("815f42f11cf64430c30bab7816ba596a1da0130c3b028b673133a66cf9a3e0e6", Convert.ToHexStringLower(r.Identity.MrSigner));
        Assert.False(r.Identity.Debug);
        Assert.Equal("Hello, world!"u8.ToArray(), r.Identity.ReportData[..13]);
        Assert.DoesNotContain(r.Identity.ReportData[13..], b => b != 0);
    }

    [Fact]
    public async Task Phala_Policy_DefaultRejectsTcbAllowlistedAccepts()
    {
        AttestationResult.Tee r = await Verify(TlsSamples.PhalaQuote, TlsSamples.PhalaCollateral, TlsSamples.PhalaCollateralTime);
        var policy = new EnclavePolicy();
        policy.AllowedMrEnclaves.Add("33D8736DB756ED4997E04BA358D27833188F1932FF7B1D156904D3F560452FBB");

        Assert.Equal(TlsIssuanceError.TcbStatusRejected, Assert.Throws<IssuanceRefusal>(() => policy.Enforce(r)).Code);
        policy.AcceptedTcbStatuses.Add(SgxTcbStatus.ConfigurationAndSWHardeningNeeded);
        Assert.Equal(TlsIssuanceError.TcbStatusRejected, Assert.Throws<IssuanceRefusal>(() => policy.Enforce(r)).Code); // advisories
        policy.AllowedAdvisories.Add("INTEL-SA-00289");
        policy.AllowedAdvisories.Add("INTEL-SA-00615");
        policy.Enforce(r);

        var bySigner = new EnclavePolicy { AllowedSigners = { new EnclaveSignerRule("815F42F11CF64430C30BAB7816BA596A1DA0130C3B028B673133A66CF9A3E0E6", 0, 1) } };
        bySigner.AcceptedTcbStatuses.Add(SgxTcbStatus.ConfigurationAndSWHardeningNeeded);
        Assert.Equal(TlsIssuanceError.SvnTooLow, Assert.Throws<IssuanceRefusal>(() => bySigner.Enforce(r)).Code);
        var otherProduct = new EnclavePolicy { AllowedSigners = { new EnclaveSignerRule("815F42F11CF64430C30BAB7816BA596A1DA0130C3B028B673133A66CF9A3E0E6", 1, 0) } };
        Assert.Equal(TlsIssuanceError.EnclaveNotAllowed, Assert.Throws<IssuanceRefusal>(() => otherProduct.Enforce(r)).Code);
    }

    [Theory]
    [InlineData("2025-07-20T00:00:00Z")] // after the TCB info's and QE identity's nextUpdate (2025-07-19)
    [InlineData("2025-06-01T00:00:00Z")] // before their issueDate (2025-06-19)
    public async Task Phala_CollateralOutsideItsWindow_CollateralExpired(string now) =>
        Assert.Equal(TlsIssuanceError.CollateralExpired, await Refusal(TlsSamples.PhalaQuote, TlsSamples.PhalaCollateral, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task Phala_CollateralOlderThanPolicy_CollateralExpired()
    {
        var policy = new EnclavePolicy { MaxCollateralAge = TimeSpan.FromDays(7) };
        Assert.Equal(TlsIssuanceError.CollateralExpired, await Refusal(TlsSamples.PhalaQuote, TlsSamples.PhalaCollateral, TlsSamples.PhalaCollateralTime, policy));
    }

    [Fact]
    public async Task Phala_NoCollateral_MissingUnlessPolicyAllowsThenUnknown()
    {
        Assert.Equal(TlsIssuanceError.CollateralMissing, await Refusal(TlsSamples.PhalaQuote, null, TlsSamples.PhalaCollateralTime));
        AttestationResult.Tee r = await Verify(TlsSamples.PhalaQuote, null, TlsSamples.PhalaCollateralTime, new EnclavePolicy { RequireCollateral = false });
        Assert.Equal(SgxTcbStatus.Unknown, r.Tcb);
    }

    // Offsets into the raw quote: header 0..48, ISV body 48..432, signature data from 436.
    [Theory]
    [InlineData(30, TlsIssuanceError.QuoteSignatureInvalid)] // header user data
    [InlineData(48 + 64, TlsIssuanceError.QuoteSignatureInvalid)] // ISV body: MRENCLAVE
    [InlineData(48 + 320, TlsIssuanceError.QuoteSignatureInvalid)] // ISV body: report data
    [InlineData(436 + 5, TlsIssuanceError.QuoteSignatureInvalid)] // quote signature
    [InlineData(436 + 64 + 5, TlsIssuanceError.AttestationKeyBindingMismatch)] // attestation key
    [InlineData(436 + 128 + 64, TlsIssuanceError.QeReportSignatureInvalid)] // QE report body
    [InlineData(436 + 512 + 5, TlsIssuanceError.QeReportSignatureInvalid)] // QE report signature
    [InlineData(436 + 578 + 2 + 3, TlsIssuanceError.AttestationKeyBindingMismatch)] // QE authentication data
    [InlineData(0, TlsIssuanceError.UnsupportedQuoteVersion)] // version
    [InlineData(2, TlsIssuanceError.QuoteParseError)] // attestation key type
    [InlineData(12, TlsIssuanceError.QuoteParseError)] // QE vendor id
    [InlineData(432, TlsIssuanceError.QuoteParseError)] // signature data length
    public async Task Phala_FlippedByte_SpecificError(int offset, TlsIssuanceError expected)
    {
        byte[] quote = TlsSamples.PhalaQuote;
        quote[offset] ^= 0x01;
        Assert.Equal(expected, await Refusal(quote, TlsSamples.PhalaCollateral, TlsSamples.PhalaCollateralTime));
    }

    [Fact]
    public async Task Phala_TamperedPckPem_CertificateChainInvalid()
    {
        byte[] quote = TlsSamples.PhalaQuote;
        int leafBody = IndexOf(quote, "-----BEGIN CERTIFICATE-----"u8) + 28 + 200; // inside the leaf's Base64 (its signed part)
        quote[leafBody] = (byte)(quote[leafBody] == (byte)'A' ? 'B' : 'A');
        Assert.Equal(TlsIssuanceError.CertificateChainInvalid, await Refusal(quote, TlsSamples.PhalaCollateral, TlsSamples.PhalaCollateralTime));
    }

    [Fact]
    public async Task Phala_ChangedBytesOutsideTheCertificates_CertificateChainInvalid()
    {
        byte[] quote = TlsSamples.PhalaQuote;
        quote[^1] = (byte)'\n'; // the trailing NUL after the PEM
        Assert.Equal(TlsIssuanceError.CertificateChainInvalid, await Refusal(quote, TlsSamples.PhalaCollateral, TlsSamples.PhalaCollateralTime));

        quote = TlsSamples.PhalaQuote;
        int root = quote.AsSpan().LastIndexOf("-----BEGIN CERTIFICATE-----"u8);
        int rootEnd = quote.AsSpan().LastIndexOf("-----END CERTIFICATE-----"u8);
        quote[rootEnd - 10] = (byte)(quote[rootEnd - 10] == (byte)'A' ? 'B' : 'A'); // inside the root's self-signature
        Assert.True(rootEnd - 10 > root);
        Assert.Equal(TlsIssuanceError.CertificateChainInvalid, await Refusal(quote, TlsSamples.PhalaCollateral, TlsSamples.PhalaCollateralTime));
    }

    [Theory]
    [InlineData(0)] // the PCK leaf
    [InlineData(1)] // the PCK Processor CA
    public async Task Phala_CertificateKeyNotOnCurve_CertificateChainInvalid(int index)
    {
        byte[] quote = TlsSamples.PhalaQuote;
        var chain = new X509Certificate2Collection();
        int pemStart = IndexOf(quote, "-----BEGIN"u8);
        chain.ImportFromPem(Encoding.ASCII.GetString(quote, pemStart, quote.Length - pemStart).TrimEnd('\0'));
        byte[] der = chain[index].RawData;
        byte[] spki = chain[index].PublicKey.ExportSubjectPublicKeyInfo();
        int point = der.AsSpan().IndexOf(spki) + spki.Length - 10; // inside the public point's y coordinate
        der[point] ^= 0x01;
        string pem = string.Concat(chain.Select((c, i) => PemEncoding.WriteString("CERTIFICATE", i == index ? der : c.RawData) + "\n"));
        byte[] certData = Encoding.ASCII.GetBytes(pem);
        int certSizeOffset = pemStart - 4;
        byte[] rebuilt = [.. quote[..pemStart], .. certData];
        BitConverter.TryWriteBytes(rebuilt.AsSpan(certSizeOffset, 4), (uint)certData.Length);
        BitConverter.TryWriteBytes(rebuilt.AsSpan(432, 4), (uint)(rebuilt.Length - 436));

        Assert.Equal(TlsIssuanceError.CertificateChainInvalid, await Refusal(rebuilt, TlsSamples.PhalaCollateral, TlsSamples.PhalaCollateralTime));
    }

    [Fact]
    public async Task Phala_TruncatedOrPadded_QuoteParseError()
    {
        byte[] quote = TlsSamples.PhalaQuote;
        Assert.Equal(TlsIssuanceError.QuoteParseError, await Refusal(quote[..^1], TlsSamples.PhalaCollateral, TlsSamples.PhalaCollateralTime));
        Assert.Equal(TlsIssuanceError.QuoteParseError, await Refusal([.. quote, 0], TlsSamples.PhalaCollateral, TlsSamples.PhalaCollateralTime));
        Assert.Equal(TlsIssuanceError.QuoteParseError, await Refusal(quote[..100], TlsSamples.PhalaCollateral, TlsSamples.PhalaCollateralTime));
    }

    [Fact]
    public async Task Phala_TamperedCollateral_SpecificErrors()
    {
        SgxCollateral c = TlsSamples.PhalaCollateral;
        DateTimeOffset t = TlsSamples.PhalaCollateralTime;
        byte[] q = TlsSamples.PhalaQuote;

        Assert.Equal(TlsIssuanceError.CollateralSignatureInvalid,
            await Refusal(q, c with { TcbInfo = c.TcbInfo.Replace("\"pcesvn\":13", "\"pcesvn\":12", StringComparison.Ordinal) }, t));
        Assert.Equal(TlsIssuanceError.CollateralSignatureInvalid, await Refusal(q, c with { QeIdentitySignature = Flip(c.QeIdentitySignature) }, t));
        Assert.Equal(TlsIssuanceError.CollateralSignatureInvalid, await Refusal(q, c with { RootCaCrl = c.PckCrl }, t)); // signed by the wrong CA
        Assert.Equal(TlsIssuanceError.CollateralSignatureInvalid, await Refusal(q, c with { PckCrl = c.PckCrl[..^4] + "0000" }, t));
        Assert.Equal(TlsIssuanceError.CollateralMissing, await Refusal(q, c with { PckCrl = "" }, t));

        // Intel-signed, but for another platform or enclave: the TDX collateral's TCB info and QE identity.
        SgxCollateral tdx = TlsSamples.TdxCollateral;
        Assert.Equal(TlsIssuanceError.FmspcMismatch, await Refusal(q, c with { TcbInfo = tdx.TcbInfo, TcbInfoSignature = tdx.TcbInfoSignature }, t));
        Assert.Equal(TlsIssuanceError.QeIdentityMismatch, await Refusal(q, c with { QeIdentity = tdx.QeIdentity, QeIdentitySignature = tdx.QeIdentitySignature }, t));
    }

    [Fact]
    public async Task TdxV4Quote_UnsupportedQuoteVersion() =>
        Assert.Equal(TlsIssuanceError.UnsupportedQuoteVersion,
            await Refusal(TlsSamples.Bytes("tdx/phala_dcap_qvl_tdx_quote.bin"), TlsSamples.TdxCollateral, TlsSamples.PhalaCollateralTime));

    [Fact]
    public async Task ZkPortalWeather_OeHeader_ProductionEnclaveVerifiesWithoutCollateral()
    {
        DateTimeOffset at = DateTimeOffset.FromUnixTimeSeconds(1709730029);
        AttestationResult.Tee r = await Verify(TlsSamples.WeatherReport, null, at, new EnclavePolicy { RequireCollateral = false });

        Assert.Equal("e5473a7c6cd3ab2ab402bb9034daddaf9821ec3be6b9fc3bb5d6eccbcd3e9e93", Convert.ToHexStringLower(r.Identity.MrEnclave));
        Assert.Equal("f47e2ced83ce79916e83c5d945146573e67b55f8adf7c21f919b2b0e96fe0f1b", Convert.ToHexStringLower(r.Identity.MrSigner));
        Assert.False(r.Identity.Debug);
        Assert.Equal("ebb0b1efaf330b28c72a22af25eaaac4", Convert.ToHexStringLower(r.Identity.ReportData[..16]));
    }

    [Fact]
    public async Task ZkPortalReportBin_DebugEnclave_ReportDataIsSha256OfItsMessage()
    {
        DateTimeOffset at = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        AttestationResult.Tee r = await Verify(TlsSamples.Bytes("sgx/zkportal_report_verification_report.bin"), null, at, new EnclavePolicy { RequireCollateral = false });

        Assert.True(r.Identity.Debug);
        Assert.Equal(SHA256.HashData("some kind of data signed by the report"u8), r.Identity.ReportData[..32]);
        Assert.Equal(TlsIssuanceError.DebugEnclaveRejected, Assert.Throws<IssuanceRefusal>(() => new EnclavePolicy().Enforce(r)).Code);
    }

    [Fact]
    public async Task IntelSynthetic_TypeOneCertData_UnsupportedWithoutChainUntrustedAgainstRealRootValidUnderItsTestRoot()
    {
        byte[] quote = TlsSamples.Bytes("sgx/intel_qvl_synthetic/quote.dat");
        var collateral = new SgxCollateral
        {
            PckCertificateChain = TlsSamples.Text("sgx/intel_qvl_synthetic/pckCert.pem") + TlsSamples.Text("sgx/intel_qvl_synthetic/pckSignChain.pem"),
        };
        var lax = new EnclavePolicy { RequireCollateral = false };

        Assert.Equal(TlsIssuanceError.UnsupportedCertificationData, await Refusal(quote, null, TlsSamples.PhalaCollateralTime, lax));
        Assert.Equal(TlsIssuanceError.UntrustedRoot, await Refusal(quote, collateral, TlsSamples.PhalaCollateralTime, lax));

        using X509Certificate2 testRoot = X509Certificate2.CreateFromPem(TlsSamples.Text("sgx/intel_qvl_synthetic/trustedRootCaCert.pem"));
        string testRootHash = Convert.ToHexStringLower(SHA256.HashData(testRoot.PublicKey.ExportSubjectPublicKeyInfo()));
        AttestationResult.Tee r = await Verify(quote, collateral, TlsSamples.PhalaCollateralTime, lax, testRootHash);
        Assert.Equal(SgxTcbStatus.Unknown, r.Tcb);
        Assert.Equal(new byte[32], r.Identity.MrEnclave);
    }

    [Fact]
    public async Task IntelSynthetic_WithItsPcsCollateralUnderItsTestRoot_EvaluatesTcb()
    {
        string Synthetic(string name) => TlsSamples.Text($"sgx/intel_qvl_synthetic/{name}");
        byte[] quote = TlsSamples.Bytes("sgx/intel_qvl_synthetic/quote.dat");
        SgxCollateral collateral = SgxCollateral.FromIntelPcs(Synthetic("tcbInfo.json"), Synthetic("qeIdentity.json"), Synthetic("tcbSignChain.pem"),
            TlsSamples.Bytes("sgx/intel_qvl_synthetic/rootCaCrl.pem"), TlsSamples.Bytes("sgx/intel_qvl_synthetic/intermediateCaCrl.pem"))
            with { PckCertificateChain = Synthetic("pckCert.pem") + Synthetic("pckSignChain.pem") };
        using X509Certificate2 testRoot = X509Certificate2.CreateFromPem(Synthetic("trustedRootCaCert.pem"));
        string testRootHash = Convert.ToHexStringLower(SHA256.HashData(testRoot.PublicKey.ExportSubjectPublicKeyInfo()));

        AttestationResult.Tee r = await Verify(quote, collateral, TlsSamples.PhalaCollateralTime, rootHash: testRootHash);

        // PCK TCB components [0,3,0,0,0,1,1,0,…] and PCESVN 3 (read with openssl) meet the first level of the v2 TCB info.
        Assert.Equal(SgxTcbStatus.UpToDate, r.Tcb);
        Assert.Equal(SgxTcbStatus.UpToDate, r.QeTcb);
        Assert.Empty(r.Advisories);
        Assert.Equal(TlsIssuanceError.UntrustedRoot, await Refusal(quote, collateral, TlsSamples.PhalaCollateralTime));
        Assert.Equal(TlsIssuanceError.CollateralSignatureInvalid,
            await Refusal(quote, collateral with { TcbInfo = collateral.TcbInfo.Replace("\"pcesvn\":3", "\"pcesvn\":2", StringComparison.Ordinal) }, TlsSamples.PhalaCollateralTime, rootHash: testRootHash));
    }

    [Fact]
    public async Task MobileCoin_DebugQuote_VerifiesAndPolicyRejectsDebug()
    {
        DateTimeOffset at = new(2023, 5, 1, 0, 0, 0, TimeSpan.Zero);
        AttestationResult.Tee r = await Verify(TlsSamples.Bytes("sgx/mobilecoin_hw_quote.dat"), null, at, new EnclavePolicy { RequireCollateral = false });
        Assert.Equal("1dd0df84810e53e26b2b167dfe0f97cc4364085fe0bd41d5e18a759c21d5c189", Convert.ToHexStringLower(r.Identity.MrEnclave));
        Assert.Equal(TlsIssuanceError.DebugEnclaveRejected, Assert.Throws<IssuanceRefusal>(() => new EnclavePolicy().Enforce(r)).Code);
    }

    [Fact]
    public void MobileCoin_Crls_SignedCurrentAndNotRevokingTheChain()
    {
        byte[] quote = TlsSamples.Bytes("sgx/mobilecoin_hw_quote.dat");
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(Encoding.ASCII.GetString(quote, IndexOf(quote, "-----BEGIN"u8), quote.Length - IndexOf(quote, "-----BEGIN"u8)));
        using X509Certificate2 leaf = X509CertificateLoader.LoadCertificate(TlsSamples.Bytes("sgx/mobilecoin_leaf_cert.der"));
        Assert.Equal(leaf.RawData, chain[0].RawData);
        string processorCrl = Convert.ToHexString(TlsSamples.Bytes("sgx/mobilecoin_processor_crl.der"));
        string rootCrl = Convert.ToHexString(TlsSamples.Bytes("sgx/mobilecoin_root_crl.der"));
        DateTimeOffset at = new(2023, 5, 1, 0, 0, 0, TimeSpan.Zero);

        SgxDcapVerifier.CheckCrl(processorCrl, chain[1], leaf, at, "PCK CA");
        SgxDcapVerifier.CheckCrl(rootCrl, chain[2], chain[1], at, "Root CA");

        Assert.Equal(TlsIssuanceError.CollateralExpired,
            Assert.Throws<IssuanceRefusal>(() => SgxDcapVerifier.CheckCrl(processorCrl, chain[1], leaf, at.AddMonths(1), "PCK CA")).Code);
        Assert.Equal(TlsIssuanceError.CollateralSignatureInvalid,
            Assert.Throws<IssuanceRefusal>(() => SgxDcapVerifier.CheckCrl(processorCrl, chain[2], leaf, at, "PCK CA")).Code);
    }

    [Fact]
    public void CheckCrl_ListedSerial_CertificateRevoked()
    {
        using ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using ECDsa leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        DateTimeOffset at = new(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);
        var caRequest = new CertificateRequest("CN=Test PCK CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using X509Certificate2 ca = caRequest.CreateSelfSigned(at.AddYears(-1), at.AddYears(1));
        using X509Certificate2 leaf = new CertificateRequest("CN=Test PCK", leafKey, HashAlgorithmName.SHA256)
            .Create(ca, at.AddDays(-1), at.AddDays(30), [1, 2, 3, 4]);
        using X509Certificate2 other = new CertificateRequest("CN=Other", leafKey, HashAlgorithmName.SHA256)
            .Create(ca, at.AddDays(-1), at.AddDays(30), [5, 6, 7, 8]);
        var builder = new CertificateRevocationListBuilder();
        builder.AddEntry([1, 2, 3, 4], at.AddDays(-1));
        string crl = Convert.ToHexString(builder.Build(ca, 1, at.AddDays(7), HashAlgorithmName.SHA256, thisUpdate: at.AddDays(-1)));

        Assert.Equal(TlsIssuanceError.CertificateRevoked, Assert.Throws<IssuanceRefusal>(() => SgxDcapVerifier.CheckCrl(crl, ca, leaf, at, "PCK CA")).Code);
        SgxDcapVerifier.CheckCrl(crl, ca, other, at, "PCK CA");
        Assert.Equal(TlsIssuanceError.CollateralExpired, Assert.Throws<IssuanceRefusal>(() => SgxDcapVerifier.CheckCrl(crl, ca, other, at.AddDays(-2), "PCK CA")).Code);
    }

    private static string Flip(string hex) => (hex[0] == '0' ? "1" : "0") + hex[1..];

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
