using Pod.Cryptography.Signatures;

namespace Pod.Issuers.Tls.Simulation;

/// <summary>
/// The key PODs from simulated evidence are signed with when the simulation is registered: made per process, so never the
/// production key, and zeroed when the container is disposed. Its registration also marks that
/// <see cref="SimulatedAttestationServiceCollectionExtensions.AddPodSimulatedAttestation"/> was called.
/// </summary>
internal sealed class SimulatedIssuerSigner : IDisposable
{
    public EdDsaPrivateKey Key { get; } = EdDsaPrivateKey.Generate();

    public void Dispose() => Key.Dispose();
}
