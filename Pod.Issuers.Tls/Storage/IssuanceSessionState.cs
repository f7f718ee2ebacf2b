namespace Pod.Issuers.Tls.Storage;

/// <summary>The states of an issuance session (zkIdentity's lifecycle).</summary>
public enum IssuanceSessionState
{
    /// <summary>The nonce was issued.</summary>
    Created = 0,

    /// <summary>The client is talking to the provider.</summary>
    ProviderPending,

    /// <summary>The provider session completed.</summary>
    ProviderCompleted,

    /// <summary>The enclave or attestor is producing evidence.</summary>
    ProofGenerating,

    /// <summary>The evidence exists.</summary>
    ProofGenerated,

    /// <summary>The client is submitting the evidence.</summary>
    Submitting,

    /// <summary>A POD was issued (terminal).</summary>
    Verified,

    /// <summary>The last submission was refused by policy or cryptography.</summary>
    Rejected,

    /// <summary>The nonce, the notarization or the session key expired (terminal once the session's time to live passes).</summary>
    Expired,

    /// <summary>An internal fault.</summary>
    Error,
}
