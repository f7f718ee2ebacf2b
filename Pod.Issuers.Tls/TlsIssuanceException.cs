namespace Pod.Issuers.Tls;

/// <summary>
/// A refused issuance step: a <see cref="TlsIssuanceError"/> code and a detail that names paths and rules, never
/// payload values, keys or identifiers. <see cref="TlsPodIssuer"/> turns it into a failed <see cref="TlsIssuanceResult"/>;
/// verifiers called directly throw it.
/// </summary>
public sealed class TlsIssuanceException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public TlsIssuanceException(TlsIssuanceError code, string safeDetail)
        : base($"{code}: {safeDetail}")
    {
        Code = code;
        SafeDetail = safeDetail;
    }

    /// <summary>Creates the exception with an inner cause (kept for diagnostics; its message is not shown to clients).</summary>
    public TlsIssuanceException(TlsIssuanceError code, string safeDetail, Exception innerException)
        : base($"{code}: {safeDetail}", innerException)
    {
        Code = code;
        SafeDetail = safeDetail;
    }

    /// <summary>The error code.</summary>
    public TlsIssuanceError Code { get; }

    /// <summary>A detail safe to log and to return: paths and rules, no values.</summary>
    public string SafeDetail { get; }
}
