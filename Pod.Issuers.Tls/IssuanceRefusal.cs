namespace Pod.Issuers.Tls;

/// <summary>
/// A refused issuance step inside this assembly: a <see cref="TlsIssuanceError"/> code and a detail that names paths and
/// rules, never payload values, keys or identifiers. It unwinds from deep parsers (quotes, collateral, proofs, payloads,
/// claims) to the public boundary that turns it into a result (<see cref="TlsPodIssuer.IssueAsync"/>, each
/// <see cref="IAttestationVerifier.VerifyAsync"/>); no public member lets it escape (docs/errors.md).
/// Made only by <see cref="TlsIssuanceErrors.Refuse(TlsIssuanceError, string)"/>.
/// </summary>
internal sealed class IssuanceRefusal : Exception
{
    internal IssuanceRefusal(TlsIssuanceError code, string detail, Exception? innerException)
        : base($"{code}: {detail}", innerException)
    {
        Code = code;
        Detail = detail;
    }

    /// <summary>The error code.</summary>
    public TlsIssuanceError Code { get; }

    /// <summary>A detail safe to log and to return: paths and rules, no values.</summary>
    public string Detail { get; }
}
