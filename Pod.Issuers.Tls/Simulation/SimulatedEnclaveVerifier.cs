using System.Security.Cryptography;
using Pod.Issuers.Tls.Sgx;

namespace Pod.Issuers.Tls.Simulation;

/// <summary>
/// Verifies <see cref="SimulatedEvidence"/> against a trusted simulation root key: the report signature, then hands the
/// report body's identity and the session key to the issuer's policy and binding checks. Development only: register it
/// when <see cref="TlsIssuerOptions.AllowSimulatedEvidence"/> is true.
/// </summary>
public sealed class SimulatedEnclaveVerifier : IAttestationVerifier
{
    /// <summary>The evidence kind, <c>sim-v1</c>.</summary>
    public const string EvidenceKind = "sim-v1";

    private const int ReportSizeInBytes = SgxReportBody.SizeInBytes + 64;
    private readonly byte[] _rootSpki;

    /// <summary>Trusts the simulation root with this SubjectPublicKeyInfo (DER).</summary>
    /// <exception cref="ArgumentException">The key is not a P-256 public key.</exception>
    public SimulatedEnclaveVerifier(ReadOnlySpan<byte> rootSubjectPublicKeyInfo)
    {
        using ECDsa probe = ECDsa.Create();
        try
        {
            probe.ImportSubjectPublicKeyInfo(rootSubjectPublicKeyInfo, out _);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException("The simulation root is not a valid public key.", nameof(rootSubjectPublicKeyInfo), e);
        }

        if (probe.KeySize != 256)
        {
            throw new ArgumentException("The simulation root must be a P-256 key.", nameof(rootSubjectPublicKeyInfo));
        }

        _rootSpki = rootSubjectPublicKeyInfo.ToArray();
    }

    /// <inheritdoc/>
    public string Kind => EvidenceKind;

    /// <inheritdoc/>
    public ValueTask<AttestationVerification> VerifyAsync(AttestationEvidence evidence, ReadOnlyMemory<byte> signedPayload, VerificationContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        try
        {
            return ValueTask.FromResult(AttestationVerification.Verified(Verify(evidence, signedPayload.Span)));
        }
        catch (IssuanceRefusal r)
        {
            return ValueTask.FromResult(AttestationVerification.Refused(r.Code, r.Detail));
        }
    }

    private AttestationResult.Tee Verify(AttestationEvidence evidence, ReadOnlySpan<byte> signedPayload)
    {
        if (evidence is not SimulatedEvidence sim)
        {
            throw TlsIssuanceErrors.WrongEvidence("simulated evidence");
        }

        if (sim.SimReport is null || sim.SimReport.Length != ReportSizeInBytes)
        {
            throw TlsIssuanceErrors.MalformedQuote($"A simulated report is {ReportSizeInBytes} bytes.");
        }

        ReadOnlySpan<byte> body = sim.SimReport.AsSpan(0, SgxReportBody.SizeInBytes);
        using ECDsa root = ECDsa.Create();
        root.ImportSubjectPublicKeyInfo(_rootSpki, out _);
        if (!root.VerifyData(body, sim.SimReport.AsSpan(SgxReportBody.SizeInBytes), HashAlgorithmName.SHA256))
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.QuoteSignatureInvalid, "The simulated report signature does not verify under the simulation root.");
        }

        // No platform to evaluate: the TCB statuses stay Unknown, and the policy checks the measurement only.
        byte[] payloadHash = SHA256.HashData(signedPayload);
        return new AttestationResult.Tee(
            Kind,
            SgxReportBody.Read(body),
            SgxTcbStatus.Unknown,
            SgxTcbStatus.Unknown,
            [],
            SHA256.HashData([.. body, .. payloadHash]),
            payloadHash,
            sim.SessionPublicKey ?? [],
            EvidenceTime.FromUnixSeconds(sim.KeyValidUntilUnix),
            sim.PayloadSignature ?? []);
    }
}
