using Pod.Issuers.Tls.Storage;

namespace Pod.Issuers.Tls;

/// <summary>
/// The one place the TLS issuer's refusals are made and described: the refusal factories every step and verifier uses,
/// the client-safe description of each <see cref="TlsIssuanceError"/>, and the session state each leaves.
/// </summary>
internal static class TlsIssuanceErrors
{
    /// <summary>A refusal with its code and a detail naming paths and rules, never values.</summary>
    public static IssuanceRefusal Refuse(TlsIssuanceError code, string detail) => new(code, detail, null);

    /// <summary>A refusal caused by a lower-level failure (kept for diagnostics; its message is never shown to clients).</summary>
    public static IssuanceRefusal Refuse(TlsIssuanceError code, string detail, Exception cause) => new(code, detail, cause);

    /// <summary>A request, payload or proof field that does not have the documented shape.</summary>
    public static IssuanceRefusal Malformed(string detail) => Refuse(TlsIssuanceError.MalformedRequest, detail);

    /// <summary>The signed payload's member at <paramref name="path"/> breaks <paramref name="rule"/>.</summary>
    public static IssuanceRefusal MalformedPayload(string path, string rule) => Malformed($"The signed payload's {path} {rule}.");

    /// <summary>The Reclaim proof's member at <paramref name="path"/> is missing or malformed.</summary>
    public static IssuanceRefusal MalformedReclaimProof(string path) => Malformed($"The Reclaim proof's {path} is missing or malformed.");

    /// <summary>The claim <paramref name="entry"/> at <paramref name="path"/> breaks <paramref name="rule"/>.</summary>
    public static IssuanceRefusal ClaimMismatch(string entry, string path, string rule) =>
        Refuse(TlsIssuanceError.ClaimTypeMismatch, $"The claim {entry} ({path}) is {rule}.");

    /// <summary>The quote bytes do not parse.</summary>
    public static IssuanceRefusal MalformedQuote(string detail) => Refuse(TlsIssuanceError.QuoteParseError, detail);

    /// <summary>The evidence given to a verifier is not of the kind it handles.</summary>
    public static IssuanceRefusal WrongEvidence(string expected) => Refuse(TlsIssuanceError.UnsupportedEvidence, $"The evidence is not {expected}.");

    /// <summary>
    /// The session state a failure leaves: <see cref="IssuanceSessionState.Expired"/> for nonce, freshness and key
    /// lifetime codes, <see cref="IssuanceSessionState.Error"/> for internal faults, <see cref="IssuanceSessionState.Rejected"/> otherwise.
    /// </summary>
    public static IssuanceSessionState SessionStateFor(TlsIssuanceError error) => error switch
    {
        TlsIssuanceError.NonceUnknownOrUsed or TlsIssuanceError.StaleNotarization or TlsIssuanceError.SessionKeyExpired
            or TlsIssuanceError.CollateralExpired => IssuanceSessionState.Expired,
        TlsIssuanceError.InternalError => IssuanceSessionState.Error,
        _ => IssuanceSessionState.Rejected,
    };

    /// <summary>A one-line description of the code, safe to show to clients.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="error"/> is not a defined code.</exception>
    public static string Describe(TlsIssuanceError error) => error switch
    {
        TlsIssuanceError.MalformedRequest => "The request or signed payload is malformed.",
        TlsIssuanceError.UnknownProvider => "The provider is not known to this issuer.",
        TlsIssuanceError.UnsupportedEvidence => "The evidence kind is not supported for this provider.",
        TlsIssuanceError.UnsupportedQuoteVersion => "The quote is not an SGX DCAP version 3 quote.",
        TlsIssuanceError.UnsupportedCertificationData => "The quote does not carry a PCK certificate chain.",
        TlsIssuanceError.QuoteParseError => "The quote could not be parsed.",
        TlsIssuanceError.CertificateChainInvalid => "The PCK certificate chain is invalid.",
        TlsIssuanceError.UntrustedRoot => "The certificate chain does not end in the pinned Intel SGX root.",
        TlsIssuanceError.CertificateRevoked => "A certificate of the chain is revoked.",
        TlsIssuanceError.CollateralMissing => "Attestation collateral is required but missing.",
        TlsIssuanceError.CollateralExpired => "The attestation collateral has expired.",
        TlsIssuanceError.CollateralSignatureInvalid => "The attestation collateral signature is invalid.",
        TlsIssuanceError.FmspcMismatch => "The TCB info is for another platform (FMSPC).",
        TlsIssuanceError.QeIdentityMismatch => "The quoting enclave does not match Intel's QE identity.",
        TlsIssuanceError.TcbStatusRejected => "The platform TCB status is not accepted.",
        TlsIssuanceError.QeReportSignatureInvalid => "The quoting enclave report signature is invalid.",
        TlsIssuanceError.AttestationKeyBindingMismatch => "The attestation key is not bound to the quoting enclave report.",
        TlsIssuanceError.QuoteSignatureInvalid => "The quote signature is invalid.",
        TlsIssuanceError.EnclaveNotAllowed => "The enclave identity is not allowed.",
        TlsIssuanceError.DebugEnclaveRejected => "Debug enclaves are not accepted.",
        TlsIssuanceError.SvnTooLow => "The enclave security version is too low.",
        TlsIssuanceError.ReportDataMismatch => "The enclave report data does not bind the session key.",
        TlsIssuanceError.SessionKeyExpired => "The enclave session key is expired or outside its allowed lifetime.",
        TlsIssuanceError.PayloadSignatureInvalid => "The payload signature is invalid.",
        TlsIssuanceError.AttestorNotTrusted => "The proof is not signed by enough trusted attestors.",
        TlsIssuanceError.ReclaimIdentifierMismatch => "The proof identifier does not match its claim.",
        TlsIssuanceError.NonceUnknownOrUsed => "The nonce is unknown, expired or already used.",
        TlsIssuanceError.EvidenceReplayed => "This evidence was already used.",
        TlsIssuanceError.StaleNotarization => "The notarization is too old.",
        TlsIssuanceError.FutureTimestamp => "The notarization time is in the future.",
        TlsIssuanceError.OwnerMismatch => "The signed payload names another owner.",
        TlsIssuanceError.RequestMismatch => "The notarized request does not match the provider spec.",
        TlsIssuanceError.ProviderRejected => "The provider's response does not meet the acceptance rules.",
        TlsIssuanceError.ClaimMissing => "A required claim is missing.",
        TlsIssuanceError.ClaimTypeMismatch => "A claim has the wrong type or value.",
        TlsIssuanceError.UidAlreadyBound => "This identity is already bound to another owner.",
        TlsIssuanceError.SimulatedEvidenceNotAllowed => "Simulated evidence is not allowed.",
        TlsIssuanceError.InternalError => "An internal error occurred.",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Unknown TLS issuance error code."),
    };
}
