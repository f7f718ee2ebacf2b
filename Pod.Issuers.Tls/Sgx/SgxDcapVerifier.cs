using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Org.BouncyCastle.X509;

namespace Pod.Issuers.Tls.Sgx;

/// <summary>
/// Verifies SGX DCAP version 3 quotes offline (docs/tls-issuer.md, "SGX DCAP"): strict parsing; the PCK chain built with
/// <see cref="X509Chain"/> to the Intel SGX Root CA pinned by its public-key hash, at the injected clock's time; the QE
/// report signature under the PCK leaf; the attestation-key binding in the QE report data; the quote signature under the
/// attestation key; then, from collateral, the Intel-signed QE identity and TCB info for the PCK certificate's FMSPC and
/// the Root CA CRL (over the PCK CA and both Intel signing certificates) and the PCK CA CRL (over the leaf), parsed and checked
/// with Portable.BouncyCastle, which the base library lacks for CRLs. The PCK CRL is checked against the quote's own PCK CA,
/// so the collateral's <c>pck_crl_issuer_chain</c> is not needed.
/// The enclave policy and the session-key binding are the issuer's next steps.
/// </summary>
public sealed class SgxDcapVerifier : IAttestationVerifier
{
    /// <summary>The evidence kind, <c>sgx-dcap-v3</c>.</summary>
    public const string EvidenceKind = "sgx-dcap-v3";

    /// <summary>SHA-256 of the SubjectPublicKeyInfo of the Intel SGX Root CA (the same key in every encoding of the root).</summary>
    public const string IntelRootPublicKeySha256 = "a0af031289f5d5d4132f9186068a7fc13628633ba235777472e29b6b6c67a49e";

    private readonly TimeProvider _time;
    private readonly byte[] _rootSpkiHash;

    /// <summary>Creates a verifier pinned to the Intel SGX Root CA.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is null.</exception>
    public SgxDcapVerifier(TimeProvider timeProvider)
        : this(timeProvider, IntelRootPublicKeySha256)
    {
    }

    /// <summary>Creates a verifier pinned to another root (tests with Intel's synthetic QVL data only).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The hash is not 64 hex digits.</exception>
    public SgxDcapVerifier(TimeProvider timeProvider, string rootPublicKeySha256Hex)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(rootPublicKeySha256Hex);
        if (rootPublicKeySha256Hex.Length != 64 || !rootPublicKeySha256Hex.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException("The root public-key hash must be 64 hex digits.", nameof(rootPublicKeySha256Hex));
        }

