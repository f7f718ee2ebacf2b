using Pod.Issuers.Tls.Providers;

namespace Pod.Issuers.Tls;

/// <summary>What a verifier may need beyond the evidence: the provider spec and the enclave policy.</summary>
/// <param name="Provider">The provider spec the request names.</param>
/// <param name="Policy">The enclave policy (collateral requirements).</param>
public sealed record VerificationContext(ProviderSpec Provider, EnclavePolicy Policy);
