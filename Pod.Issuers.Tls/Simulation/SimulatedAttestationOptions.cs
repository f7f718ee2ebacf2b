namespace Pod.Issuers.Tls.Simulation;

/// <summary>
/// Configuration of <see cref="SimulatedAttestationServiceCollectionExtensions.AddPodSimulatedAttestation"/>, the development-only
/// registration of the <see cref="SimulatedEnclave"/>'s evidence. Its <see cref="ToString"/> shows no key material.
/// </summary>
public sealed class SimulatedAttestationOptions
{
    /// <summary>The simulation root's SubjectPublicKeyInfo (<see cref="SimulatedEnclave.ExportRootPublicKey"/>); required.</summary>
    public byte[]? RootPublicKey { get; set; }

    /// <summary>
    /// Accept simulated evidence in the Production environment too (or where no host environment is registered, which a host
    /// treats as Production). Default false: a production host that registers the simulation fails to start.
    /// </summary>
    public bool AllowInProduction { get; set; }

    /// <summary>Lists the settings without keys.</summary>
    public override string ToString() =>
        $"SimulatedAttestationOptions (root {(RootPublicKey is null ? "unset" : "set")}, {(AllowInProduction ? "allowed" : "refused")} in Production)";
}
