
namespace Pod.Gpc;

/// <summary>
/// The prover's side of GPC up to the Groth16 step: checks a config (and its inputs) against every rule
/// of @pcd/gpc 0.4.1, binds it to the smallest circuit that fits, and compiles it to the circuit's input
/// signals, the outputs the circuit will compute, and the revealed claims, all exactly as the reference.
/// </summary>
public static class GpcCompiler
{
    /// <summary>
    /// Checks a config and binds it to a circuit, as gpcBindConfig: the named circuit, or the smallest that
    /// fits the config alone (a POD deeper than the config implies, or long lists, may need a larger one
    /// when proving; name the circuit to fix it).
    /// </summary>
    /// <exception cref="ArgumentNullException">The config is null.</exception>
    /// <exception cref="GpcConfigException">The config breaks a rule, or no circuit fits; the path names the field.</exception>
    public static GpcBinding BindConfig(GpcProofConfig proofConfig)
    {
        ArgumentNullException.ThrowIfNull(proofConfig);
        return Bind(proofConfig, GpcChecks.CheckProofConfig(proofConfig, GpcChecks.ConfigParam).Requirements);
    }

    /// <summary>
    /// Checks a config and inputs together and binds the config to the smallest circuit fitting both, as
    /// gpcCheckProvable: when this succeeds, <see cref="PreProve"/> does too.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="GpcConfigException">The config or inputs break a rule, or no circuit fits; the path names the field.</exception>
    public static GpcBinding CheckProvable(GpcProofConfig proofConfig, GpcProofInputs proofInputs)
    {
        ArgumentNullException.ThrowIfNull(proofConfig);
        ArgumentNullException.ThrowIfNull(proofInputs);
        return Bind(proofConfig, GpcChecks.CheckProofArgs(proofConfig, proofInputs).Requirements);
    }

    /// <summary>
    /// Checks, binds and compiles a proof (gpcPreProve, and gpcPostProve's claims): the bound config, the
    /// circuit, every input signal, the outputs the circuit will compute, and the revealed claims.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="GpcConfigException">The config or inputs break a rule, or no circuit fits; the path names the field.</exception>
    public static GpcProofPreparation PreProve(GpcProofConfig proofConfig, GpcProofInputs proofInputs)
    {
        ArgumentNullException.ThrowIfNull(proofConfig);
        ArgumentNullException.ThrowIfNull(proofInputs);
        GpcChecks.Checked checks = GpcChecks.CheckProofArgs(proofConfig, proofInputs);
        var (boundConfig, circuit) = Bind(proofConfig, checks.Requirements);
        var layout = new CompilerLayout(circuit, boundConfig.ToProofConfig(), checks.Lists);
        var (inputs, outputs) = CircuitCompiler.CompileProof(layout, proofInputs);
        return new GpcProofPreparation(boundConfig, circuit, inputs, outputs, o => RevealedClaims(boundConfig, circuit, proofInputs, o));
    }

    private static GpcBinding Bind(GpcProofConfig proofConfig, GpcRequirements requirements)
    {
        GpcCircuitDescription circuit = GpcChecks.CheckCircuitRequirements(requirements, proofConfig.CircuitIdentifier, GpcChecks.ConfigParam);
        return new GpcBinding(GpcCanonicalizer.Canonicalize(proofConfig, circuit.Identifier), circuit);
    }

    /// <summary>
    /// What the proof reveals (makeRevealedClaims): per POD its revealed entries, content ID and signer key;
    /// the external nullifier with the nullifier hashes the circuit outputs; the lists and the watermark.
    /// </summary>
    private static GpcRevealedClaims RevealedClaims(GpcBoundConfig boundConfig, GpcCircuitDescription circuit, GpcProofInputs inputs, GpcCircuitSignals outputs)
    {
        var pods = new Dictionary<string, GpcRevealedObjectClaims>(StringComparer.Ordinal);
        foreach (var (podName, podConfig) in boundConfig.Pods)
        {
            SignedPod pod = inputs.Pods[podName];
            var entries = podConfig.Entries.Where(e => e.Value.IsRevealed)
                .ToDictionary(e => e.Key, e => pod.Entries[e.Key], StringComparer.Ordinal);
            bool contentId = podConfig.ContentId?.IsRevealed ?? false;
            bool signer = podConfig.SignerPublicKey?.IsRevealed ?? true;
            if (entries.Count > 0 || contentId || signer)
            {
                pods.Add(podName, new GpcRevealedObjectClaims
                {
                    Entries = entries.Count > 0 ? entries : null,
                    ContentId = contentId ? pod.ContentId : null,
                    SignerPublicKey = signer ? pod.SignerPublicKey : null,
                });
            }
        }

        GpcRevealedOwnerClaims? owner = null;
        if (inputs.Owner is { ExternalNullifier: { } externalNullifier } ownerInputs)
        {
            owner = new GpcRevealedOwnerClaims
            {
                ExternalNullifier = externalNullifier,
                NullifierHashV3 = ownerInputs.SemaphoreV3 is not null && circuit.IncludeOwnerV3
                    ? Cryptography.Fields.Fr.FromBigInteger(outputs[GpcSignalNames.OwnerV3RevealedNullifierHash].Values[0]) : null,
                NullifierHashV4 = ownerInputs.SemaphoreV4 is not null && circuit.IncludeOwnerV4
                    ? Cryptography.Fields.Fr.FromBigInteger(outputs[GpcSignalNames.OwnerV4RevealedNullifierHash].Values[0]) : null,
            };
        }

        return new GpcRevealedClaims
        {
            Pods = pods,
            Owner = owner,
            MembershipLists = inputs.MembershipLists,
            Watermark = inputs.Watermark,
        };
    }
}
