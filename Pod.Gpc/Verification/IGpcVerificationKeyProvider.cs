using System.Diagnostics.CodeAnalysis;

namespace Pod.Gpc;

/// <summary>
/// Where <see cref="GpcVerifier"/> takes the circuits' verification keys from. A provider loads and checks its keys
/// before verification starts (a service at start-up, where a missing file stops the host), so handing one out never
/// reads a file and never throws: a key it does not hold is a <see cref="GpcVerificationFailure.KeyUnavailable"/> result.
/// </summary>
/// <remarks><see cref="GpcVerificationKeys"/> is the provider over an artifacts directory (<see cref="GpcVerificationKeys.LoadAllAsync"/>
/// loads it); a test or an embedded deployment can implement one over keys it holds.</remarks>
public interface IGpcVerificationKeyProvider
{
    /// <summary>The checked verification key of a circuit, when the provider holds it; false otherwise. Never reads a file or throws.</summary>
    /// <param name="circuit">The circuit, one of <see cref="GpcCircuitFamily.All"/>.</param>
    /// <param name="key">The key; null when the result is false.</param>
    bool TryGetKey(GpcCircuitDescription circuit, [NotNullWhen(true)] out Groth16VerificationKey? key);
}
