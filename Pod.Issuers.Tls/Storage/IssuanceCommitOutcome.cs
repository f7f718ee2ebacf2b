namespace Pod.Issuers.Tls.Storage;

/// <summary>The outcome of <see cref="ITlsIssuerStore.CommitIssuanceAsync"/>; anything but <see cref="Committed"/> wrote nothing.</summary>
public enum IssuanceCommitOutcome
{
    /// <summary>The nonce was consumed, the evidence recorded, the UID bound and the session verified.</summary>
    Committed,

    /// <summary>The nonce is unknown, expired or used.</summary>
    NonceUnknownOrUsed,

    /// <summary>The evidence digest was already recorded.</summary>
    EvidenceReplayed,

    /// <summary>The UID is bound to another owner.</summary>
    UidAlreadyBound,
}
