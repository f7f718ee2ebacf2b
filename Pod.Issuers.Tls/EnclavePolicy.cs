namespace Pod.Issuers.Tls;

/// <summary>
/// Which enclaves and platforms the issuer trusts. An enclave is allowed when its MRENCLAVE is listed, or when its
/// (MRSIGNER, product id) matches a signer rule with ISVSVN at or above the rule's minimum (EGo's guidance). Debug
/// enclaves are refused unless <see cref="AllowDebug"/>; INIT and MODE64BIT must be set. The platform and QE TCB statuses
/// must be accepted and every advisory allowed (simulated evidence has no platform, so only its measurement is checked).
/// </summary>
public sealed class EnclavePolicy
{
    // SGX attribute flags; DEBUG (2) reaches the policy as TeeIdentity.Debug.
    private const ulong FlagInit = 1, FlagMode64 = 4;

    /// <summary>Allowed MRENCLAVE values, as 64 hex digits.</summary>
    public IList<string> AllowedMrEnclaves { get; } = [];

    /// <summary>Allowed signers.</summary>
    public IList<EnclaveSignerRule> AllowedSigners { get; } = [];

    /// <summary>Accept debug enclaves (never in production). Default false.</summary>
    public bool AllowDebug { get; set; }

    /// <summary>TCB statuses accepted for the platform and the QE. Default: UpToDate only.</summary>
    public ISet<SgxTcbStatus> AcceptedTcbStatuses { get; } = new HashSet<SgxTcbStatus> { SgxTcbStatus.UpToDate };

    /// <summary>Intel advisory ids accepted (for example INTEL-SA-00615); any other advisory is refused.</summary>
    public ISet<string> AllowedAdvisories { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Require collateral with SGX quotes. Default true; without collateral the TCB status is Unknown.</summary>
    public bool RequireCollateral { get; set; } = true;

    /// <summary>The oldest collateral accepted (by its issue date), or null to rely on its next-update date alone.</summary>
    public TimeSpan? MaxCollateralAge { get; set; }

    /// <summary>The longest session key validity accepted from now. Default 24 hours.</summary>
    public TimeSpan MaxKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Checks a TEE result's identity and TCB evaluation against the policy (the issuer's step after verifying the evidence).</summary>
    /// <exception cref="IssuanceRefusal">DebugEnclaveRejected, EnclaveNotAllowed, SvnTooLow or TcbStatusRejected.</exception>
    internal void Enforce(AttestationResult.Tee result)
    {
        TeeIdentity tee = result.Identity;
        if (tee.Debug && !AllowDebug)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.DebugEnclaveRejected, "The enclave has the DEBUG attribute.");
        }

        ulong required = FlagInit | FlagMode64;
        if ((tee.AttributeFlags & required) != required)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.EnclaveNotAllowed, "The enclave lacks the INIT or MODE64BIT attribute.");
        }

        string mrEnclave = Convert.ToHexString(tee.MrEnclave);
        string mrSigner = Convert.ToHexString(tee.MrSigner);
        bool measured = AllowedMrEnclaves.Any(m => string.Equals(m, mrEnclave, StringComparison.OrdinalIgnoreCase));
        if (!measured)
        {
            EnclaveSignerRule[] signers = AllowedSigners
                .Where(s => string.Equals(s.MrSignerHex, mrSigner, StringComparison.OrdinalIgnoreCase) && s.ProductId == tee.ProductId)
                .ToArray();
            if (signers.Length == 0)
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.EnclaveNotAllowed, $"No allowed MRENCLAVE or (MRSIGNER, product {tee.ProductId}) rule matches the enclave.");
            }

            if (!signers.Any(s => tee.Svn >= s.MinSvn))
            {
                throw TlsIssuanceErrors.Refuse(TlsIssuanceError.SvnTooLow, $"The enclave ISVSVN {tee.Svn} is below the minimum {signers.Min(s => s.MinSvn)}.");
            }
        }

        if (result.Simulated)
        {
            return; // no platform to evaluate; simulated evidence is gated by TlsIssuerOptions.AllowSimulatedEvidence
        }

        if (!AcceptedTcbStatuses.Contains(result.Tcb))
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.TcbStatusRejected, $"The platform TCB status {result.Tcb} is not accepted.");
        }

        if (!AcceptedTcbStatuses.Contains(result.QeTcb))
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.TcbStatusRejected, $"The quoting enclave TCB status {result.QeTcb} is not accepted.");
        }

        string[] refused = result.Advisories.Where(a => !AllowedAdvisories.Contains(a)).ToArray();
        if (refused.Length > 0)
        {
            throw TlsIssuanceErrors.Refuse(TlsIssuanceError.TcbStatusRejected, $"Advisories not allowed: {string.Join(", ", refused)}.");
        }
    }
}