        _time = timeProvider;
        _rootSpkiHash = Convert.FromHexString(rootPublicKeySha256Hex);
    }

    /// <inheritdoc/>
    public string Kind => EvidenceKind;

    /// <inheritdoc/>
    public ValueTask<AttestationVerification> VerifyAsync(AttestationEvidence evidence, ReadOnlyMemory<byte> signedPayload, VerificationContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return ValueTask.FromResult(AttestationVerification.Verified(Verify(evidence, signedPayload.Span, context.Policy)));
        }
        catch (IssuanceRefusal r)
        {
            return ValueTask.FromResult(AttestationVerification.Refused(r.Code, r.Detail));
        }
    }

    /// <exception cref="IssuanceRefusal">The evidence does not verify.</exception>
    internal AttestationResult.Tee Verify(AttestationEvidence evidence, ReadOnlySpan<byte> signedPayload, EnclavePolicy policy)
    {
        if (evidence is not SgxDcapEvidence sgx || sgx.QuoteOrOeReport is null)
        {
            throw TlsIssuanceErrors.WrongEvidence("an SGX DCAP quote");
        }

        Verified v = VerifyQuote(sgx.QuoteOrOeReport, sgx.Collateral, policy);
        byte[] payloadHash = SHA256.HashData(signedPayload);
        return new AttestationResult.Tee(
            Kind,
            SgxReportBody.Read(v.Quote.IsvReportBody),
            v.Tcb,
            v.QeTcb,
            v.Advisories,
            SHA256.HashData([.. v.Quote.Signed, .. payloadHash]),
            payloadHash,
            sgx.SessionPublicKey ?? [],
            EvidenceTime.FromUnixSeconds(sgx.KeyValidUntilUnix),
            sgx.PayloadSignature ?? []);
    }

    private sealed record Verified(SgxQuote Quote, SgxTcbStatus Tcb, SgxTcbStatus QeTcb, string[] Advisories);

    private Verified VerifyQuote(byte[] quoteBytes, SgxCollateral? collateral, EnclavePolicy policy)
    {
        DateTimeOffset now = _time.GetUtcNow();

        // 1. Strict parsing.
        SgxQuote quote = SgxQuote.Parse(quoteBytes);

        // 2. The PCK chain, from the quote (type 5) or from the collateral for the other certification data types.
        string pem = quote.CertificationDataType == SgxQuote.PckCertChainType
            ? Encoding.ASCII.GetString(quote.CertificationData).TrimEnd('\0')
            : collateral?.PckCertificateChain is { Length: > 0 } external
                ? external
                : throw TlsIssuanceErrors.Refuse(TlsIssuanceError.UnsupportedCertificationData,
                    $"The certification data type is {quote.CertificationDataType}, not a PCK chain (5), and the collateral gives no PCK chain.");
        X509Certificate2[] pck = ValidateChain(pem, now, "PCK");
        try
        {
            // Nothing outside the certificates may vary: the PEM must be exactly their canonical encoding.
            if (quote.CertificationDataType == SgxQuote.PckCertChainType && !string.Equals(pem, string.Concat(pck.Select(c => c.ExportCertificatePem() + "\n")), StringComparison.Ordinal))
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CertificateChainInvalid, "The PCK chain PEM is not the canonical encoding of its certificates.");
            }

            X509Certificate2 leaf = pck[0];

            // 3. QE report signature under the PCK leaf key.
            using (ECDsa leafKey = PublicKeyOf(leaf) ?? throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CertificateChainInvalid, "The PCK leaf key is not a P-256 key."))
            {
                if (!leafKey.VerifyData(quote.QeReportBody, quote.QeReportSignature, HashAlgorithmName.SHA256))
                {
                    throw TlsIssuanceErrors.Refuse(TlsIssuanceError.QeReportSignatureInvalid, "The QE report signature does not verify under the PCK leaf key.");
                }
            }

            // 4. The QE report data binds the attestation key and the QE authentication data.
            byte[] expected = SHA256.HashData([.. quote.AttestationKey, .. quote.QeAuthData]);
            ReadOnlySpan<byte> qeReportData = quote.QeReportBody.Slice(320, 64);
            if (!CryptographicOperations.FixedTimeEquals(expected, qeReportData[..32]) || qeReportData[32..].ContainsAnyExcept((byte)0))
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.AttestationKeyBindingMismatch, "The QE report data is not SHA-256(attestation key ‖ QE authentication data) ‖ zeros.");
            }

            // 5. The quote signature under the attestation key, over header ‖ ISV report body.
            bool quoteValid;
            try
            {
                using ECDsa attestationKey = ECDsa.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = quote.AttestationKey[..32].ToArray(), Y = quote.AttestationKey[32..].ToArray() },
                });
                quoteValid = attestationKey.VerifyData(quote.Signed, quote.QuoteSignature, HashAlgorithmName.SHA256);
            }
            catch (CryptographicException)
            {
                quoteValid = false; // the attestation key is not a point on P-256
            }

            if (!quoteValid)
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.QuoteSignatureInvalid, "The quote signature does not verify under the attestation key.");
            }

            PckExtensions platform = PckExtensions.Read(leaf); // a PCK leaf carries the SGX extension, collateral or not
            if (collateral is null or { TcbInfo: "", QeIdentity: "", PckCrl: "", RootCaCrl: "" })
            {
                return policy.RequireCollateral
                    ? throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralMissing, "The policy requires collateral (TCB info, QE identity, CRLs).")
                    : new Verified(quote, SgxTcbStatus.Unknown, SgxTcbStatus.Unknown, []);
            }

            // 6, 7. Intel-signed QE identity and TCB info, then CRLs over the PCK chain.
            using X509Certificate2 tcbSigner = VerifySignedJson(collateral.TcbInfo, collateral.TcbInfoSignature, collateral.TcbInfoIssuerChain, now, "TCB info");
            using X509Certificate2 qeSigner = VerifySignedJson(collateral.QeIdentity, collateral.QeIdentitySignature, collateral.QeIdentityIssuerChain, now, "QE identity");
            string tcbInfo = collateral.TcbInfo, qeIdentity = collateral.QeIdentity;
            (SgxTcbStatus qeStatus, string[] qeAdvisories) = SgxCollateralEvaluator.EvaluateQe(qeIdentity, quote.QeReportBody, now, policy.MaxCollateralAge);
            (SgxTcbStatus status, string[] advisories) = SgxCollateralEvaluator.EvaluatePlatform(tcbInfo, platform, now, policy.MaxCollateralAge);
            CheckCrl(collateral.RootCaCrl, pck[^1], pck[1], now, "Root CA");
            CheckCrl(collateral.RootCaCrl, pck[^1], tcbSigner, now, "Root CA");
            CheckCrl(collateral.RootCaCrl, pck[^1], qeSigner, now, "Root CA");
            CheckCrl(collateral.PckCrl, pck[1], leaf, now, "PCK CA");
            return new Verified(quote, status, qeStatus, [.. advisories.Union(qeAdvisories, StringComparer.Ordinal)]);
        }
        finally
        {
            foreach (X509Certificate2 c in pck)
            {
                c.Dispose();
            }
        }
    }

    /// <summary>Imports a PEM chain (leaf first, root last), pins the root key and builds the chain at <paramref name="now"/>.</summary>
    private X509Certificate2[] ValidateChain(string pem, DateTimeOffset now, string what)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CertificateChainInvalid, $"The {what} chain PEM does not parse.", e);
        }

        X509Certificate2[] certs = [.. collection];
        try
        {
            if (certs.Length < 2)
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CertificateChainInvalid, $"The {what} chain has {certs.Length} certificates; it needs a leaf and the root.");
            }

            X509Certificate2 root = certs[^1];
            if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(root.PublicKey.ExportSubjectPublicKeyInfo()), _rootSpkiHash))
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.UntrustedRoot, $"The {what} chain's root is not the pinned Intel SGX Root CA key.");
            }

            if (!IsSelfSigned(root))
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CertificateChainInvalid, $"The {what} chain's root certificate is not validly self-signed.");
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.ExtraStore.AddRange(certs[1..^1]);
            chain.ChainPolicy.VerificationTime = now.UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.DisableCertificateDownloads = true;
            bool built;
            try
            {
                built = chain.Build(certs[0]);
            }
            catch (CryptographicException e)
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CertificateChainInvalid, $"The {what} chain does not build: a certificate's key does not decode.", e);
            }

            if (!built)
            {
                string status = string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CertificateChainInvalid, $"The {what} chain does not build to the pinned root: {status}.");
            }

            if (chain.ChainElements.Count != certs.Length
                || !chain.ChainElements.Select(e => e.Certificate.RawDataMemory).Zip(certs, (a, b) => a.Span.SequenceEqual(b.RawDataMemory.Span)).All(x => x))
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CertificateChainInvalid, $"The {what} chain built is not the chain given.");
            }

            return certs;
        }
        catch
        {
            foreach (X509Certificate2 c in certs)
            {
                c.Dispose();
            }

            throw;
        }
    }

    /// <summary>The certificate's ECDSA key, or null when it has none or it does not decode.</summary>
    private static ECDsa? PublicKeyOf(X509Certificate2 certificate)
    {
        try
        {
            return certificate.GetECDsaPublicKey();
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool IsSelfSigned(X509Certificate2 root)
    {
        try
        {
            Org.BouncyCastle.X509.X509Certificate bc = new X509CertificateParser().ReadCertificate(root.RawData);
            bc.Verify(bc.GetPublicKey());
            return true;
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Security.Certificates.CertificateException
            or System.IO.IOException or ArgumentException or InvalidCastException)
        {
            return false;
        }
    }

    /// <summary>Verifies Intel-signed JSON under its issuer chain (pinned root) and returns the signing certificate.</summary>
    private X509Certificate2 VerifySignedJson(string json, string signatureHex, string issuerChainPem, DateTimeOffset now, string what)
    {
        if (string.IsNullOrEmpty(json) || string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(issuerChainPem))
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralMissing, $"The collateral lacks the {what}, its signature or its issuer chain.");
        }

        X509Certificate2[] chain;
        try
        {
            chain = ValidateChain(issuerChainPem, now, $"{what} issuer");
        }
        catch (IssuanceRefusal e) when (e.Code == TlsIssuanceError.CertificateChainInvalid)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralSignatureInvalid, e.Detail, e);
        }

        try
        {
            byte[] signature = signatureHex.Length == 128 && signatureHex.All(char.IsAsciiHexDigit)
                ? Convert.FromHexString(signatureHex)
                : throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralSignatureInvalid, $"The {what} signature is not 64 bytes of hex.");
            using ECDsa? key = PublicKeyOf(chain[0]);
            if (key is null || !key.VerifyData(Encoding.UTF8.GetBytes(json), signature, HashAlgorithmName.SHA256))
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralSignatureInvalid, $"The {what} signature does not verify under its Intel issuer.");
            }

            return X509CertificateLoader.LoadCertificate(chain[0].RawData);
        }
        finally
        {
            foreach (X509Certificate2 c in chain)
            {
                c.Dispose();
            }
        }
    }

    /// <summary>Checks a hex DER CRL: signed by <paramref name="issuer"/>, current, and not listing <paramref name="subject"/>.</summary>
    internal static void CheckCrl(string crlHex, X509Certificate2 issuer, X509Certificate2 subject, DateTimeOffset now, string what)
    {
        if (string.IsNullOrEmpty(crlHex))
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralMissing, $"The collateral lacks the {what} CRL.");
        }

        X509Crl crl;
        try
        {
            crl = new X509CrlParser().ReadCrl(Convert.FromHexString(crlHex))
                ?? throw new FormatException("No CRL.");
            crl.Verify(new X509CertificateParser().ReadCertificate(issuer.RawData).GetPublicKey());
        }
        catch (Exception e) when (e is FormatException or Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Security.Certificates.CrlException
            or System.IO.IOException or ArgumentException or InvalidCastException)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralSignatureInvalid, $"The {what} CRL does not parse or is not signed by {issuer.GetNameInfo(X509NameType.SimpleName, false)}.", e);
        }

        DateTime utc = now.UtcDateTime;
        if (crl.ThisUpdate > utc || crl.NextUpdate is null || crl.NextUpdate.Value < utc)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CollateralExpired, $"The {what} CRL is not current.");
        }

        if (crl.IsRevoked(new X509CertificateParser().ReadCertificate(subject.RawData)))
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.CertificateRevoked, $"The {what} CRL revokes {subject.GetNameInfo(X509NameType.SimpleName, false)}.");
        }
    }
}
