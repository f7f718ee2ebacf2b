namespace Pod.Issuers.Tls;

/// <summary>
/// Why an issuance was refused. Every failure of <see cref="TlsPodIssuer.IssueAsync"/> and of
/// <see cref="IAttestationVerifier.VerifyAsync"/> carries exactly one of these codes; the session is left
/// <see cref="Storage.IssuanceSessionState.Expired"/> for the nonce, freshness and key-lifetime codes,
/// <see cref="Storage.IssuanceSessionState.Error"/> for <see cref="InternalError"/>, and
/// <see cref="Storage.IssuanceSessionState.Rejected"/> otherwise.
/// </summary>
public enum TlsIssuanceError
{
    /// <summary>The request or signed payload does not have the documented shape.</summary>
    MalformedRequest = 1,

    /// <summary>No provider spec is registered under the requested provider id.</summary>
    UnknownProvider,

    /// <summary>No verifier handles the evidence kind, or the provider spec does not accept it.</summary>
    UnsupportedEvidence,

    /// <summary>The quote is not an SGX DCAP quote of version 3 (for example a TDX version 4 quote).</summary>
    UnsupportedQuoteVersion,

    /// <summary>The quote's certification data is not a PCK certificate chain (type 5) and no PCK certificate source is configured.</summary>
    UnsupportedCertificationData,

    /// <summary>The quote bytes do not parse: wrong lengths, key type or vendor.</summary>
    QuoteParseError,

    /// <summary>The PCK certificate chain does not build or a certificate is outside its validity.</summary>
    CertificateChainInvalid,

    /// <summary>The chain does not end in the pinned Intel SGX Root CA key.</summary>
    UntrustedRoot,

    /// <summary>A certificate of the chain is listed on its issuer's CRL.</summary>
    CertificateRevoked,

    /// <summary>The policy requires collateral (TCB info, QE identity, CRLs) and none was given.</summary>
    CollateralMissing,

    /// <summary>The collateral is past its next update (or older than the policy allows).</summary>
    CollateralExpired,

    /// <summary>A TCB info, QE identity or CRL signature does not verify under its Intel issuer chain.</summary>
    CollateralSignatureInvalid,

    /// <summary>The TCB info is for another FMSPC than the PCK certificate's.</summary>
    FmspcMismatch,

    /// <summary>The quoting enclave does not match the Intel QE identity.</summary>
    QeIdentityMismatch,

    /// <summary>The platform or QE TCB status (or an advisory) is not accepted by the policy.</summary>
    TcbStatusRejected,

    /// <summary>The QE report signature does not verify under the PCK leaf key.</summary>
    QeReportSignatureInvalid,

    /// <summary>The QE report data does not bind the attestation key and QE authentication data.</summary>
    AttestationKeyBindingMismatch,

    /// <summary>The quote signature does not verify under the attestation key.</summary>
    QuoteSignatureInvalid,

    /// <summary>The enclave measurement matches no allowed MRENCLAVE or MRSIGNER rule.</summary>
    EnclaveNotAllowed,

    /// <summary>The enclave runs in debug mode.</summary>
    DebugEnclaveRejected,

    /// <summary>The enclave's ISV SVN is below the policy's minimum.</summary>
    SvnTooLow,

    /// <summary>The report data does not bind the session key and its validity.</summary>
    ReportDataMismatch,

    /// <summary>The session key has expired, outlives the policy's key lifetime, or did not cover the notarization time.</summary>
    SessionKeyExpired,

    /// <summary>The session key's signature over the payload does not verify.</summary>
    PayloadSignatureInvalid,

    /// <summary>A Reclaim signer is not a trusted attestor, or too few trusted attestors signed.</summary>
    AttestorNotTrusted,

    /// <summary>The Reclaim identifier does not match the claim it names.</summary>
    ReclaimIdentifierMismatch,

    /// <summary>The nonce was never issued, has expired or was already used.</summary>
    NonceUnknownOrUsed,

    /// <summary>The same evidence was already used for an issuance.</summary>
    EvidenceReplayed,

    /// <summary>The notarization is older than the freshness window.</summary>
    StaleNotarization,

    /// <summary>The notarization time lies in the future beyond the allowed clock skew.</summary>
    FutureTimestamp,

    /// <summary>The signed payload names another owner than the request.</summary>
    OwnerMismatch,

    /// <summary>The signed payload's provider or request (method, URL, status) does not match the provider spec.</summary>
    RequestMismatch,

    /// <summary>The provider's response fails the spec's acceptance rules (for example a KYC check not approved).</summary>
    ProviderRejected,

    /// <summary>A required claim is missing from the response.</summary>
    ClaimMissing,

    /// <summary>A claim does not have the type, format or allowed value the spec demands.</summary>
    ClaimTypeMismatch,

    /// <summary>The UID is already bound to another owner.</summary>
    UidAlreadyBound,

    /// <summary>Simulated evidence was given but the options do not allow it.</summary>
    SimulatedEvidenceNotAllowed,

    /// <summary>An unexpected internal fault; nothing was issued or stored.</summary>
    InternalError,
}
