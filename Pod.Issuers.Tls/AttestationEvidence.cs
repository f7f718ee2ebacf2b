namespace Pod.Issuers.Tls;

/// <summary>Evidence that a payload was notarized: an SGX quote, a simulated report or a Reclaim proof.</summary>
/// <param name="Kind">The evidence kind: <c>sgx-dcap-v3</c>, <c>sim-v1</c> or <c>reclaim-v1</c>.</param>
public abstract record AttestationEvidence(string Kind);
