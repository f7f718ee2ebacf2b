using System.Numerics;
using Pod.Cryptography.Fields;
using Pod.Gpc.Circuits;
using Pod.Gpc.Config;

namespace Pod.Gpc.Compilation;

/// <summary>
/// The verifier's side of GPC up to the Groth16 step: checks a bound config and revealed claims against
/// each other and rebuilds the public signals the proof must have, exactly as @pcd/gpc 0.4.1.
/// </summary>
public static class GpcVerifier
{
    /// <summary>
    /// Checks a bound config and its claims and compiles the public inputs and outputs of the proof
    /// (gpcPreVerify), with the public signals in snarkjs's order.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="GpcConfigException">The config or claims break a rule, or disagree; the path names the field.</exception>
    public static GpcVerifyPreparation PreVerify(GpcBoundConfig boundConfig, GpcRevealedClaims revealedClaims)
    {
        ArgumentNullException.ThrowIfNull(boundConfig);
        ArgumentNullException.ThrowIfNull(revealedClaims);
        GpcProofConfig config = boundConfig.ToProofConfig();
        GpcRequirements requirements = GpcChecks.CheckVerifyArgs(boundConfig, config, revealedClaims);
        GpcCircuitDescription circuit = GpcChecks.CheckCircuitRequirements(requirements, boundConfig.CircuitIdentifier, GpcChecks.BoundConfigParam);
        var (publicInputs, outputs) = CircuitCompiler.CompileVerify(new CompilerLayout(circuit, config, GpcChecks.BoundConfigParam), revealedClaims);
        return new GpcVerifyPreparation(circuit, publicInputs, outputs, PublicSignals(publicInputs, outputs));
    }

    /// <summary>
    /// ProtoPODGPC.makePublicSignals: the outputs then the public inputs, flattened; the range bounds are
    /// reduced mod r (a negative bound -n becomes r - n), the rest is passed as it is.
    /// </summary>
    private static BigInteger[] PublicSignals(GpcCircuitSignals publicInputs, GpcCircuitSignals outputs) =>
        outputs.Concat(publicInputs)
            .SelectMany(s => s.Name is "numericMinValues" or "numericMaxValues" ? s.Values.Select(ReduceModR) : s.Values)
            .ToArray();

    private static BigInteger ReduceModR(BigInteger value) => ((value % Fr.Modulus) + Fr.Modulus) % Fr.Modulus;
}
